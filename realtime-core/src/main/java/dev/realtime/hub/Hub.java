package dev.realtime.hub;

import com.google.gson.JsonElement;
import dev.realtime.auth.Authenticator;
import dev.realtime.auth.OriginPolicy;
import dev.realtime.broker.Broker;
import dev.realtime.broker.StreamPosition;
import dev.realtime.broker.memory.InMemoryBroker;
import dev.realtime.metrics.RealtimeMetrics;
import dev.realtime.protocol.Json;
import dev.realtime.transport.ConnectionListener;
import dev.realtime.transport.Endpoint;
import dev.realtime.transport.OutboundMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Tracks clients and rooms and routes their messages: the object a real-time application is
 * written against.
 *
 * <p>Configure it with {@link #builder()}: handlers per message {@code type}, connect, join, leave
 * and disconnect callbacks, authentication and the origins allowed. Route it on a transport (a
 * hub is an {@link Endpoint}); inbound JSON objects are decoded once and routed by their {@code
 * type}, and broadcasts encode once and share one immutable frame among all recipients.
 *
 * <p>There is no global lock and no dispatch thread: membership lives in concurrent maps, handlers
 * run on the transport's threads, and unrelated rooms proceed in parallel. Several hubs can live in
 * one JVM. All methods are thread-safe.
 *
 * <p>Every room broadcast, user send and hub-wide broadcast goes through a {@link Broker}: the one
 * given to {@link Builder#broker}, shared with the hub's other nodes (Redis, say), or an in-memory
 * broker of the hub's own, so that one node works alone and still numbers each room's frames,
 * keeps their history for recovery and tracks presence. The broker carries a frame to every node
 * with members, and each node encodes it once for its own members. See {@code docs/scale-out.md}.
 */
public final class Hub implements Endpoint {
  private final String name;
  private final HubSettings settings;
  private final RealtimeMetrics metrics;
  private final FanOut fanOut;
  private final Registry registry;
  private final Dispatcher dispatcher;
  private final HubListener listener;
  private final PresenceTracker presence;
  private final ScheduledExecutorService givenScheduler;
  private ScheduledExecutorService ownedScheduler;
  private final AtomicBoolean closed = new AtomicBoolean();

  private Hub(Builder builder) {
    this.name = builder.name;
    this.settings = builder.settings;
    this.metrics = builder.metrics;
    this.givenScheduler = builder.scheduler;
    boolean ownsBroker = builder.broker == null;
    Broker broker = ownsBroker
        ? InMemoryBroker.builder().metrics(metrics).clock(builder.clock).build()
        : builder.broker;
    this.fanOut = new FanOut(
        settings, metrics, broker, ownsBroker, new ChannelNames(name), builder.recoveryLimit, this::scheduler);
    this.registry = fanOut.registry();
    this.dispatcher = new Dispatcher(this, builder);
    this.presence = new PresenceTracker(
        this, fanOut, builder.presenceHandlers, builder.presenceInterval, builder.presenceResync, this::scheduler);
    AuthGate auth = null;
    if (builder.authenticator != null) {
      auth = new AuthGate(builder.authenticator, scheduler(), builder.clock, metrics);
    }
    this.listener = new HubListener(this, builder, auth);
  }

  /** Starts configuring a hub. */
  public static Builder builder() {
    return new Builder();
  }

  /** The hub's name (default {@code hub}); it names the hub in logs and its broker channels. */
  public String name() {
    return name;
  }

  /** This node's id in the cluster: the broker's ({@code local} for the hub's own in-memory broker). */
  public String nodeId() {
    return fanOut.broker().nodeId();
  }

  /** Whether the broker is connected now: while {@code DOWN}, broadcasts fail and their senders are told. */
  public Broker.State brokerState() {
    return fanOut.broker().state();
  }

  /** The listener a transport drives for this hub's connections; applications never call it. */
  @Override
  public ConnectionListener listener() {
    return listener;
  }

  // ---- queries ----

  /** A connected client by its hub id. */
  public Optional<Client> client(String id) {
    return Optional.ofNullable(registry.byId(Objects.requireNonNull(id, "id")));
  }

  /** A snapshot of the connected clients. */
  public Set<Client> clients() {
    return Set.copyOf(registry.clients());
  }

  /** The number of connected clients. */
  public int clientCount() {
    return registry.clientCount();
  }

  /** A handle on the room called {@code name}, whether or not it has members now. */
  public Room room(String name) {
    return new Room(this, name);
  }

  /** The names of the rooms that have members on this hub. */
  public Set<String> roomNames() {
    return Set.copyOf(registry.roomNames());
  }

  /** The connections of one user. */
  public Set<Client> clientsOf(String user) {
    return Set.copyOf(registry.connectionsOf(Objects.requireNonNull(user, "user")));
  }

  /** A snapshot of this node's rooms, visible members and totals for monitoring (each room read on its own). */
  public HubStats stats() {
    Map<String, HubStats.RoomStats> rooms = new TreeMap<>();
    for (String roomName : registry.roomNames()) {
      int count = 0;
      for (Client member : registry.members(roomName)) {
        if (!member.isHidden()) {
          count++;
        }
      }
      if (count > 0) {
        rooms.put(roomName, new HubStats.RoomStats(count, room(roomName).userNames()));
      }
    }
    return new HubStats(rooms, registry.clientCount(), registry.userCount());
  }

  // ---- sending ----

  /**
   * Sends to every connected client on every node, as published (no position); live only: a node
   * that misses it while cut off from the broker does not get it later. Completes once the broker
   * took it, or fails.
   */
  public CompletionStage<StreamPosition> broadcast(OutboundMessage message) {
    return fanOut.toAll(Objects.requireNonNull(message, "message"));
  }

  /** Encodes once and sends to every connected client on every node. */
  public CompletionStage<StreamPosition> broadcast(JsonElement message) {
    return broadcast(Json.message(message));
  }

  /**
   * Sends to every connection of {@code user} on every node, as published (no position); live
   * only, like {@link #broadcast(OutboundMessage)}. Completes once the broker took it, or fails.
   */
  public CompletionStage<StreamPosition> sendToUser(String user, OutboundMessage message) {
    Objects.requireNonNull(message, "message");
    return fanOut.toUser(Objects.requireNonNull(user, "user"), message);
  }

  /** Encodes once and sends to every connection of {@code user} on every node. */
  public CompletionStage<StreamPosition> sendToUser(String user, JsonElement message) {
    return sendToUser(user, Json.message(message));
  }

  /**
   * Stops what the hub owns: its timer thread (session expiry, presence, retries) when it was given
   * no scheduler, and its in-memory broker when it was given no broker (a given broker is the
   * application's to close). Connections stay open: stop the transport to close them. Idempotent.
   */
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    synchronized (this) {
      if (ownedScheduler != null) {
        ownedScheduler.shutdownNow();
      }
    }
    fanOut.close();
  }

  // ---- for the package ----

  HubSettings settings() {
    return settings;
  }

  RealtimeMetrics metrics() {
    return metrics;
  }

  Registry registry() {
    return registry;
  }

  FanOut fanOut() {
    return fanOut;
  }

  PresenceTracker presenceTracker() {
    return presence;
  }

  /** The scheduler for the hub's timers: the application's, or a daemon thread made on first use. */
  synchronized ScheduledExecutorService scheduler() {
    if (givenScheduler != null) {
      return givenScheduler;
    }
    if (ownedScheduler == null) {
      ownedScheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "realtime-hub-" + name + "-timer");
        thread.setDaemon(true);
        return thread;
      });
      if (closed.get()) {
        ownedScheduler.shutdownNow();
      }
    }
    return ownedScheduler;
  }

  Dispatcher dispatcher() {
    return dispatcher;
  }

  @Override
  public String toString() {
    return "Hub[" + name + ", " + registry.clientCount() + " clients, " + registry.roomCount() + " rooms]";
  }

  /** Configures a {@link Hub}; handlers are fixed once built, so routing needs no locks. */
  public static final class Builder {
    String name = "hub";
    HubSettings settings = HubSettings.DEFAULTS;
    RealtimeMetrics metrics = RealtimeMetrics.noop();
    final Map<String, MessageHandler> handlers = new HashMap<>();
    TextHandler textHandler;
    BinaryHandler binaryHandler;
    final List<ConnectHandler> connectHandlers = new ArrayList<>();
    final List<DisconnectHandler> disconnectHandlers = new ArrayList<>();
    final List<RoomHandler> joinHandlers = new ArrayList<>();
    final List<RoomHandler> leaveHandlers = new ArrayList<>();
    Authenticator authenticator;
    OriginPolicy originPolicy = OriginPolicy.allowAll();
    Function<List<String>, Optional<String>> subprotocols = offered -> Optional.empty();
    Clock clock = Clock.systemUTC();
    ScheduledExecutorService scheduler;
    LongSupplier ticker = System::nanoTime;
    Broker broker;
    int recoveryLimit = 1000;
    final List<PresenceHandler> presenceHandlers = new ArrayList<>();
    Duration presenceInterval = Duration.ofSeconds(1);
    Duration presenceResync = Duration.ofSeconds(10);

    private Builder() {}

    /** Names the hub (default {@code hub}). */
    public Builder name(String name) {
      Objects.requireNonNull(name, "name");
      if (name.isBlank()) {
        throw new IllegalArgumentException("name must not be blank");
      }
      this.name = name;
      return this;
    }

    /** Sets the queue limits, rate limit and slow-consumer policy. */
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

    /** Receives every text frame raw, for protocols that are not JSON; excludes {@link #on}. */
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

    /** Runs after a client joined a room. */
    public Builder onJoin(RoomHandler handler) {
      joinHandlers.add(Objects.requireNonNull(handler, "handler"));
      return this;
    }

    /** Runs after a client left a room, including the rooms it leaves by disconnecting. */
    public Builder onLeave(RoomHandler handler) {
      leaveHandlers.add(Objects.requireNonNull(handler, "handler"));
      return this;
    }

    /** Runs after a client disconnected and left its rooms. */
    public Builder onDisconnect(DisconnectHandler handler) {
      disconnectHandlers.add(Objects.requireNonNull(handler, "handler"));
      return this;
    }

    /**
     * Authenticates every connection. A refused one gets an error frame and is closed with 4001
     * before any handler sees it; an accepted one carries its principal ({@link Client#principal})
     * and is named after its user id; its session ends with 4002 when the credentials expire
     * unless the client refreshes its token first (see {@code docs/security.md}).
     */
    public Builder authenticator(Authenticator authenticator) {
      this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
      return this;
    }

    /** Which page origins may connect (default: any); a foreign one is refused with 403 at the handshake. */
    public Builder originPolicy(OriginPolicy policy) {
      this.originPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Chooses the subprotocol to echo from those a client offers in {@code
     * Sec-WebSocket-Protocol} (default: none); browsers fail a connection whose offer is not
     * answered. An answer the client did not offer is ignored.
     */
    public Builder subprotocols(Function<List<String>, Optional<String>> selector) {
      this.subprotocols = Objects.requireNonNull(selector, "selector");
      return this;
    }

    /** The wall clock token expiry is measured against (default: the system clock, UTC). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Runs the hub's timers: session expiry, coalesced presence changes, subscription retries.
     * Without one, a hub that needs timers starts a daemon thread of its own, which {@link
     * Hub#close} stops.
     */
    public Builder scheduler(ScheduledExecutorService scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
      return this;
    }

    /** The monotonic nanosecond time source for rate limits (tests substitute a manual one). */
    public Builder ticker(LongSupplier ticker) {
      this.ticker = Objects.requireNonNull(ticker, "ticker");
      return this;
    }

    /**
     * Carries the hub's frames to every node and keeps their history and presence: share one
     * broker (Redis, say) among the hub's nodes, and {@link Broker#start start} it first. Without
     * one the hub makes an in-memory broker of its own (one node), which {@link Hub#close} closes.
     * Every node of a hub must have the same hub name and a node id of its own.
     */
    public Builder broker(Broker broker) {
      this.broker = Objects.requireNonNull(broker, "broker");
      return this;
    }

    /**
     * The most frames one recovery replays (default 1,000, at most {@value Broker#MAX_HISTORY_LIMIT});
     * a client further behind gets {@code "recovered":false}.
     */
    public Builder recoveryLimit(int frames) {
      if (frames < 0 || frames > Broker.MAX_HISTORY_LIMIT) {
        throw new IllegalArgumentException("recoveryLimit must be 0 to " + Broker.MAX_HISTORY_LIMIT);
      }
      this.recoveryLimit = frames;
      return this;
    }

    /**
     * Runs with each room's presence changes across the cluster, coalesced per room and interval;
     * with a handler, every join and leave is also published to the room's presence channel and
     * each node keeps a view of who is where ({@link Room#presence}).
     */
    public Builder onPresence(PresenceHandler handler) {
      presenceHandlers.add(Objects.requireNonNull(handler, "handler"));
      return this;
    }

    /** How long presence changes are gathered before the handlers run (default 1 second). */
    public Builder presenceInterval(Duration interval) {
      this.presenceInterval = requirePositive(interval, "presenceInterval");
      return this;
    }

    /**
     * How often each node re-reads the presence of its rooms (default 10 seconds): what takes
     * away the clients of a node that died, once the broker expired them.
     */
    public Builder presenceResync(Duration every) {
      this.presenceResync = requirePositive(every, "presenceResync");
      return this;
    }

    private static Duration requirePositive(Duration value, String what) {
      Objects.requireNonNull(value, what);
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(what + " must be positive");
      }
      return value;
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
