package dev.realtime.examples.dashboard;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives a {@link DashboardFeed}: a tick every interval and a retry of parked samples.
 *
 * <p>The shared scheduler only hands the tick to the feed's own sampling thread, because taking a
 * real sample reads files ({@code /proc}, the disk's file store) and the scheduler must never block.
 * A tick that finds the previous sample still being taken is skipped rather than queued, so a slow
 * disk cannot build a backlog of stale samples.
 */
final class DashboardTimers implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DashboardTimers.class);

  private final DashboardFeed feed;
  private final ExecutorService sampler;
  private final AtomicBoolean sampling = new AtomicBoolean();
  private final long periodNanos;
  private long expectedNanos;
  private ScheduledFuture<?> ticks;
  private ScheduledFuture<?> drains;

  DashboardTimers(DashboardFeed feed, ExecutorService sampler, Duration interval) {
    this.feed = feed;
    this.sampler = sampler;
    this.periodNanos = interval.toNanos();
  }

  /** Starts ticking on {@code scheduler}. */
  synchronized void start(ScheduledExecutorService scheduler, Duration drainInterval) {
    expectedNanos = System.nanoTime() + periodNanos;
    ticks = scheduler.scheduleAtFixedRate(this::tick, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
    long drain = drainInterval.toNanos();
    drains = scheduler.scheduleWithFixedDelay(feed::drainParked, drain, drain, TimeUnit.NANOSECONDS);
  }

  private void tick() {
    long now = System.nanoTime();
    double lagMillis = Math.max(0, now - expectedNanos) / 1e6;
    expectedNanos += periodNanos;
    if (!sampling.compareAndSet(false, true)) {
      log.debug("previous sample still running; skipping this tick");
      return;
    }
    try {
      sampler.execute(() -> {
        try {
          feed.tick(lagMillis);
        } catch (RuntimeException e) {
          log.warn("dashboard tick failed", e);
        } finally {
          sampling.set(false);
        }
      });
    } catch (RejectedExecutionException e) {
      sampling.set(false);
    }
  }

  @Override
  public synchronized void close() {
    if (ticks != null) {
      ticks.cancel(false);
      drains.cancel(false);
    }
    sampler.shutdownNow();
  }
}
