package dev.realtime.client;

import com.google.gson.JsonObject;
import dev.realtime.protocol.CloseCodes;
import dev.realtime.protocol.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;

/**
 * A client of a realtime server over one WebSocket that it keeps open: it reconnects after a lost
 * connection with exponential backoff and full jitter, resumes every room from its last position
 * (so frames missed meanwhile arrive once, in order, or a {@link Recovery} says they cannot), keeps
 * an application heartbeat that notices a dead server long before TCP does, and queues what is
 * sent while it is not connected.
 *
 * <pre>{@code
 * RealtimeClient client = RealtimeClient.builder(URI.create("ws://localhost:8080/ws?username=ann"))
 *     .on("message", m -> view.show(m.get("username").getAsString(), m.get("content").getAsString()))
 *     .onRecovery(r -> { if (!r.recovered()) view.reload(r.room()); })
 *     .build();
 * client.connect();
 * client.send(message);   // SENT, QUEUED while reconnecting, QUEUE_FULL or CLOSED: never blocks
 * client.close();
 * }</pre>
 *
 * <p><b>Lifecycle</b>: see {@link State}. A new client is {@code DISCONNECTED} until {@link
 * #connect()}. A lost connection is retried unless its close code says retrying cannot help (by
 * default 1003, 1007, 1008, 1009, 4001 and 4003: the client then stays {@code DISCONNECTED} until
 * {@code connect()} is called again). {@link #close()} is final.
 *
 * <p><b>Threads</b>: every method may be called from any thread and none blocks. Callbacks run on
 * the client's event thread (its own daemon thread, or {@link Builder#scheduler the scheduler
 * given}), one at a time, in the order things happened: frames in the order received. They must
 * not block: while one runs no other frame is delivered, and a callback that blocks longer than
 * the heartbeat timeout makes a live server look dead. Calling the client from a callback is fine.
 *
 * <p><b>Delivery</b>: messages are sent in the order {@code send} accepted them. Those still queued
 * when a connection ends are sent on the next one; one being written as it ended may be lost (TCP
 * gives no receipt: a server that must not miss a message acknowledges it).
 */
public final class RealtimeClient implements AutoCloseable {
  private final URI url;
  private final Session session;

  private RealtimeClient(Builder builder) {
    this.url = builder.url;
    this.session = new Session(builder);
  }

  /** Starts building a client of {@code url} ({@code ws://} or {@code wss://}, with its query). */
  public static Builder builder(URI url) {
    return new Builder(url);
  }

  /** Starts building a client of {@code url}, a {@code ws://} or {@code wss://} address. */
  public static Builder builder(String url) {
    return new Builder(URI.create(Objects.requireNonNull(url, "url")));
  }

  /** The address the client was built with (each connection adds its positions and token to it). */
  public URI url() {
    return url;
  }

  /**
   * Connects, or tries again at once if waiting for a retry; does nothing while connecting or
   * connected. Returns at once; {@link Builder#onStateChange state listeners} hear the outcome.
   *
   * @throws IllegalStateException if the client is closed
   */
  public void connect() {
    session.connect();
  }

  /** Where the client stands now. */
  public State state() {
    return session.state();
  }

  /** Sends a JSON message; see {@link #send(String)}. */
  public SendResult send(JsonObject message) {
    return send(Json.encode(Objects.requireNonNull(message, "message")));
  }

  /**
   * Sends a text message: {@link SendResult#SENT} on an open connection, {@link SendResult#QUEUED}
   * while not connected, or refused — {@link SendResult#QUEUE_FULL} past the queue's limit, {@link
   * SendResult#CLOSED} after {@link #close()}. Never blocks.
   *
   * @throws IllegalArgumentException if {@code text} is not well-formed UTF-16 (a lone surrogate)
   */
  public SendResult send(String text) {
    Objects.requireNonNull(text, "text");
    if (!wellFormed(text)) {
      throw new IllegalArgumentException("text has a lone surrogate: it cannot be sent as UTF-8");
    }
    return session.send(text);
  }

  /** Messages waiting to be written: queued while not connected, or behind a slow connection. */
  public int queueSize() {
    return session.queueSize();
  }

  /**
   * Joins {@code room} now if connected, and on every later connection from the last position in
   * it, so frames missed while away are replayed. The frame is the {@link Builder#rooms room
   * protocol}'s; the server's answer arrives as frames.
   */
  public void join(String room) {
    session.join(requireRoom(room));
  }

  /** Leaves {@code room} (a room joined, or one the server put the client in) and forgets its position. */
  public void leave(String room) {
    session.leave(requireRoom(room));
  }

  /** The rooms the client is in as far as it knows: those it joined and those the server's frames name. */
  public Set<String> rooms() {
    return session.rooms().names();
  }

  /** The position of the last room frame received in {@code room}, if any: where a reconnect resumes it. */
  public Optional<RoomPosition> position(String room) {
    return session.rooms().position(requireRoom(room));
  }

  /**
   * Closes for good: refuses later sends, writes what is queued on an open connection, then closes
   * it (1000), cutting it off if the server does not answer within the {@link Builder#closeTimeout
   * close timeout}; messages queued while not connected are dropped. Idempotent; returns at once.
   */
  @Override
  public void close() {
    session.close();
  }

