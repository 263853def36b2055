package dev.realtime.broker.redis;

import dev.realtime.metrics.RealtimeMetrics;
import java.time.Duration;

/** A {@link RedisBroker}'s configuration, as its builder validated it. */
record Settings(
    String uri,
    boolean cluster,
    String keyPrefix,
    String nodeId,
    int historySize,
    Duration historyAge,
    Duration streamTtl,
    Duration idempotencyWindow,
    Duration presenceTtl,
    Duration presenceRefresh,
    Duration commandTimeout,
    Duration connectTimeout,
    Duration reconnectDelayMax,
    int requestQueueSize,
    int handoffQueueSize,
    int deliveryThreads,
    RealtimeMetrics metrics) {}
