package dev.realtime.broker.memory;

import dev.realtime.broker.Broker;
import dev.realtime.broker.BrokerStateListener;
import dev.realtime.broker.BrokerUnavailableException;
import dev.realtime.broker.ChannelListener;
import dev.realtime.broker.History;
import dev.realtime.broker.Presence;
import dev.realtime.broker.PublishOptions;
import dev.realtime.broker.PublishResult;
import dev.realtime.broker.StreamPosition;
import dev.realtime.metrics.RealtimeMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker of a single node, in memory: the default, so one node needs nothing else and still
 * gets stream positions, bounded history, recovery and presence.
 *
 * <p>A publish delivers to the channel's listener on the publishing thread before it returns,
 * under the channel's lock, so concurrent publishers' publications reach the listener in offset
 * order and every future completes at once. History is a ring per channel bounded by size and age
 * (time from the injected clock); a channel nobody listens to, with empty history, is forgotten
 * after the stream TTL, and its next use starts a new epoch.
 */
public final class InMemoryBroker implements Broker {

  private static final Logger log = LoggerFactory.getLogger(InMemoryBroker.class);

  private final Map<String, MemoryStream> streams = new ConcurrentHashMap<>();
  private final List<BrokerStateListener> stateListeners = new CopyOnWriteArrayList<>();
  private final MemoryPresence presence = new MemoryPresence(this);
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicLong lastSweepMillis;
  private final StreamSettings settings;
  private final long sweepIntervalMillis;
  private final String nodeId;
  private final Clock clock;
  private final RealtimeMetrics metrics;

  private InMemoryBroker(Builder builder) {
    this.settings =
        new StreamSettings(
            builder.historySize,
            builder.historyAge,
            builder.idempotencyWindow,
            builder.idempotencyKeys,
            builder.streamTtl);
    this.nodeId = builder.nodeId;
    this.clock = builder.clock;
    this.metrics = builder.metrics;
    this.lastSweepMillis = new AtomicLong(clock.millis());
    this.sweepIntervalMillis = Math.min(builder.historyAge.toMillis(), Duration.ofMinutes(1).toMillis());
  }

  /** Returns a broker with the default settings. */
  public static InMemoryBroker create() {
    return builder().build();
  }

  /** Returns a builder of in-memory brokers. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String nodeId() {
    return nodeId;
  }

  /** Does nothing: an in-memory broker works from construction on. */
  @Override
  public void start() {}

  @Override
  public CompletableFuture<PublishResult> publish(
      String channel, byte[] payload, PublishOptions options) {
    requireChannel(channel);
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(options, "options");
    if (closed.get()) {
      metrics.brokerPublishFailed();
      return closedFuture();
    }
    long started = System.nanoTime();
    byte[] copy = payload.clone();
    long now = clock.millis();
    PublishResult result;
    while (true) {
      MemoryStream stream = stream(channel, now);
      synchronized (stream) {
        if (!stream.removed()) {
          result = stream.publish(copy, options, now);
          break;
        }
      }
    }
    if (!result.duplicate()) {
      metrics.brokerPublished();
    }
    metrics.brokerPublishLatency(System.nanoTime() - started);
    sweepIfDue(now);
    return CompletableFuture.completedFuture(result);
  }

  @Override
  public CompletableFuture<StreamPosition> subscribe(String channel, ChannelListener listener) {
    requireChannel(channel);
    Objects.requireNonNull(listener, "listener");
    if (closed.get()) {
      return closedFuture();
    }
    long now = clock.millis();
    while (true) {
      MemoryStream stream = stream(channel, now);
      synchronized (stream) {
        if (stream.removed()) {
          continue;
        }
        if (!stream.subscribe(listener, now)) {
          throw new IllegalStateException("channel " + channel + " has another listener");
        }
        return CompletableFuture.completedFuture(stream.position());
      }
    }
  }

