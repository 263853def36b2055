package dev.realtime.examples.chat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.realtime.hub.Client;
import dev.realtime.hub.Hub;
import dev.realtime.hub.HubStats;
import dev.realtime.hub.MessageHandler;
import dev.realtime.hub.RoomHandler;
import dev.realtime.protocol.ErrorCodes;
import dev.realtime.protocol.Json;
import dev.realtime.protocol.ProtocolException;
import java.time.Clock;
import java.time.Duration;

/**
 * The chat application on a {@link Hub}, speaking the chat protocol of {@code docs/protocol.md}.
 *
 * <p>A client connects to {@code /ws?username=U&room=R} and is in room R. It sends {@code
 * {"type":"message","content":…}} (optionally {@code "metadata":{"room":…}} for another room it
 * joined); every member of the room, sender included, receives the message with the sender's
 * name, a timestamp and the room. Joins and leaves are announced by the {@code system} user, and
 * user lists follow membership changes, coalesced per room. A client that an authenticator
 * accepted is named after its principal's display name; {@code ?username} is then ignored.
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

  private static final String HOME_ROOM = "chat.homeRoom";

  private final Hub hub;
  private final ChatMessages messages;

  /**
   * Builds the chat hub from {@code hub} (which may carry an authenticator and the subprotocols it
   * needs); {@code scheduler} runs the coalesced user-list updates.
   */
  public ChatService(Hub.Builder hub, Clock clock, UserListCoalescer.Scheduler scheduler) {
    this(hub, clock, scheduler, Duration.ofSeconds(1));
  }

  ChatService(Hub.Builder builder, Clock clock, UserListCoalescer.Scheduler scheduler, Duration usersInterval) {
    this.messages = new ChatMessages(clock);
    UserListCoalescer[] coalescer = new UserListCoalescer[1];
    this.hub =
        builder
            .onConnect(ctx -> connected(ctx.client()))
            .on("message", this::message)
            .on("join_room", ctx -> ctx.client().join(roomArgument(ctx.message(), true)))
            .on("leave_room", this::leaveRoom)
            .on("users", this::users)
            .onJoin(ctx -> {
              announce(ctx, true);
              coalescer[0].changed(ctx.room().name());
            })
            .onLeave(ctx -> {
              announce(ctx, false);
              coalescer[0].changed(ctx.room().name());
            })
            .build();
    coalescer[0] = new UserListCoalescer(hub, clock, scheduler, usersInterval);
  }

  /** The hub to route at {@code /ws}. */
  public Hub hub() {
    return hub;
  }

  /** The {@code /stats} document: rooms with their members, and the total of clients. */
  public JsonObject stats() {
    HubStats stats = hub.stats();
    JsonObject rooms = new JsonObject();
    stats.rooms().forEach((name, room) -> {
      JsonObject entry = new JsonObject();
      entry.addProperty("client_count", room.clientCount());
      entry.add("clients", Json.gson().toJsonTree(room.clients()));
      rooms.add(name, entry);
    });
    JsonObject body = new JsonObject();
    body.add("rooms", rooms);
    body.addProperty("total_clients", stats.totalClients());
    return body;
  }

  private void connected(Client client) {
    // An authenticated client is who its token says, whatever ?username claims.
    String username = client.principal()
        .map(principal -> truncate(principal.displayName().trim()))
        .filter(name -> !name.isEmpty())
        .orElseGet(() -> name(client.handshake().query("username").orElse(""), DEFAULT_USERNAME, "username"));
    String room = name(client.handshake().query("room").orElse(""), DEFAULT_ROOM, "room");
    client.setUser(username);
    client.setAttribute(HOME_ROOM, room);
    client.join(room);
  }

  private void announce(RoomHandler.Context ctx, boolean joined) {
    String name = ctx.client().user().orElse(DEFAULT_USERNAME);
    String room = ctx.room().name();
    ctx.room().broadcast(joined ? messages.joined(name, room) : messages.left(name, room));
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
    String room = targetRoom(client, message);
    hub.room(room).broadcast(messages.chat("message", text, client.user().orElse(DEFAULT_USERNAME), room));
  }

  private void leaveRoom(MessageHandler.Context ctx) {
    String room = roomArgument(ctx.message(), true);
    if (!ctx.client().leave(room)) {
      throw new ProtocolException(ErrorCodes.FORBIDDEN, "not in room '" + room + "'");
    }
  }

  private void users(MessageHandler.Context ctx) {
    String room = targetRoom(ctx.client(), ctx.message());
    ctx.client().send(ChatMessages.users(room, hub.room(room).userNames()));
  }

  /** The room a request addresses: {@code metadata.room} if given, else the home room; must be joined. */
  private String targetRoom(Client client, JsonObject message) {
    String room = roomArgument(message, false);
    if (room == null) {
      room = client.<String>attribute(HOME_ROOM).orElse(DEFAULT_ROOM);
    }
    if (!client.inRoom(room)) {
      throw new ProtocolException(ErrorCodes.FORBIDDEN, "not in room '" + room + "'");
    }
    return room;
  }

  private static String roomArgument(JsonObject message, boolean required) {
    JsonElement metadata = message.get("metadata");
    JsonElement room = null;
    if (metadata != null && !metadata.isJsonNull()) {
      if (!metadata.isJsonObject()) {
        throw ProtocolException.invalid("field 'metadata' must be an object");
      }
      room = metadata.getAsJsonObject().get("room");
    }
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
