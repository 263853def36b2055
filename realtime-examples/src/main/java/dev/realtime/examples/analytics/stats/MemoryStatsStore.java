package dev.realtime.examples.analytics.stats;

import dev.realtime.examples.analytics.model.AnalyticsEvent;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** The counters of one node running alone: gone when it stops. */
public final class MemoryStatsStore implements StatsStore {
  private final Clock clock;
  private final AtomicLong total = new AtomicLong();
  private final AtomicReference<Day> today = new AtomicReference<>();

  /** One UTC day's counters. */
  private record Day(LocalDate date, HyperLogLog visitors, AtomicLong letters) {}

  /** Counters whose days turn at 00:00 UTC by {@code clock}. */
  public MemoryStatsStore(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public CompletionStage<Void> record(AnalyticsEvent event) {
    total.incrementAndGet();
    Day day = day();
    event.visitorId().ifPresent(day.visitors()::add);
    if (event.isLetter()) {
      day.letters().incrementAndGet();
    }
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletionStage<Counters> counters() {
    Day day = day();
    return CompletableFuture.completedFuture(new Counters(day.visitors().count(), total.get(), day.letters().get()));
  }

  /** Today's counters, starting fresh ones when the UTC date has changed. */
  private Day day() {
    LocalDate date = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    Day current = today.get();
    while (current == null || !current.date().equals(date)) {
      Day fresh = new Day(date, new HyperLogLog(), new AtomicLong());
      if (today.compareAndSet(current, fresh)) {
        return fresh;
      }
      current = today.get();
    }
    return current;
  }
}