  /** Completes once the client is closed and its connection and threads are released. */
  public CompletionStage<Void> terminated() {
    return session.terminated();
  }

  @Override
  public String toString() {
    return "RealtimeClient[" + url + ", " + state() + "]";
  }

  private static String requireRoom(String room) {
    Objects.requireNonNull(room, "room");
    if (room.isEmpty()) {
      throw new IllegalArgumentException("room must not be empty");
    }
    return room;
  }

  private static boolean wellFormed(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Configures a {@link RealtimeClient}; not thread-safe, used once. Callbacks are fixed here, so
   * dispatch reads immutable lists. Every setting has a default fit for an interactive client.
   */
  public static final class Builder {
    /** Close codes after which retrying would only repeat the refusal: the browser client's list. */
    public static final Set<Integer> DEFAULT_STOP_CODES = Set.of(
        CloseCodes.UNSUPPORTED_DATA, CloseCodes.INVALID_PAYLOAD, CloseCodes.POLICY_VIOLATION,
        CloseCodes.MESSAGE_TOO_BIG, CloseCodes.UNAUTHORIZED, CloseCodes.FORBIDDEN);
    private static final Set<String> RESERVED_HEADERS = Set.of("connection", "upgrade", "host", "content-length", "expect");

    final URI url;
    final Listeners.Collector listeners = new Listeners.Collector();
    final Map<String, List<String>> headers = new LinkedHashMap<>();
    Duration initialDelay = Duration.ofMillis(500);
    Duration maxDelay = Duration.ofSeconds(15);
    DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();
    boolean reconnect = true;
    Set<Integer> stopCodes = DEFAULT_STOP_CODES;
    Duration heartbeatInterval = Duration.ofSeconds(25);
    Duration heartbeatTimeout = Duration.ofSeconds(10);
    Duration connectTimeout = Duration.ofSeconds(10);
    Duration closeTimeout = Duration.ofSeconds(5);
    TokenSupplier tokens = TokenSupplier.none();
    String tokenParameter = "token";
    RoomProtocol rooms = RoomProtocol.chat();
    int maxQueuedMessages = 1_000;
    long maxQueuedChars = 1L << 20;
    int maxMessageChars = 16 << 20;
    HttpClient httpClient;
    ScheduledExecutorService scheduler;

    private Builder(URI url) {
      Objects.requireNonNull(url, "url");
      String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("ws") && !scheme.equals("wss")) {
        throw new IllegalArgumentException("the URL must start with ws:// or wss://, got " + url.getScheme());
      }
      if (url.getHost() == null) {
        throw new IllegalArgumentException("the URL needs a host: " + url);
      }
      this.url = url;
    }

    /** Calls {@code handler} with every JSON object frame whose {@code "type"} is {@code type}. */
    public Builder on(String type, Consumer<JsonObject> handler) {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(handler, "handler");
      listeners.byType.computeIfAbsent(type, t -> new ArrayList<>()).add(handler);
      return this;
    }

    /** Calls {@code handler} with every JSON object frame, after the handlers of its type. */
    public Builder onMessage(Consumer<JsonObject> handler) {
      listeners.messages.add(Objects.requireNonNull(handler, "handler"));
      return this;
    }

    /** Calls {@code handler} with the text of every frame, JSON or not, before any JSON handler. */
    public Builder onText(Consumer<String> handler) {
      listeners.texts.add(Objects.requireNonNull(handler, "handler"));
      return this;
    }

    /** Calls {@code listener} on every change of state, and after every failed attempt. */
    public Builder onStateChange(Consumer<StateChange> listener) {
      listeners.states.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Calls {@code listener} with every {@code recovery} frame: after each resumed room, and
     * whenever the server could not deliver some of a room's frames. On {@code recovered() ==
     * false} the application reloads its view of the room.
     */
    public Builder onRecovery(Consumer<Recovery> listener) {
      listeners.recoveries.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /** Backoff between attempts: full jitter in [0, min(max, initial × 2^n)] (default 500 ms, 15 s). */
    public Builder reconnectDelay(Duration initial, Duration max) {
      Objects.requireNonNull(initial, "initial");
      Objects.requireNonNull(max, "max");
      new Backoff(initial, max, random); // validates
      this.initialDelay = initial;
      this.maxDelay = max;
      return this;
    }

    /** Whether to reconnect by itself at all (default true). */
    public Builder reconnect(boolean enabled) {
      this.reconnect = enabled;
      return this;
    }

    /** The close codes after which the client does not retry (default {@link #DEFAULT_STOP_CODES}). */
    public Builder stopOnCloseCodes(Set<Integer> codes) {
      this.stopCodes = Set.copyOf(codes);
      return this;
    }

    /**
     * The application heartbeat: a {@code {"type":"ping"}} every {@code interval}; if nothing at
     * all arrives within {@code timeout} of one, the connection is dropped (reported as 4000) and
     * retried. Default 25 s and 10 s.
     */
    public Builder heartbeat(Duration interval, Duration timeout) {
      if (interval.isNegative() || interval.isZero() || timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("heartbeat interval and timeout must be positive");
      }
      this.heartbeatInterval = interval;
      this.heartbeatTimeout = timeout;
      return this;
    }

    /** No application heartbeat (for servers that do not answer {@code ping}). */
    public Builder noHeartbeat() {
      this.heartbeatInterval = Duration.ZERO;
      return this;
    }

    /** Where each attempt's token comes from (default none); see {@link TokenSupplier#fromEndpoint}. */
    public Builder token(TokenSupplier supplier) {
      this.tokens = Objects.requireNonNull(supplier, "supplier");
      return this;
    }

    /** The query parameter that carries the token (default {@code token}). */
    public Builder tokenParameter(String name) {
      Objects.requireNonNull(name, "name");
      if (name.isEmpty()) {
        throw new IllegalArgumentException("the token parameter needs a name");
      }
      this.tokenParameter = name;
      return this;
    }

    /** How the server joins and resumes rooms (default {@link RoomProtocol#chat()}). */
    public Builder rooms(RoomProtocol protocol) {
      this.rooms = Objects.requireNonNull(protocol, "protocol");
      return this;
    }

    /** The outbound queue's limits (default 1,000 messages and 1 Mi characters); past them send answers {@link SendResult#QUEUE_FULL}. */
    public Builder maxQueued(int messages, long characters) {
      if (messages < 1 || characters < 1) {
        throw new IllegalArgumentException("the queue must hold at least one message");
      }
      this.maxQueuedMessages = messages;
      this.maxQueuedChars = characters;
      return this;
    }

    /** The largest message accepted from the server (default 16 Mi characters); a larger one closes with 1009. */
    public Builder maxMessageChars(int characters) {
      if (characters < 1) {
        throw new IllegalArgumentException("characters must be positive");
      }
      this.maxMessageChars = characters;
      return this;
    }

    /** How long an attempt may take, token included (default 10 s). */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connect timeout");
      return this;
    }

    /** How long {@link #close()} waits for the server to answer the close before cutting it off (default 5 s). */
    public Builder closeTimeout(Duration timeout) {
      this.closeTimeout = positive(timeout, "close timeout");
      return this;
    }

    /** Adds a header to every opening handshake ({@code Origin}, {@code Authorization}, …). */
    public Builder header(String name, String value) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      String lower = name.toLowerCase(Locale.ROOT);
      if (RESERVED_HEADERS.contains(lower) || lower.startsWith("sec-websocket-")) {
        throw new IllegalArgumentException("the WebSocket handshake sets " + name + " itself");
      }
      headers.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
      return this;
    }