  @Override
  public CompletableFuture<Void> unsubscribe(String channel) {
    requireChannel(channel);
    MemoryStream stream = streams.get(channel);
    if (stream != null) {
      synchronized (stream) {
        stream.unsubscribe(clock.millis());
      }
    }
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletableFuture<History> history(String channel, StreamPosition since, int limit) {
    requireChannel(channel);
    Objects.requireNonNull(since, "since");
    requireLimit(limit);
    if (closed.get()) {
      return closedFuture();
    }
    long now = clock.millis();
    while (true) {
      MemoryStream stream = stream(channel, now);
      synchronized (stream) {
        if (!stream.removed()) {
          return CompletableFuture.completedFuture(stream.history(since, limit, now));
        }
      }
    }
  }

  @Override
  public CompletableFuture<StreamPosition> position(String channel) {
    requireChannel(channel);
    if (closed.get()) {
      return closedFuture();
    }
    long now = clock.millis();
    while (true) {
      MemoryStream stream = stream(channel, now);
      synchronized (stream) {
        if (!stream.removed()) {
          return CompletableFuture.completedFuture(stream.position());
        }
      }
    }
  }

  @Override
  public Presence presence() {
    return presence;
  }

  @Override
  public State state() {
    return closed.get() ? State.DOWN : State.UP;
  }

  @Override
  public void addStateListener(BrokerStateListener listener) {
    stateListeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /** Forgets every stream and presence entry; later operations fail as unavailable. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    streams.clear();
    presence.clear();
    for (BrokerStateListener listener : stateListeners) {
      try {
        listener.onStateChange(State.DOWN);
      } catch (RuntimeException e) {
        log.warn("broker state listener failed", e);
      }
    }
  }

  /** Returns how many channels have a stream now (after forgetting idle ones that were due). */
  public int streamCount() {
    sweepIfDue(clock.millis());
    return streams.size();
  }

  boolean isClosed() {
    return closed.get();
  }

  static <T> CompletableFuture<T> closedFuture() {
    return CompletableFuture.failedFuture(new BrokerUnavailableException("broker closed"));
  }

  static void requireChannel(String channel) {
    Objects.requireNonNull(channel, "channel");
    if (channel.isEmpty()) {
      throw new IllegalArgumentException("channel must not be empty");
    }
  }

  static void requireLimit(int limit) {
    if (limit < 0 || limit > MAX_HISTORY_LIMIT) {
      throw new IllegalArgumentException("limit must be 0 to " + MAX_HISTORY_LIMIT + ": " + limit);
    }
  }

  private MemoryStream stream(String channel, long now) {
    return streams.computeIfAbsent(channel, name -> new MemoryStream(name, newEpoch(), settings, now));
  }

  /** Forgets idle streams, at most once per interval and on one thread at a time. */
  private void sweepIfDue(long now) {
    long last = lastSweepMillis.get();
    if (now - last < sweepIntervalMillis || !lastSweepMillis.compareAndSet(last, now)) {
      return;
    }
    for (Map.Entry<String, MemoryStream> entry : streams.entrySet()) {
      MemoryStream stream = entry.getValue();
      synchronized (stream) {
        stream.expire(now);
        if (stream.idle(now)) {
          stream.markRemoved();
          streams.remove(entry.getKey(), stream);
        }
      }
    }
  }

  private static String newEpoch() {
    return Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
  }

  /** Configures an {@link InMemoryBroker}; every setting has a default. */
  public static final class Builder {

    private int historySize = 1000;
    private Duration historyAge = Duration.ofMinutes(5);
    private Duration idempotencyWindow = Duration.ofMinutes(2);
    private int idempotencyKeys = 10_000;
    private Duration streamTtl = Duration.ofDays(1);
    private String nodeId = "local";
    private Clock clock = Clock.systemUTC();
    private RealtimeMetrics metrics = RealtimeMetrics.noop();

    private Builder() {}

    /** Sets how many publications each channel's history keeps (default 1000; 0 keeps none). */
    public Builder historySize(int size) {
      if (size < 0) {
        throw new IllegalArgumentException("historySize must not be negative");
      }
      this.historySize = size;
      return this;
    }

    /** Sets how long a publication stays in history (default 5 minutes). */
    public Builder historyAge(Duration age) {
      this.historyAge = requirePositive(age, "historyAge");
      return this;
    }

    /** Sets how long a used idempotency key is remembered (default 2 minutes). */
    public Builder idempotencyWindow(Duration window) {
      this.idempotencyWindow = requirePositive(window, "idempotencyWindow");
      return this;
    }

    /** Sets how many used idempotency keys a channel remembers at most (default 10,000). */
    public Builder idempotencyKeys(int count) {
      if (count < 1) {
        throw new IllegalArgumentException("idempotencyKeys must be positive");
      }
      this.idempotencyKeys = count;
      return this;
    }

    /**
     * Sets how long an unused channel keeps its epoch and offset (default 1 day), so a client
     * resuming from a position in a quiet channel still recovers.
     */
    public Builder streamTtl(Duration ttl) {
      this.streamTtl = requirePositive(ttl, "streamTtl");
      return this;
    }

    /** Sets this node's id (default {@code "local"}). */
    public Builder nodeId(String id) {
      Objects.requireNonNull(id, "nodeId");
      if (id.isEmpty()) {
        throw new IllegalArgumentException("nodeId must not be empty");
      }
      this.nodeId = id;
      return this;
    }

    /** Sets the clock that ages history (default the system clock). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Sets the metrics that count publishes (default none). */
    public Builder metrics(RealtimeMetrics metrics) {
      this.metrics = Objects.requireNonNull(metrics, "metrics");
      return this;
    }

    /** Returns the broker. */
    public InMemoryBroker build() {
      return new InMemoryBroker(this);
    }

    private static Duration requirePositive(Duration value, String name) {
      Objects.requireNonNull(value, name);
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + " must be positive");
      }
      return value;
    }
  }
}
