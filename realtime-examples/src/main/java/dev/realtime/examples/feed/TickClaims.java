package dev.realtime.examples.feed;

import io.lettuce.core.SetArgs;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Decides which node produces a tick: exactly one claim of a (series, tick) pair succeeds across
 * the cluster, so a timer that runs on every node still produces one frame per tick.
 */
@FunctionalInterface
public interface TickClaims {

  /**
   * Claims tick number {@code tick} of {@code series} for this node; completes with whether this
   * node won. A claim is remembered for {@code lifetime}, which must outlast the clocks' skew.
   */
  CompletionStage<Boolean> claim(String series, long tick, Duration lifetime);

  /** A node running alone wins every tick. */
  static TickClaims alone() {
    return (series, tick, lifetime) -> CompletableFuture.completedFuture(true);
  }

  /**
   * Claims in Redis: {@code SET feed:tick:SERIES:TICK NODE NX PX lifetime}; the first node to
   * set the key wins, every later one gets nothing back.
   */
  static TickClaims redis(RedisLink redis, String nodeId) {
    Objects.requireNonNull(redis, "redis");
    Objects.requireNonNull(nodeId, "nodeId");
    return (series, tick, lifetime) -> {
      try {
        return redis.commands()
            .set(key(series, tick), nodeId, SetArgs.Builder.nx().px(lifetime.toMillis()))
            .thenApply("OK"::equals);
      } catch (RuntimeException e) {
        return CompletableFuture.failedFuture(e);
      }
    };
  }

  /** The Redis key of one claim. */
  static String key(String series, long tick) {
    return "feed:tick:" + series + ":" + tick;
  }
}
