package dev.realtime.examples.feed;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a task once per tick for the whole cluster. Ticks are the wall clock's multiples of the
 * interval, numbered from the epoch (tick {@code k} falls at {@code k × interval}), so every node
 * names the same tick the same way; each node's timer fires at every tick and claims it ({@link
 * TickClaims}); only the winner runs the task, with the tick's own instant, so the frame it
 * produces carries the same timestamp whichever node produced it.
 */
public final class ClusterTicker implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ClusterTicker.class);

  /** What a winning node does at a tick. */
  @FunctionalInterface
  public interface Task {
    /** Runs on the scheduler thread: must not block. */
    void run(long tick, Instant at);
  }

  private final String series;
  private final long intervalMillis;
  private final TickClaims claims;
  private final Clock clock;
  private final ScheduledExecutorService scheduler;
  private final Task task;
  private ScheduledFuture<?> next;
  private boolean closed;

  /** A ticker for {@code series} (a name unique in the cluster); call {@link #start()}. */
  public ClusterTicker(
      String series, Duration interval, TickClaims claims, Clock clock, ScheduledExecutorService scheduler, Task task) {
    this.series = Objects.requireNonNull(series, "series");
    this.intervalMillis = Objects.requireNonNull(interval, "interval").toMillis();
    if (intervalMillis <= 0) {
      throw new IllegalArgumentException("interval must be at least a millisecond");
    }
    this.claims = Objects.requireNonNull(claims, "claims");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.task = Objects.requireNonNull(task, "task");
  }

  /** Starts ticking from the next tick. */
  public synchronized void start() {
    scheduleAfter(Math.floorDiv(clock.millis(), intervalMillis));
  }

  /** The tick at or before {@code instant}. */
  public long tickAt(Instant instant) {
    return Math.floorDiv(instant.toEpochMilli(), intervalMillis);
  }

  private synchronized void scheduleAfter(long lastTick) {
    if (closed) {
      return;
    }
    // Never the same tick twice, and never a tick in the past: a late timer skips to the next one.
    long tick = Math.max(lastTick + 1, Math.floorDiv(clock.millis(), intervalMillis) + 1);
    long delay = Math.max(0, tick * intervalMillis - clock.millis());
    try {
      next = scheduler.schedule(() -> fire(tick), delay, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      log.debug("{} ticker stopped with its scheduler", series);
    }
  }

  private void fire(long tick) {
    try {
      claims.claim(series, tick, Duration.ofMillis(2 * intervalMillis)).whenComplete((won, failure) -> {
        if (failure != null) {
          log.debug("{} tick {} not claimed: {}", series, tick, failure.toString());
        } else if (won) {
          scheduler.execute(() -> runTask(tick));
        }
      });
    } catch (RuntimeException e) {
      log.warn("{} tick {} could not be claimed", series, tick, e);
    } finally {
      scheduleAfter(tick);
    }
  }

  private void runTask(long tick) {
    try {
      task.run(tick, Instant.ofEpochMilli(tick * intervalMillis));
    } catch (RuntimeException e) {
      log.warn("{} tick {} failed", series, tick, e);
    }
  }

  /** Stops ticking; a tick being claimed may still run. */
  @Override
  public synchronized void close() {
    closed = true;
    if (next != null) {
      next.cancel(false);
    }
  }
}
