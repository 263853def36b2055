package dev.realtime.broker.redis;

import dev.realtime.metrics.RealtimeMetrics;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/**
 * Configures a {@link RedisBroker}; every setting but the URI has a default.
 *
 * <p>The URI is Lettuce's: {@code redis://[:password@]host[:port][/database]}, {@code rediss://}
 * for TLS, and for a cluster one or more seed nodes, {@code redis://host1:port1,host2:port2}.
 */
public final class RedisBrokerBuilder {

  private final String uri;
  private boolean cluster;
  private String keyPrefix = "realtime";
  private String nodeId = "node-" + UUID.randomUUID().toString().substring(0, 8);
  private int historySize = 1000;
  private Duration historyAge = Duration.ofMinutes(5);
  private Duration streamTtl = Duration.ofDays(1);
  private Duration idempotencyWindow = Duration.ofMinutes(2);
  private Duration presenceTtl = Duration.ofSeconds(60);
  private Duration presenceRefresh;
  private Duration commandTimeout = Duration.ofSeconds(2);
  private Duration connectTimeout = Duration.ofSeconds(2);
  private Duration reconnectDelayMax = Duration.ofSeconds(1);
  private int requestQueueSize = 10_000;
  private int handoffQueueSize = 10_000;
  private int deliveryThreads = 2;
  private RealtimeMetrics metrics = RealtimeMetrics.noop();

  RedisBrokerBuilder(String uri) {
    Objects.requireNonNull(uri, "uri");
    if (uri.isBlank()) {
      throw new IllegalArgumentException("uri must not be blank");
    }
    this.uri = uri;
  }

  /** Connects to a Redis Cluster (the URI names seed nodes) instead of one server. */
  public RedisBrokerBuilder cluster(boolean enabled) {
    this.cluster = enabled;
    return this;
  }

  /** Sets the prefix of every key and pub/sub channel (default {@code realtime}; no braces). */
  public RedisBrokerBuilder keyPrefix(String prefix) {
    new Keys(prefix);
    this.keyPrefix = prefix;
    return this;
  }

  /** Sets this node's id, as presence shows it (default {@code node-} and 8 random hex digits). */
  public RedisBrokerBuilder nodeId(String id) {
    Objects.requireNonNull(id, "nodeId");
    if (id.isEmpty() || id.length() > 128) {
      throw new IllegalArgumentException("nodeId must have 1 to 128 characters");
    }
    this.nodeId = id;
    return this;
  }

  /** Sets how many publications each channel's stream keeps (default 1000). */
  public RedisBrokerBuilder historySize(int size) {
    if (size < 1 || size > 1_000_000) {
      throw new IllegalArgumentException("historySize must be 1 to 1,000,000");
    }
    this.historySize = size;
    return this;
  }

  /**
   * Sets how long a publication stays recoverable (default 5 minutes); the stream key also
   * expires this long after the channel's last publish.
   */
  public RedisBrokerBuilder historyAge(Duration age) {
    this.historyAge = positive(age, "historyAge");
    return this;
  }

  /**
   * Sets how long a quiet channel keeps its epoch and offset (default 1 day), so a client resuming
   * a position in a quiet channel still recovers; past it the channel starts a new epoch.
   */
  public RedisBrokerBuilder streamTtl(Duration ttl) {
    this.streamTtl = positive(ttl, "streamTtl");
    return this;
  }

  /** Sets how long a used idempotency key is remembered (default 2 minutes). */
  public RedisBrokerBuilder idempotencyWindow(Duration window) {
    this.idempotencyWindow = positive(window, "idempotencyWindow");
    return this;
  }

  /** Sets how long a presence entry lives without a refresh (default 60 s): a dead node's go then. */
  public RedisBrokerBuilder presenceTtl(Duration ttl) {
    this.presenceTtl = positive(ttl, "presenceTtl");
    return this;
  }

  /** Sets how often this node refreshes its presence entries (default a third of the TTL). */
  public RedisBrokerBuilder presenceRefresh(Duration period) {
    this.presenceRefresh = positive(period, "presenceRefresh");
    return this;
  }

  /** Sets how long a command may take before it fails as unavailable (default 2 s). */
  public RedisBrokerBuilder commandTimeout(Duration timeout) {
    this.commandTimeout = positive(timeout, "commandTimeout");
    return this;
  }

  /** Sets how long connecting may take (default 2 s). */
  public RedisBrokerBuilder connectTimeout(Duration timeout) {
    this.connectTimeout = positive(timeout, "connectTimeout");
    return this;
  }

  /** Sets the longest wait between reconnect attempts, which back off exponentially (default 1 s). */
  public RedisBrokerBuilder reconnectDelayMax(Duration delay) {
    this.reconnectDelayMax = positive(delay, "reconnectDelayMax");
    return this;
  }

  /** Sets how many commands may wait for their replies on one connection (default 10,000). */
  public RedisBrokerBuilder requestQueueSize(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("requestQueueSize must be positive");
    }
    this.requestQueueSize = size;
    return this;
  }

  /**
   * Sets how many pub/sub messages may wait for a delivery thread (default 10,000, for all
   * threads); beyond it messages are dropped, counted, and refetched from history.
   */
  public RedisBrokerBuilder handoffQueueSize(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("handoffQueueSize must be positive");
    }
    this.handoffQueueSize = size;
    return this;
  }

  /** Sets how many threads deliver publications to listeners, channels spread over them (default 2). */
  public RedisBrokerBuilder deliveryThreads(int threads) {
    if (threads < 1 || threads > 64) {
      throw new IllegalArgumentException("deliveryThreads must be 1 to 64");
    }
    this.deliveryThreads = threads;
    return this;
  }

  /** Sets the metrics the broker reports to (default none). */
  public RedisBrokerBuilder metrics(RealtimeMetrics metrics) {
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    return this;
  }

  /** Returns the broker, not yet connected: call {@link RedisBroker#start()}. */
  public RedisBroker build() {
    Duration refresh = presenceRefresh != null ? presenceRefresh : presenceTtl.dividedBy(3);
    if (refresh.compareTo(presenceTtl) >= 0) {
      throw new IllegalArgumentException("presenceRefresh must be shorter than presenceTtl");
    }
    if (streamTtl.compareTo(historyAge) < 0) {
      throw new IllegalArgumentException("streamTtl must not be shorter than historyAge");
    }
    return new RedisBroker(
        new Settings(
            uri,
            cluster,
            keyPrefix,
            nodeId,
            historySize,
            historyAge,
            streamTtl,
            idempotencyWindow,
            presenceTtl,
            refresh,
            commandTimeout,
            connectTimeout,
            reconnectDelayMax,
            requestQueueSize,
            handoffQueueSize,
            deliveryThreads,
            metrics));
  }

  private static Duration positive(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
    return value;
  }
}