    /** The JDK HTTP client to connect with (default: one of the client's own); share one among many clients. */
    public Builder httpClient(HttpClient client) {
      this.httpClient = Objects.requireNonNull(client, "client");
      return this;
    }

    /**
     * The scheduler that runs the client's timers and callbacks (default: a daemon thread of its
     * own, stopped when the client terminates). A shared pool is fine — callbacks stay one at a time
     * — and is not shut down by the client. Tests give a manual one to control time.
     */
    public Builder scheduler(ScheduledExecutorService scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
      return this;
    }

    /** For tests: where the backoff's jitter comes from (values in [0, 1)). */
    Builder random(DoubleSupplier random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /** Builds the client, {@link State#DISCONNECTED} until {@link RealtimeClient#connect()}. */
    public RealtimeClient build() {
      return new RealtimeClient(snapshot());
    }

    /** A copy, so changing this builder afterwards never changes a client built from it. */
    private Builder snapshot() {
      Builder copy = new Builder(url);
      copy.listeners.byType.putAll(listeners.byType);
      copy.listeners.messages.addAll(listeners.messages);
      copy.listeners.texts.addAll(listeners.texts);
      copy.listeners.states.addAll(listeners.states);
      copy.listeners.recoveries.addAll(listeners.recoveries);
      headers.forEach((name, values) -> copy.headers.put(name, List.copyOf(values)));
      copy.initialDelay = initialDelay;
      copy.maxDelay = maxDelay;
      copy.random = random;
      copy.reconnect = reconnect;
      copy.stopCodes = stopCodes;
      copy.heartbeatInterval = heartbeatInterval;
      copy.heartbeatTimeout = heartbeatTimeout;
      copy.connectTimeout = connectTimeout;
      copy.closeTimeout = closeTimeout;
      copy.tokens = tokens;
      copy.tokenParameter = tokenParameter;
      copy.rooms = rooms;
      copy.maxQueuedMessages = maxQueuedMessages;
      copy.maxQueuedChars = maxQueuedChars;
      copy.maxMessageChars = maxMessageChars;
      copy.httpClient = httpClient;
      copy.scheduler = scheduler;
      return copy;
    }

    HttpClient httpClient() {
      if (httpClient == null) {
        httpClient = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
      }
      return httpClient;
    }

    private static Duration positive(Duration duration, String what) {
      Objects.requireNonNull(duration, what);
      if (duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException(what + " must be positive");
      }
      return duration;
    }
  }
}
