package dev.realtime.examples.chat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.realtime.broker.Broker;
import dev.realtime.broker.StreamPosition;
import dev.realtime.hub.Client;
import dev.realtime.hub.Hub;
import dev.realtime.hub.MessageHandler;
import dev.realtime.hub.PresenceHandler;
import dev.realtime.hub.RoomHandler;
import dev.realtime.protocol.ErrorCodes;
import dev.realtime.protocol.Json;
import dev.realtime.protocol.ProtocolException;
import dev.realtime.transport.OutboundMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chat application on a {@link Hub}, speaking the chat protocol of {@code docs/protocol.md},
 * on one node or on many sharing a broker.
 *
 * <p>A client connects to {@code /ws?username=U&room=R} (optionally {@code &since=N&epoch=E} to
 * resume R from a position) and is told its connection id and node ({@code welcome}), then is in
 * room R. It sends {@code {"type":"message","content":…}} (optionally {@code "metadata":{"room":…}}
 * for another room it joined, and an {@code id} that errors echo); every member of the room on
 * every node, sender included, receives it with the sender's name and connection id, a timestamp
 * and the room. Joins and leaves are announced by the {@code system} user, coalesced per room
 * when they come fast ({@link RoomNotices}). A joiner gets the
 * room's whole user list; members then get only what changed ({@code presence}), coalesced per
 * room. A client that an authenticator accepted is named after its principal's display name;
 * {@code ?username} is then ignored. A connection with {@code ?probe=1} (the monitoring page's
 * connection test) is hidden and joins no room: it can ping, nothing else.
 */
public final class ChatService {
  /** The username of a client that gives none. */
  public static final String DEFAULT_USERNAME = "Anonymous";
  /** The room of a client that names none. */
  public static final String DEFAULT_ROOM = "general";
  /** The longest username or room name accepted. */
  public static final int MAX_NAME_LENGTH = 64;
  /** The longest message content accepted, in characters. */
  public static final int MAX_CONTENT_LENGTH = 4000;
  /** The longest message {@code id} accepted, in characters. */
  public static final int MAX_ID_LENGTH = 64;

  private static final Logger log = LoggerFactory.getLogger(ChatService.class);
  private static final String HOME_ROOM = "chat.homeRoom";

  private final Hub hub;
  private final ChatMessages messages;
  private final ScheduledExecutorService scheduler;
  private final ChatStats stats;
  private final RoomNotices notices;
  /** User lists owed, per room, until the scheduler answers them; guarded by itself. */
  private final Map<String, List<ListRequest>> listRequests = new HashMap<>();

  /**
   * Builds the chat hub from {@code hub} (which may carry an authenticator and the subprotocols it
   * needs) on {@code scheduler}, which must run one task at a time: the hub's coalesced presence
   * changes and the user lists sent to joiners both run there, which keeps them in order. With
   * {@code cluster} (the node's broker, also given to {@code hub}), {@code /stats} covers every node.
   */
  public ChatService(Hub.Builder hub, Clock clock, ScheduledExecutorService scheduler, Optional<Broker> cluster) {
    this(hub, clock, scheduler, cluster, Duration.ofSeconds(1));
  }

  ChatService(Hub.Builder builder, Clock clock, ScheduledExecutorService scheduler, Optional<Broker> cluster,
      Duration interval) {
    this.messages = new ChatMessages(clock);
    this.scheduler = scheduler;
    ChatStats[] summary = new ChatStats[1];
    this.hub =
        builder
            .scheduler(scheduler)
            .presenceInterval(interval)
            .onConnect(ctx -> connected(ctx.client()))
            .on("message", this::message)
            .on("join_room", this::joinRoom)
            .on("leave_room", this::leaveRoom)
            .on("users", this::users)
            .onJoin(ctx -> {
              announce(ctx, true);
              summary[0].changed();
            })
            .onLeave(ctx -> {
              announce(ctx, false);
              summary[0].changed();
            })
            .onDisconnect(ctx -> summary[0].changed())
            .onPresence(this::presenceChanged)
            .build();
    this.notices = new RoomNotices(hub, messages, scheduler, interval);
    this.stats = new ChatStats(hub, cluster, scheduler, interval);
    summary[0] = stats;
  }

  /** The hub to route at {@code /ws}. */
  public Hub hub() {
    return hub;
  }

  /** The {@code /stats} document: rooms with their members and totals, for every node (see {@link ChatStats#document}). */
  public JsonObject stats() {
    return stats.document();
  }

