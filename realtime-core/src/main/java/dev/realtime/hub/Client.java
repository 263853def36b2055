package dev.realtime.hub;

import com.google.gson.JsonElement;
import dev.realtime.auth.Principal;
import dev.realtime.broker.StreamPosition;
import dev.realtime.protocol.CloseCodes;
import dev.realtime.protocol.Json;
import dev.realtime.protocol.ProtocolException;
import dev.realtime.transport.Connection;
import dev.realtime.transport.Handshake;
import dev.realtime.transport.OutboundMessage;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connected client of a hub: its connection, its user, its rooms and its attributes.
 *
 * <p>All methods are thread-safe. Sends never block: a message that would overflow the client's
 * outbound queue is handled by the hub's {@link SlowConsumerPolicy}.
 */
public final class Client {
  private static final Logger log = LoggerFactory.getLogger(Client.class);
  private static final VarHandle ROOMS;
  private static final VarHandle ATTRIBUTES;
  private static final VarHandle SLOW_CONSUMER_CLOSED;
  private static final VarHandle DISCONNECTED;
  private static final VarHandle PRESENCE_TAIL;
  private static final VarHandle THROTTLE;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      ROOMS = lookup.findVarHandle(Client.class, "rooms", Object.class);
      ATTRIBUTES = lookup.findVarHandle(Client.class, "attributes", Map.class);
      SLOW_CONSUMER_CLOSED = lookup.findVarHandle(Client.class, "slowConsumerClosed", boolean.class);
      DISCONNECTED = lookup.findVarHandle(Client.class, "disconnected", boolean.class);
      PRESENCE_TAIL = lookup.findVarHandle(Client.class, "presenceTail", CompletableFuture.class);
      THROTTLE = lookup.findVarHandle(Client.class, "throttle", InboundThrottle.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final String id;
  private final Connection connection;
  private final Hub hub;
  // A client is in few rooms and sets few attributes, and changes them rarely, while a server holds
  // tens of thousands of idle clients: both are immutable values replaced by compare-and-set
  // (Set.of() / Map.of() while empty, a map of one entry 32 bytes), not concurrent collections of
  // 80–150 bytes each. A join or attribute change copies a handful of entries. The rooms are kept
  // as a OneOrMore: the room's name itself while there is one (most clients).
  private volatile Object rooms = Set.of();
  private volatile Map<String, Object> attributes = Map.of();
  private volatile boolean slowConsumerClosed;
  // Made at the first inbound message, not at connect: most connections of a big server are idle,
  // and a throttle made then starts as full as one made at connect would be by then (the buckets
  // start full and never hold more).
  private volatile InboundThrottle throttle;
  private volatile String user;
  private volatile boolean disconnected;
  private volatile boolean hidden;
  private volatile Principal principal;
  // Two things most clients never have share one field (a field less keeps the object at 56
  // bytes, not 64): null; the token-expiry timer alone (a ScheduledFuture, as every client of a
  // hub with expiring tokens has); or, from the first join with a position on, a Recoveries with
  // the catch-ups by room and the timer (24 bytes beside its map). Replaced only under this
  // client's monitor, read without it.
  private volatile Object timerOrRecoveries;
  // The last presence operation still running, null when none is (set under this, cleared by CAS).
  private volatile CompletableFuture<?> presenceTail;

  Client(String id, Connection connection, Hub hub, Principal principal) {
    this.id = id;
    this.connection = connection;
    this.hub = hub;
    this.principal = principal;
  }

  /** This client's rate limit; {@code nowNanos} starts it full if this is the first message. */
  InboundThrottle throttle(long nowNanos) {
    InboundThrottle current = throttle;
    if (current == null) {
      InboundThrottle made = new InboundThrottle(hub.settings().rateLimit(), nowNanos);
      current = (InboundThrottle) THROTTLE.compareAndExchange(this, null, made);
      if (current == null) {
        current = made;
      }
    }
    return current;
  }

  /**
   * The hub-assigned identifier, unique across the nodes of a cluster: the broker's node id, a
   * dash and a counter ({@code node-1-42}).
   */
  public String id() {
    return id;
  }

  /** The hub this client belongs to. */
  public Hub hub() {
    return hub;
  }

  /** What the client sent when it connected. */
  public Handshake handshake() {
    return connection.handshake();
  }

  /** Who the hub's authenticator accepted this connection as (as of its last token refresh), if any. */
  public Optional<Principal> principal() {
    return Optional.ofNullable(principal);
  }

  /** The user this connection belongs to, once set. */
  public Optional<String> user() {
    return Optional.ofNullable(user);
  }

  /** Sets the user this connection belongs to (one user may hold several connections). */
  public void setUser(String user) {
    Objects.requireNonNull(user, "user");
    String previous = this.user;
    hub.registry().changeUser(this, previous, user);
    this.user = user;
    if (!user.equals(previous)) {
      for (String room : rooms()) {
        hub.presenceTracker().present(this, room);
      }
    }
  }

  /** Whether this client is left out of presence ({@link #setHidden}). */
  public boolean isHidden() {
    return hidden;
  }

  /**
   * Leaves this client out of (or puts it back into) every room's presence, for probes and
   * monitors: a hidden client receives its rooms' frames but is in no {@link Room#presence()},
   * presence change, {@link Room#userNames()} or room count of {@link Hub#stats()}.
   */
  public void setHidden(boolean hide) {
    synchronized (this) {
      if (hidden == hide) {
        return;
      }
      if (hide) {
        rooms().forEach(room -> hub.presenceTracker().absent(this, room));
        hidden = true;
      } else {
        hidden = false;
        rooms().forEach(room -> hub.presenceTracker().present(this, room));
      }
    }
  }

  /** The names of the rooms this client is in. */
  public Set<String> rooms() {
    return OneOrMore.asSet(rooms); // immutable: a snapshot already
  }

  /** Whether this client is in {@code room}. */
  public boolean inRoom(String room) {
    return OneOrMore.contains(rooms, room);
  }

  /**
   * Joins {@code room}, creating it if needed; returns false if already a member or gone.
   *
   * <p>The hub's {@code onJoin} handlers run before this returns.
   *
   * @throws ProtocolException {@code too_many_rooms} when the client is already in {@link
   *     HubSettings#maxRoomsPerClient()} rooms (inside a handler, this answers the client with an
   *     error frame)
   */
  public boolean join(String room) {
    if (!hub.registry().join(this, room)) {
      return false;
    }
    hub.presenceTracker().present(this, room);
    hub.dispatcher().joined(this, room);
    return true;
  }

  /**
   * Joins {@code room} resuming from {@code since}, the position of the last room frame this
   * client saw (its {@code offset} and {@code epoch}): the client first gets, in order, every frame
   * of the room after it that history still holds, then {@code {"type":"recovery","room":…,
   * "recovered":true,"offset":…,"epoch":…}}; when history no longer covers the gap (trimmed,
   * expired, another epoch, more than the hub's recovery limit) it gets {@code "recovered":false}
   * with the current position and nothing replayed. Live frames arriving meanwhile follow, without
   * gap or duplicate. Returns false, doing nothing, if already a member or gone.
   *
   * @throws ProtocolException {@code too_many_rooms}, as {@link #join(String)}
   */
  public boolean join(String room, StreamPosition since) {
    Objects.requireNonNull(room, "room");
    Objects.requireNonNull(since, "since");
    if (inRoom(room)) {
      return false;
    }
    Recovery recovery = new Recovery(
        this, room, since, hub.settings().maxQueuedMessages(), hub.metrics());
    recoveries().put(room, recovery);
    boolean joined;
    try {
      joined = hub.registry().join(this, room);
    } catch (RuntimeException e) {
      detachRecovery(room, recovery);
      throw e;
    }
    if (!joined) {
      detachRecovery(room, recovery);
      return false;
    }
    hub.presenceTracker().present(this, room);
    hub.fanOut().recover(recovery);
    hub.dispatcher().joined(this, room);
    return true;
  }

  /** Leaves {@code room}; returns false if not a member. The {@code onLeave} handlers run before this returns. */
  public boolean leave(String room) {
    if (!hub.registry().leave(this, room)) {
      return false;
    }
    Recovery recovery = recovery(room);
    if (recovery != null) {
      recovery.cancel();
      detachRecovery(room, recovery);
    }
    hub.presenceTracker().absent(this, room);
    hub.dispatcher().left(this, room);
    return true;
  }

  /** An application attribute, if set. */
  @SuppressWarnings("unchecked")
  public <T> Optional<T> attribute(String key) {
    return Optional.ofNullable((T) attributes.get(key));
  }

  /** Sets an application attribute; a null value removes it. */
  public void setAttribute(String key, Object value) {
    Objects.requireNonNull(key, "key");
    while (true) {
      Map<String, Object> current = attributes;
      if (value == null ? !current.containsKey(key) : value == current.get(key)) {
        return;
      }
      Map<String, Object> next = new HashMap<>(current);
      if (value == null) {
        next.remove(key);
      } else {
        next.put(key, value);
      }
      if (ATTRIBUTES.compareAndSet(this, current, Map.copyOf(next))) {
        return;
      }
    }
  }

  /** Sends a message, applying the hub's slow-consumer policy; returns whether it was queued. */
  public boolean send(OutboundMessage message) {
    return send(message, hub.settings().slowConsumerPolicy());
  }

  /** Encodes and sends a JSON message. */
  public boolean send(JsonElement message) {
    return send(Json.message(message));
  }

  /** Sends a message that may be dropped if the client is behind, never disconnecting it. */
  public boolean sendLossy(OutboundMessage message) {
    return send(message, SlowConsumerPolicy.DROP);
  }

  /** Sends an error frame {@code {"type":"error","code":…,"message":…}}. */
  public boolean sendError(String code, String message) {
    return send(Json.error(code, message, null));
  }

  /** Outbound bytes not yet written to the socket. */
  public long queuedBytes() {
    return connection.queuedBytes();
  }

  /** Outbound messages not yet written to the socket. */
  public int queuedMessages() {
    return connection.queuedMessages();
  }

  /** Whether the connection is open. */
  public boolean isOpen() {
    return !disconnected && connection.isOpen();
  }

  /** Closes the connection with a code and reason. */
  public void close(int code, String reason) {
    connection.close(code, reason);
  }

  Connection connection() {
    return connection;
  }

  /** The catch-up in progress in {@code room}, or null (the common case: one volatile read). */
  Recovery recovery(String room) {
    return timerOrRecoveries instanceof Recoveries current ? current.byRoom.get(room) : null;
  }

  void detachRecovery(String room, Recovery recovery) {
    if (timerOrRecoveries instanceof Recoveries current) {
      current.byRoom.remove(room, recovery);
    }
  }

  private Map<String, Recovery> recoveries() {
    if (timerOrRecoveries instanceof Recoveries current) {
      return current.byRoom;
    }
    synchronized (this) {
      Object current = timerOrRecoveries;
      if (current instanceof Recoveries recoveries) {
        return recoveries.byRoom;
      }
      Recoveries made = new Recoveries((ScheduledFuture<?>) current);
      timerOrRecoveries = made;
      return made.byRoom;
    }
  }

  /** Runs one presence operation after the previous one of this client finished, so they keep their order. */
  void chainPresence(Supplier<CompletionStage<?>> step) {
    synchronized (this) {
      CompletableFuture<?> running = presenceTail; // one read: a completion may clear it meanwhile
      CompletableFuture<?> previous = running == null ? CompletableFuture.completedFuture(null) : running;
      CompletableFuture<?> next = previous
          .handle((ignored, failure) -> null)
          .thenCompose(ignored -> {
            try {
              return step.get();
            } catch (RuntimeException e) {
              return CompletableFuture.failedFuture(e);
            }
          })
          .whenComplete((ignored, failure) -> {
            if (failure != null) {
              log.debug("presence of {} not updated: {}", this, failure.toString());
            }
          });
      presenceTail = next;
      // Nothing to keep once the chain has run (usually at once, with the in-memory broker). A
      // compare-and-set, not this monitor: the broker's thread completing the step must not wait.
      next.whenComplete((ignored, failure) -> PRESENCE_TAIL.compareAndSet(this, next, null));
    }
  }


  /** Records that the client is in {@code room} (the registry calls this under the room's lock). */
  void addRoom(String room) {
    changeRooms(room, true);
  }

  /** Records that the client left {@code room}. */
  void removeRoom(String room) {
    changeRooms(room, false);
  }

  private void changeRooms(String room, boolean in) {
    while (true) {
      Object current = rooms;
      Set<String> names = OneOrMore.asSet(current);
      if (names.contains(room) == in) {
        return;
      }
      Set<String> next = new HashSet<>(names);
      if (in) {
        next.add(room);
      } else {
        next.remove(room);
      }
      if (ROOMS.compareAndSet(this, current, OneOrMore.keep(next))) {
        return;
      }
    }
  }

  boolean isDisconnected() {
    return disconnected;
  }

  /** Marks this client disconnected; returns whether this call did (false if it already was). */
  boolean markDisconnected() {
    return DISCONNECTED.compareAndSet(this, false, true);
  }

  void setPrincipal(Principal principal) {
    this.principal = principal;
  }

  /** Cancels the pending token-expiry timer, if any, and keeps {@code next} (may be null). */
  synchronized void replaceExpiry(ScheduledFuture<?> next) {
    Object current = timerOrRecoveries;
    ScheduledFuture<?> expiry =
        current instanceof Recoveries recoveries ? recoveries.expiry : (ScheduledFuture<?>) current;
    if (expiry != null) {
      expiry.cancel(false);
    }
    if (current instanceof Recoveries recoveries) {
      recoveries.expiry = next;
    } else {
      timerOrRecoveries = next;
    }
  }

  /** A client's catch-ups by room, and its token-expiry timer once it has them. */
  private static final class Recoveries {
    final Map<String, Recovery> byRoom = new ConcurrentHashMap<>(4);
    // Guarded by the client's monitor, as the field it replaces.
    ScheduledFuture<?> expiry;

    Recoveries(ScheduledFuture<?> expiry) {
      this.expiry = expiry;
    }
  }

  private boolean send(OutboundMessage message, SlowConsumerPolicy policy) {
    Objects.requireNonNull(message, "message");
    if (disconnected) {
      return false;
    }
    HubSettings settings = hub.settings();
    Connection.Offer offer =
        connection.offer(message, settings.maxQueuedBytes(), settings.maxQueuedMessages());
    if (offer == Connection.Offer.QUEUED) {
      hub.metrics().messageSent(message.size());
      return true;
    }
    if (offer == Connection.Offer.FULL) {
      if (policy == SlowConsumerPolicy.DROP) {
        hub.metrics().messageDropped();
      } else if (SLOW_CONSUMER_CLOSED.compareAndSet(this, false, true)) {
        hub.metrics().slowConsumerDisconnected();
        connection.close(CloseCodes.TRY_AGAIN_LATER, "slow consumer");
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return "Client[" + id + (user == null ? "" : ", " + user) + "]";
  }
}
