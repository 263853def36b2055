package dev.realtime.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A scheduler that runs nothing until the test moves its {@link ManualClock}, so timers (presence
 * coalescing, retries, session expiry) are tested without sleeping.
 *
 * <pre>{@code
 * ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
 * ManualScheduler scheduler = new ManualScheduler(clock);
 * Hub hub = Hub.builder().clock(clock).scheduler(scheduler).onPresence(...).build();
 * ... scheduler.advance(Duration.ofSeconds(1)); // runs what fell due, in time order
 * }</pre>
 *
 * <p>Tasks run on the thread that calls {@link #advance} or {@link #runDue}, in the order they fall
 * due (ties in the order they were scheduled); {@link #execute} runs a task at the next of those
 * calls. Thread-safe: other threads may schedule while a test advances.
 */
public final class ManualScheduler extends AbstractExecutorService implements ScheduledExecutorService {
  private final ManualClock clock;
  private final PriorityQueue<Task<?>> tasks = new PriorityQueue<>();
  private final AtomicLong sequence = new AtomicLong();
  private volatile boolean shutdown;

  /** A scheduler whose time is {@code clock}'s. */
  public ManualScheduler(ManualClock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Moves the clock forward by {@code duration}, running every task that falls due on the way; returns how many ran. */
  public int advance(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("time only moves forward here");
    }
    Instant end = clock.instant().plus(duration);
    int ran = 0;
    while (true) {
      Task<?> next;
      synchronized (this) {
        next = tasks.peek();
        if (next == null || next.due.isAfter(end)) {
          break;
        }
        tasks.poll();
      }
      if (next.isCancelled()) {
        continue;
      }
      if (next.due.isAfter(clock.instant())) {
        clock.set(next.due);
      }
      next.runOnce();
      ran++;
    }
    clock.set(end);
    return ran;
  }

  /** Runs every task due now (and those they schedule for now); returns how many ran. */
  public int runDue() {
    return advance(Duration.ZERO);
  }

  /** How many tasks wait (periodic ones count once). */
  public synchronized int pending() {
    return (int) tasks.stream().filter(task -> !task.isCancelled()).count();
  }

  @Override
  public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
    return add(new Task<>(Executors.callable(command, null), due(delay, unit), 0));
  }

  @Override
  public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
    return add(new Task<>(callable, due(delay, unit), 0));
  }

  @Override
  public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
    requirePositive(period);
    return add(new Task<>(Executors.callable(command, null), due(initialDelay, unit), unit.toNanos(period)));
  }

  @Override
  public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
    // Tasks take no manual time, so a fixed delay and a fixed rate are the same here.
    return scheduleAtFixedRate(command, initialDelay, delay, unit);
  }

  @Override
  public void execute(Runnable command) {
    schedule(command, 0, TimeUnit.NANOSECONDS);
  }

  @Override
  public void shutdown() {
    shutdown = true;
  }

  @Override
  public synchronized List<Runnable> shutdownNow() {
    shutdown = true;
    List<Runnable> waiting = new ArrayList<>(tasks);
    tasks.clear();
    return waiting;
  }

  @Override
  public boolean isShutdown() {
    return shutdown;
  }

  @Override
  public synchronized boolean isTerminated() {
    return shutdown && tasks.isEmpty();
  }

  /** Returns at once: nothing runs unless the test advances the clock. */
  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) {
    return isTerminated();
  }

  private Instant due(long delay, TimeUnit unit) {
    return clock.instant().plusNanos(Math.max(0, unit.toNanos(delay)));
  }

  private static void requirePositive(long period) {
    if (period <= 0) {
      throw new IllegalArgumentException("period must be positive");
    }
  }

  private synchronized <V> Task<V> add(Task<V> task) {
    if (shutdown) {
      throw new RejectedExecutionException("scheduler shut down");
    }
    tasks.add(task);
    return task;
  }

  /** A scheduled task: once, or every {@code periodNanos} of manual time. */
  private final class Task<V> extends FutureTask<V> implements ScheduledFuture<V> {
    private final long periodNanos;
    private final long order = sequence.incrementAndGet();
    private Instant due;

    Task(Callable<V> callable, Instant due, long periodNanos) {
      super(callable);
      this.due = due;
      this.periodNanos = periodNanos;
    }

    void runOnce() {
      if (periodNanos == 0) {
        run();
      } else if (runAndReset()) {
        due = due.plusNanos(periodNanos);
        synchronized (ManualScheduler.this) {
          if (!shutdown) {
            tasks.add(this);
          }
        }
      }
    }

    @Override
    public long getDelay(TimeUnit unit) {
      return unit.convert(Duration.between(clock.instant(), due).toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public int compareTo(Delayed other) {
      if (other instanceof Task<?> that) {
        int byTime = due.compareTo(that.due);
        return byTime != 0 ? byTime : Long.compare(order, that.order);
      }
      return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      boolean cancelled = super.cancel(mayInterruptIfRunning);
      synchronized (ManualScheduler.this) {
        tasks.remove(this);
      }
      return cancelled;
    }
  }
}
