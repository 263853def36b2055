package dev.realtime.hub;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.realtime.hub.Handlers.BinaryHandler;
import dev.realtime.hub.Handlers.ConnectHandler;
import dev.realtime.hub.Handlers.DisconnectHandler;
import dev.realtime.hub.Handlers.MembershipHandler;
import dev.realtime.hub.Handlers.MessageHandler;
import dev.realtime.hub.Handlers.TextHandler;
import dev.realtime.metrics.RealtimeMetrics;
import dev.realtime.protocol.Json;
import dev.realtime.transport.Connection;
import dev.realtime.transport.ConnectionListener;
import dev.realtime.transport.OutboundMessage;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Tracks clients and rooms and routes their messages; the heart of a real-time application.
 *
 * <p>A transport drives the hub through {@link ConnectionListener}. Inbound JSON objects are
 * decoded once and routed by their {@code type} to the handler registered with {@link
 * Builder#on}; a hub built with {@link Builder#onText} receives raw text instead. Broadcasts encode
 * once and share one immutable payload among all recipients.
 *
 * <p>There is no global lock and no dispatch thread: membership lives in concurrent maps, handlers
 * run on the transport's threads, and unrelated rooms proceed in parallel. Several hubs can live in
 * one JVM.
 */
public final class Hub implements ConnectionListener {
  private final HubSettings settings;
  private final RealtimeMetrics metrics;
  private final Map<String, MessageHandler> handlers;
  private final TextHandler textHandler;
  private final BinaryHandler binaryHandler;
  private final List<ConnectHandler> connectHandlers;
  private final List<DisconnectHandler> disconnectHandlers;
  private final List<MembershipHandler> membershipHandlers;
  private final Map<Connection, Client> byConnection = new ConcurrentHashMap<>();
  private final Map<String, Client> byId = new ConcurrentHashMap<>();
  private final Map<String, Room> rooms = new ConcurrentHashMap<>();
  private final Map<String, Set<Client>> byUser = new ConcurrentHashMap<>();
  private final AtomicLong nextId = new AtomicLong();
  private final Dispatcher dispatcher;
  private final java.util.function.LongSupplier ticker;

  private Hub(Builder builder) {
    this.ticker = builder.ticker;
    this.settings = builder.settings;
    this.metrics = builder.metrics;
    this.handlers = Map.copyOf(builder.handlers);
    this.textHandler = builder.textHandler;
    this.binaryHandler = builder.binaryHandler;
    this.connectHandlers = List.copyOf(builder.connectHandlers);
    this.disconnectHandlers = List.copyOf(builder.disconnectHandlers);
    this.membershipHandlers = List.copyOf(builder.membershipHandlers);
    this.dispatcher = new Dispatcher(this);
  }

  /** Starts configuring a hub. */
  public static Builder builder() {
    return new Builder();
  }

  /** The limits this hub applies. */
  public HubSettings settings() {
    return settings;
  }

  /** The metrics this hub reports to. */
  public RealtimeMetrics metrics() {
    return metrics;
  }

  // ---- queries ----

  /** A connected client by its hub id. */
  public Optional<Client> client(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** A snapshot of the connected clients. */
  public Set<Client> clients() {
    return Set.copyOf(byId.values());
  }

  /** The number of connected clients. */
  public int clientCount() {
    return byId.size();
  }

  /** A room by name, if it has members. */
  public Optional<Room> room(String name) {
    return Optional.ofNullable(rooms.get(name));
  }

  /** The names of the rooms that have members. */
  public Set<String> roomNames() {
    return Set.copyOf(rooms.keySet());
  }

  /** The connections of one user. */
  public Set<Client> clientsOf(String user) {
    Set<Client> clients = byUser.get(user);
    return clients == null ? Set.of() : Set.copyOf(clients);
  }

  /** A consistent-enough snapshot of rooms, members and totals for monitoring. */
  public HubStats stats() {
    Map<String, HubStats.RoomStats> roomStats = new java.util.TreeMap<>();
    for (Room room : rooms.values()) {
      List<String> names = room.userNames();
      int count = room.size();
      if (count > 0) {
        roomStats.put(room.name(), new HubStats.RoomStats(count, names));
      }
    }
    return new HubStats(roomStats, byId.size(), byUser.size());
  }

  // ---- sending ----

  /** Sends to every connected client; returns how many accepted it. */
  public int broadcast(OutboundMessage message) {
    int delivered = 0;
    for (Client client : byId.values()) {
      if (client.send(message)) {
        delivered++;
      }
    }
    return delivered;
  }

  /** Encodes once and sends to every connected client. */
  public int broadcast(JsonElement message) {
    return broadcast(Json.message(message));
  }

  /** Sends to every member of {@code room} except {@code excluded} (may be null). */
  public int broadcastToRoom(String room, OutboundMessage message, Client excluded) {
    Room target = rooms.get(room);
    return target == null ? 0 : target.broadcast(message, excluded);
  }

  /** Sends to every connection of {@code user}. */
  public int sendToUser(String user, OutboundMessage message) {
    Set<Client> clients = byUser.get(user);
    if (clients == null) {
      return 0;
    }
    int delivered = 0;
    for (Client client : clients) {
      if (client.send(message)) {
        delivered++;
      }
    }
    return delivered;
  }

  // ---- membership ----

  boolean join(Client client, String roomName) {
    Objects.requireNonNull(roomName, "room");
    if (client.isDisconnected()) {
      return false;
    }
    if (!client.roomSet().contains(roomName) && client.roomSet().size() >= settings.maxRoomsPerClient()) {
      throw new dev.realtime.protocol.ProtocolException(
          "too_many_rooms", "a connection may be in at most " + settings.maxRoomsPerClient() + " rooms");
    }
    boolean[] added = new boolean[2];
    Room room =
        rooms.compute(
            roomName,
            (name, existing) -> {
              Room target = existing;
              if (target == null) {
                target = new Room(name);
                added[1] = true;
              }
              added[0] = target.members.add(client);
              if (added[0]) {
                client.roomSet().add(name);
              }
              return target;
            });
    if (added[1]) {
      metrics.roomCreated();
    }
    if (!added[0]) {
      return false;
    }
    if (client.isDisconnected()) {
      // Lost a race with the disconnect's cleanup: undo, so no room keeps a dead client.
      leave(client, roomName);
      return false;
    }
    fireMembership(room, client, true);
    return true;
  }

  boolean leave(Client client, String roomName) {
    Objects.requireNonNull(roomName, "room");
    boolean[] outcome = new boolean[2];
    Room[] left = new Room[1];
    rooms.computeIfPresent(
        roomName,
        (name, room) -> {
          outcome[0] = room.members.remove(client);
          client.roomSet().remove(name);
          left[0] = room;
          if (room.members.isEmpty()) {
            outcome[1] = true;
            return null;
          }
          return room;
        });
    if (outcome[1]) {
      metrics.roomRemoved();
    }
    if (!outcome[0]) {
      return false;
    }
    fireMembership(left[0], client, false);
    return true;
  }

  void changeUser(Client client, String oldUser, String newUser) {
    if (oldUser != null) {
      removeFromUser(client, oldUser);
    }
    if (!client.isDisconnected()) {
      // Most users hold one or two connections: a copy-on-write set is far smaller than a map.
      byUser.computeIfAbsent(newUser, u -> new java.util.concurrent.CopyOnWriteArraySet<>()).add(client);
      if (client.isDisconnected()) {
        removeFromUser(client, newUser);
      }
    }
  }

  private void removeFromUser(Client client, String user) {
    byUser.computeIfPresent(
        user,
        (u, clients) -> {
          clients.remove(client);
          return clients.isEmpty() ? null : clients;
        });
  }

  private void fireMembership(Room room, Client client, boolean joined) {
    for (MembershipHandler handler : membershipHandlers) {
      dispatcher.run(client, () -> handler.changed(room, client, joined));
    }
  }

  // ---- transport callbacks ----

  /** Registers a new connection and runs the connect handlers. */
  @Override
  public void onOpen(Connection connection) {
    Client client = new Client(Long.toString(nextId.incrementAndGet()), connection, this, ticker.getAsLong());
    if (byConnection.putIfAbsent(connection, client) != null) {
      throw new IllegalStateException("connection opened twice: " + connection.id());
    }
    byId.put(client.id(), client);
    metrics.connectionOpened();
    client.principal().ifPresent(principal -> client.setUser(principal.userId()));
    for (ConnectHandler handler : connectHandlers) {
      if (!dispatcher.runOnConnect(client, () -> handler.connected(client))) {
        return;
      }
    }
  }

  /** Routes a text frame to the text handler or, decoded, to the handler for its type. */
  @Override
  public void onText(Connection connection, String text) {
    Client client = byConnection.get(connection);
    if (client == null) {
      return;
    }
    metrics.messageReceived(com.google.common.base.Utf8.encodedLength(text));
    if (!admit(client)) {
      return;
    }
    if (textHandler != null) {
      dispatcher.run(client, () -> textHandler.handle(client, text));
    } else {
      dispatcher.dispatchJson(client, text, handlers);
    }
  }

  /** Routes a binary frame to the binary handler, or closes with 1003 if there is none. */
  @Override
  public void onBinary(Connection connection, ByteBuffer data) {
    Client client = byConnection.get(connection);
    if (client == null) {
      return;
    }
    metrics.messageReceived(data.remaining());
    if (!admit(client)) {
      return;
    }
    if (binaryHandler != null) {
      dispatcher.run(client, () -> binaryHandler.handle(client, data));
    } else {
      metrics.error();
      client.close(dev.realtime.protocol.CloseCodes.UNSUPPORTED_DATA, "binary messages are not accepted");
    }
  }

  /** Applies the client's rate limit; returns whether the message may be handled. */
  private boolean admit(Client client) {
    switch (client.throttle().onMessage(ticker.getAsLong())) {
      case ACCEPT:
        return true;
      case REFUSE:
        metrics.error();
        client.send(Json.error("rate_limited", "too many messages; slow down", null));
        return false;
      default:
        metrics.error();
        client.close(dev.realtime.protocol.CloseCodes.POLICY_VIOLATION, "rate limit exceeded");
        return false;
    }
  }

  /** Removes the client from its rooms and user, then runs the disconnect handlers. */
  @Override
  public void onClose(Connection connection, int code, String reason, boolean remote) {
    Client client = byConnection.remove(connection);
    if (client == null) {
      return;
    }
    client.markDisconnected();
    byId.remove(client.id());
    Set<String> roomsLeft = Set.copyOf(client.roomSet());
    for (String room : roomsLeft) {
      leave(client, room);
    }
    client.user().ifPresent(user -> removeFromUser(client, user));
    metrics.connectionClosed();
    for (DisconnectHandler handler : disconnectHandlers) {
      dispatcher.run(client, () -> handler.disconnected(client, roomsLeft, code, reason));
    }
  }

  /** Counts a transport error; the transport closes the connection if it cannot go on. */
  @Override
  public void onError(Connection connection, Throwable error) {
    metrics.error();
    Dispatcher.log.debug("transport error on {}", connection.id(), error);
  }

  @Override
  public String toString() {
    return "Hub[" + byId.size() + " clients, " + rooms.size() + " rooms]";
  }

  /** Configures a {@link Hub}; handlers are fixed once built, so routing needs no locks. */
  public static final class Builder {
    private HubSettings settings = HubSettings.DEFAULTS;
    private RealtimeMetrics metrics = RealtimeMetrics.noop();
    private final Map<String, MessageHandler> handlers = new java.util.HashMap<>();
    private TextHandler textHandler;
    private BinaryHandler binaryHandler;
    private final List<ConnectHandler> connectHandlers = new ArrayList<>();
    private final List<DisconnectHandler> disconnectHandlers = new ArrayList<>();
    private final List<MembershipHandler> membershipHandlers = new ArrayList<>();
    private java.util.function.LongSupplier ticker = System::nanoTime;

    private Builder() {}

    /** The nanosecond time source for rate limits (tests substitute a manual one). */
    public Builder ticker(java.util.function.LongSupplier ticker) {
      this.ticker = Objects.requireNonNull(ticker, "ticker");
      return this;
    }

    /** Sets the queue limits and slow-consumer policy. */
    public Builder settings(HubSettings settings) {
      this.settings = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /** Sets where the hub reports events. */
    public Builder metrics(RealtimeMetrics metrics) {
      this.metrics = Objects.requireNonNull(metrics, "metrics");
      return this;
    }

    /** Routes JSON objects whose {@code type} is {@code type} to {@code handler}. */
    public Builder on(String type, MessageHandler handler) {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(handler, "handler");
      if (handlers.putIfAbsent(type, handler) != null) {
        throw new IllegalArgumentException("a handler for type '" + type + "' is already set");
      }
      return this;
    }

    /** Receives every text frame raw, for protocols that are not JSON; disables JSON routing. */
    public Builder onText(TextHandler handler) {
      this.textHandler = Objects.requireNonNull(handler, "handler");
      return this;
    }

    /** Receives binary frames; without it a binary frame closes the connection with 1003. */
    public Builder onBinary(BinaryHandler handler) {
      this.binaryHandler = Objects.requireNonNull(handler, "handler");
      return this;
    }

    /** Runs when a client connects; handlers run in the order added. */
    public Builder onConnect(ConnectHandler handler) {
      connectHandlers.add(Objects.requireNonNull(handler, "handler"));
      return this;
    }

    /** Runs after a client disconnected. */
    public Builder onDisconnect(DisconnectHandler handler) {
      disconnectHandlers.add(Objects.requireNonNull(handler, "handler"));
      return this;
    }

    /** Runs after any client joined or left any room. */
    public Builder onMembershipChange(MembershipHandler handler) {
      membershipHandlers.add(Objects.requireNonNull(handler, "handler"));
      return this;
    }

    /** Builds the hub. */
    public Hub build() {
      if (textHandler != null && !handlers.isEmpty()) {
        throw new IllegalStateException("a hub takes either a raw text handler or typed handlers");
      }
      return new Hub(this);
    }
  }
}