  private void connected(Client client) {
    if (client.handshake().query("probe").filter(value -> value.equals("1") || value.equals("true")).isPresent()) {
      // A monitor checking that the endpoint answers: nobody should see it, and it sees nothing.
      client.setHidden(true);
      client.send(ChatMessages.welcome(client, ""));
      return;
    }
    // An authenticated client is who its token says, whatever ?username claims.
    String username = client.principal()
        .map(principal -> truncate(principal.displayName().trim()))
        .filter(name -> !name.isEmpty())
        .orElseGet(() -> name(client.handshake().query("username").orElse(""), DEFAULT_USERNAME, "username"));
    String room = name(client.handshake().query("room").orElse(""), DEFAULT_ROOM, "room");
    Optional<StreamPosition> since = ResumePoint.fromQuery(client.handshake());
    client.setUser(username);
    client.setAttribute(HOME_ROOM, room);
    client.send(ChatMessages.welcome(client, room));
    join(client, room, since, null);
  }

  private void join(Client client, String room, Optional<StreamPosition> since, JsonElement id) {
    boolean joined = since.isPresent() ? client.join(room, since.get()) : client.join(room);
    if (joined) {
      sendUsers(client, room, id);
    }
  }

  private void announce(RoomHandler.Context ctx, boolean joined) {
    if (ctx.client().isHidden()) {
      return;
    }
    String name = ctx.client().user().orElse(DEFAULT_USERNAME);
    if (joined) {
      notices.joined(ctx.room().name(), name);
    } else {
      notices.left(ctx.room().name(), name);
    }
  }

  private void message(MessageHandler.Context ctx) {
    Client client = ctx.client();
    JsonObject message = ctx.message();
    JsonElement content = message.get("content");
    if (content == null || !content.isJsonPrimitive() || !content.getAsJsonPrimitive().isString()) {
      throw ProtocolException.invalid("field 'content' must be a string");
    }
    String text = content.getAsString();
    if (text.isBlank()) {
      throw ProtocolException.invalid("field 'content' must not be empty");
    }
    if (text.length() > MAX_CONTENT_LENGTH) {
      throw ProtocolException.invalid("field 'content' exceeds " + MAX_CONTENT_LENGTH + " characters");
    }
    JsonElement id = messageId(ctx);
    String room = targetRoom(client, message);
    notices.flush(room);
    // Answers the sender "unavailable" with this id if the broker cannot take it.
    ctx.broadcast(room, messages.message(text, client, room, id));
  }

  /** The message's {@code id}, echoed in its broadcast: a string of at most 64 characters or a number. */
  private static JsonElement messageId(MessageHandler.Context ctx) {
    Optional<JsonElement> id = ctx.id();
    if (id.isEmpty()) {
      return null;
    }
    if (id.get() instanceof JsonPrimitive value
        && ((value.isString() && value.getAsString().length() <= MAX_ID_LENGTH)
            || (value.isNumber() && value.getAsString().length() <= 20))) {
      return value;
    }
    throw ProtocolException.invalid("field 'id' must be a string of at most " + MAX_ID_LENGTH + " characters or a number");
  }

  private void joinRoom(MessageHandler.Context ctx) {
    JsonObject metadata = metadata(ctx.message(), true);
    String room = roomArgument(metadata, true);
    Optional<StreamPosition> since = ResumePoint.fromMetadata(metadata);
    if (ctx.client().isHidden()) {
      throw new ProtocolException(ErrorCodes.FORBIDDEN, "a probe joins no room");
    }
    join(ctx.client(), room, since, ctx.id().orElse(null));
  }

  private void leaveRoom(MessageHandler.Context ctx) {
    String room = roomArgument(metadata(ctx.message(), true), true);
    if (!ctx.client().leave(room)) {
      throw new ProtocolException(ErrorCodes.FORBIDDEN, "not in room '" + room + "'");
    }
  }

  private void users(MessageHandler.Context ctx) {
    String room = targetRoom(ctx.client(), ctx.message());
    sendUsers(ctx.client(), room, ctx.id().orElse(null));
  }

  /**
   * Sends {@code client} the room's whole user list, from the scheduler thread: presence changes
   * are sent from there too, so the list is taken between two change frames and the next change
   * frame the client gets is the first one after its list. Requests for a room that arrive before
   * the scheduler gets to it are answered together, with one list read and encoded once: when a
   * thousand people join a room in a second, building a thousand lists of up to a thousand names
   * would be the node's main work.
   */
  private void sendUsers(Client client, String room, JsonElement id) {
    boolean first;
    synchronized (listRequests) {
      List<ListRequest> waiting = listRequests.computeIfAbsent(room, key -> new ArrayList<>());
      first = waiting.isEmpty();
      waiting.add(new ListRequest(client, id));
    }
    if (!first) {
      return; // a task for this room is on its way and will answer this request too
    }
    try {
      scheduler.execute(() -> answerUsers(room));
    } catch (RejectedExecutionException e) {
      synchronized (listRequests) {
        listRequests.remove(room);
      }
      log.debug("shutting down; no user list for {}", client);
    }
  }

