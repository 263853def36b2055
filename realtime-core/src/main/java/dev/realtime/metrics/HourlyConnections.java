package dev.realtime.metrics;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Connections opened in each of the last 24 hours, lock-free.
 *
 * <p>Each slot holds the count of one UTC-aligned hour, tagged with that hour's number since the
 * epoch. A slot whose tag is older than the hour being recorded is replaced by compare-and-set, so
 * rotation needs no lock and no timer: stale slots are simply ignored when read. An increment that
 * races with a replacement lands in the old slot, which is correct, because the replacement only
 * happens once that old hour has left the 24-hour window.
 */
final class HourlyConnections {

  static final int HOURS = 24;
  private static final long MILLIS_PER_HOUR = 3_600_000L;

  private record Slot(long hour, LongAdder count) {}

  private final AtomicReferenceArray<Slot> slots = new AtomicReferenceArray<>(HOURS);

  HourlyConnections() {
    for (int i = 0; i < HOURS; i++) {
      slots.set(i, new Slot(Long.MIN_VALUE, new LongAdder()));
    }
  }

  /** Counts one connection opened at {@code epochMillis}. */
  void record(long epochMillis) {
    long hour = Math.floorDiv(epochMillis, MILLIS_PER_HOUR);
    int index = Math.floorMod(hour, HOURS);
    while (true) {
      Slot slot = slots.get(index);
      if (slot.hour() == hour) {
        slot.count().increment();
        return;
      }
      if (slot.hour() > hour) {
        // The event is a full day older than what this slot already counts (a clock step back).
        return;
      }
      slots.compareAndSet(index, slot, new Slot(hour, new LongAdder()));
    }
  }

  /**
   * Returns 24 counts indexed by the hour of day in {@code zone} (0 = midnight to 1 am), each the
   * connections opened during the most recent such hour within the last 24 hours before {@code
   * nowMillis}, as the monitoring chart labels them.
   */
  List<Long> byHourOfDay(long nowMillis, ZoneId zone) {
    long nowHour = Math.floorDiv(nowMillis, MILLIS_PER_HOUR);
    long[] counts = new long[HOURS];
    for (int i = 0; i < HOURS; i++) {
      Slot slot = slots.get(i);
      if (slot.hour() > nowHour - HOURS && slot.hour() <= nowHour) {
        int hourOfDay =
            Instant.ofEpochMilli(slot.hour() * MILLIS_PER_HOUR).atZone(zone).getHour();
        // Adding, not assigning: on a daylight-saving fall-back day two UTC hours share one label.
        counts[hourOfDay] += slot.count().sum();
      }
    }
    List<Long> result = new ArrayList<>(HOURS);
    for (long count : counts) {
      result.add(count);
    }
    return List.copyOf(result);
  }
}
