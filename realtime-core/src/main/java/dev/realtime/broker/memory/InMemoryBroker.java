package dev.realtime.broker.memory;

import dev.realtime.broker.Broker;
import dev.realtime.broker.BrokerStateListener;
import dev.realtime.broker.BrokerUnavailableException;
import dev.realtime.broker.ChannelListener;
import dev.realtime.broker.History;
import dev.realtime.broker.Presence;
import dev.realtime.broker.PresenceInfo;
import dev.realtime.broker.PublishOptions;
import dev.realtime.broker.PublishResult;
import dev.realtime.broker.StreamPosition;
import dev.realtime.metrics.RealtimeMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker of a single node, in memory: the default, so one node needs nothing else and still
 * gets stream positions, bounded history, recovery and presence.
 *
 * <p>A publish delivers to the channel's listeners on the publishing thread before it returns,
 * under the channel's lock, so concurrent publishers' publications reach every listener in offset
 * order and every future completes at once. History is a ring per channel bounded by size and age
 * (time from the injected clock); a channel nobody listens to, with empty history, is forgotten
 * after the stream TTL, and its next use starts a new epoch.
 *
 * <p>{@link #newNode} adds another node to the same in-memory cluster (shared streams, history and
 * presence; its own node id and subscriptions), so tests run several hubs in one JVM as if each
 * were on its own machine.
 */
public final class InMemoryBroker implements Broker {

  private static final Logger log = LoggerFactory.getLogger(InMemoryBroker.class);

  private final MemoryCluster cluster;
  private final List<BrokerStateListener> stateListeners = new CopyOnWriteArrayList<>();
  private final Presence presence = new NodePresence();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final String nodeId;
  private final Clock clock;
  private final RealtimeMetrics metrics;

  private InMemoryBroker(MemoryCluster cluster, String nodeId, RealtimeMetrics metrics) {
    if (!cluster.claim(nodeId)) {
      throw new IllegalArgumentException("node id " + nodeId + " is taken in this cluster");
    }
    this.cluster = cluster;
    this.nodeId = nodeId;
    this.clock = cluster.clock();
    this.metrics = metrics;
  }

  /** Returns a broker with the default settings. */
  public static InMemoryBroker create() {
    return builder().build();
  }

  /** Returns a builder of in-memory brokers. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns another node of this broker's in-memory cluster: it shares the streams, history and
   * presence, and has its own id, subscriptions and metrics.
   *
   * @throws IllegalArgumentException if a node of the cluster already has {@code nodeId}
   */
  public InMemoryBroker newNode(String nodeId, RealtimeMetrics metrics) {
    requireNodeId(nodeId);
    return new InMemoryBroker(cluster, nodeId, Objects.requireNonNull(metrics, "metrics"));
  }

  /** Returns another node of this broker's in-memory cluster that reports to the same metrics. */
  public InMemoryBroker newNode(String nodeId) {
    return newNode(nodeId, metrics);
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
    MemoryStream stream;
    while (true) {
      stream = cluster.stream(channel, now);
      synchronized (stream) {
        if (!stream.removed()) {
          result = stream.publish(copy, options, now);
          break;
        }
      }
    }
    stream.deliverPending();
    if (!result.duplicate()) {
      metrics.brokerPublished();
    }
    metrics.brokerPublishLatency(System.nanoTime() - started);
    cluster.sweepIfDue(now);
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
      MemoryStream stream = cluster.stream(channel, now);
      synchronized (stream) {
        if (stream.removed()) {
          continue;
        }
        if (!stream.subscribe(this, listener, now)) {
          throw new IllegalStateException("channel " + channel + " has another listener");
        }
        return CompletableFuture.completedFuture(stream.position());
      }
    }
  }

  @Override
  public CompletableFuture<Void> unsubscribe(String channel) {
    requireChannel(channel);
    MemoryStream stream = cluster.existing(channel);
    if (stream != null) {
      synchronized (stream) {
        stream.unsubscribe(this, clock.millis());
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
      MemoryStream stream = cluster.stream(channel, now);
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
      MemoryStream stream = cluster.stream(channel, now);
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

  /**
   * Ends this node's subscriptions and removes its presence entries (those with its node id); its
   * later operations fail as unavailable. The cluster's other nodes go on.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    long now = clock.millis();
    for (MemoryStream stream : cluster.streams()) {
      synchronized (stream) {
        stream.unsubscribe(this, now);
      }
    }
    cluster.presence().removeNode(nodeId);
    cluster.release(nodeId);
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
    cluster.sweepIfDue(clock.millis());
    return cluster.streamCount();
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

  private static String requireNodeId(String id) {
    Objects.requireNonNull(id, "nodeId");
    if (id.isEmpty()) {
      throw new IllegalArgumentException("nodeId must not be empty");
    }
    return id;
  }

  /** This node's view of the cluster's presence: fails as unavailable once the node closed. */
  private final class NodePresence implements Presence {
    @Override
    public CompletableFuture<Void> add(String channel, PresenceInfo info) {
      requireChannel(channel);
      Objects.requireNonNull(info, "info");
      if (closed.get()) {
        return closedFuture();
      }
      cluster.presence().add(channel, info);
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> remove(String channel, String clientId) {
      requireChannel(channel);
      Objects.requireNonNull(clientId, "clientId");
      cluster.presence().remove(channel, clientId);
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<List<PresenceInfo>> list(String channel) {
      requireChannel(channel);
      return CompletableFuture.completedFuture(cluster.presence().list(channel));
    }

    @Override
    public CompletableFuture<Long> count(String channel) {
      requireChannel(channel);
      return CompletableFuture.completedFuture(cluster.presence().count(channel));
    }
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
      this.nodeId = requireNodeId(id);
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

    /** Returns the broker: the first node of a new in-memory cluster. */
    public InMemoryBroker build() {
      StreamSettings settings =
          new StreamSettings(historySize, historyAge, idempotencyWindow, idempotencyKeys, streamTtl);
      return new InMemoryBroker(new MemoryCluster(settings, clock), nodeId, metrics);
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