  private void answerUsers(String room) {
    List<ListRequest> waiting;
    synchronized (listRequests) {
      waiting = listRequests.remove(room);
    }
    waiting.removeIf(request -> !request.client().inRoom(room));
    if (waiting.isEmpty()) {
      return;
    }
    hub.room(room).presence().whenComplete((presence, failure) -> {
      if (failure != null) {
        waiting.forEach(request -> request.client().send(
            Json.error(ErrorCodes.UNAVAILABLE, "the user list cannot be read right now; ask again", request.id())));
        return;
      }
      JsonObject users = ChatMessages.users(presence);
      OutboundMessage shared = null;
      for (ListRequest request : waiting) {
        if (request.id() == null) {
          shared = shared == null ? Json.message(users) : shared;
          request.client().send(shared);
        } else {
          JsonObject answer = users.deepCopy();
          answer.add("id", request.id());
          request.client().send(answer);
        }
      }
    });
  }

  /** A user list owed to a client, with the id of the request that asked for it (null: a join). */
  private record ListRequest(Client client, JsonElement id) {}

  /**
   * Tells this node's members what changed in a room's user list, for the whole cluster: users
   * who came and went, and the new connection count of every user whose count changed. Every node
   * runs this for its own members, so the cost of a change is one small frame per member.
   */
  private void presenceChanged(PresenceHandler.Context ctx) {
    Set<String> changed = new TreeSet<>();
    ctx.joined().forEach(client -> changed.add(client.user()));
    ctx.left().forEach(client -> changed.add(client.user()));
    changed.remove("");
    if (changed.isEmpty()) {
      return;
    }
    Map<String, Integer> now = ctx.presence().users();
    Map<String, Integer> connections = new TreeMap<>();
    changed.forEach(user -> connections.put(user, now.getOrDefault(user, 0)));
    ctx.sendToMembers(ChatMessages.presence(ctx.room().name(), ctx.usersJoined(), ctx.usersLeft(), connections));
  }

  /** The room a request addresses: {@code metadata.room} if given, else the home room; must be joined. */
  private String targetRoom(Client client, JsonObject message) {
    String room = roomArgument(metadata(message, false), false);
    if (room == null) {
      room = client.<String>attribute(HOME_ROOM).orElse(DEFAULT_ROOM);
    }
    if (!client.inRoom(room)) {
      throw new ProtocolException(ErrorCodes.FORBIDDEN, "not in room '" + room + "'");
    }
    return room;
  }

  /** The message's {@code metadata} object, or an empty one when it has none and none is required. */
  private static JsonObject metadata(JsonObject message, boolean required) {
    JsonElement metadata = message.get("metadata");
    if (metadata == null || metadata.isJsonNull()) {
      if (required) {
        throw ProtocolException.invalid("field 'metadata.room' is required");
      }
      return new JsonObject();
    }
    if (!metadata.isJsonObject()) {
      throw ProtocolException.invalid("field 'metadata' must be an object");
    }
    return metadata.getAsJsonObject();
  }

  private static String roomArgument(JsonObject metadata, boolean required) {
    JsonElement room = metadata.get("room");
    if (room == null || room.isJsonNull()) {
      if (required) {
        throw ProtocolException.invalid("field 'metadata.room' is required");
      }
      return null;
    }
    if (!room.isJsonPrimitive() || !room.getAsJsonPrimitive().isString()) {
      throw ProtocolException.invalid("field 'metadata.room' must be a string");
    }
    String name = room.getAsString().trim();
    if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
      throw ProtocolException.invalid("field 'metadata.room' must be 1 to " + MAX_NAME_LENGTH + " characters");
    }
    return name;
  }

  /** Names from a signed token are trusted but may be long; cut rather than refuse the user. */
  private static String truncate(String name) {
    if (name.length() <= MAX_NAME_LENGTH) {
      return name;
    }
    int end = Character.isHighSurrogate(name.charAt(MAX_NAME_LENGTH - 1)) ? MAX_NAME_LENGTH - 1 : MAX_NAME_LENGTH;
    return name.substring(0, end);
  }

  private static String name(String given, String fallback, String what) {
    String trimmed = given.trim();
    if (trimmed.isEmpty()) {
      return fallback;
    }
    if (trimmed.length() > MAX_NAME_LENGTH) {
      throw ProtocolException.invalid(what + " must be at most " + MAX_NAME_LENGTH + " characters");
    }
    return trimmed;
  }
}
