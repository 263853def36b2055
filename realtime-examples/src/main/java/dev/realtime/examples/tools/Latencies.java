package dev.realtime.examples.tools;

import java.util.Arrays;

/**
 * Latencies in microseconds, counted in buckets about 1.6% wide (exact below 64 µs), so any number
 * of samples fits in a few kilobytes and a percentile is at most one bucket off. Thread-safe.
 */
final class Latencies {
  private static final int EXACT = 64;
  private static final int STEPS = 64; // buckets per doubling above EXACT
  private static final int DOUBLINGS = 32;

  private final long[] counts = new long[EXACT + DOUBLINGS * STEPS];
  private long total;
  private long max;

  /** Records one sample; negative ones count as 0. */
  synchronized void record(long micros) {
    long value = Math.max(0, micros);
    counts[index(value)]++;
    total++;
    max = Math.max(max, value);
  }

  /** How many samples. */
  synchronized long count() {
    return total;
  }

  /** The largest sample. */
  synchronized long max() {
    return max;
  }

  /** The sample at {@code percentile} (0–100): the top of its bucket, at most the largest sample; 0 when empty. */
  synchronized long percentile(double percentile) {
    if (total == 0) {
      return 0;
    }
    long rank = Math.max(1, (long) Math.ceil(percentile / 100 * total));
    long seen = 0;
    for (int i = 0; i < counts.length; i++) {
      seen += counts[i];
      if (seen >= rank) {
        // The last bucket is open-ended: its top says nothing about what landed in it.
        return i == counts.length - 1 ? max : Math.min(top(i), max);
      }
    }
    return max;
  }

  /** Moves every sample out into a new histogram, leaving this one empty (for per-second figures). */
  synchronized Latencies drain() {
    Latencies drained = new Latencies();
    System.arraycopy(counts, 0, drained.counts, 0, counts.length);
    drained.total = total;
    drained.max = max;
    Arrays.fill(counts, 0);
    total = 0;
    max = 0;
    return drained;
  }

  static int index(long value) {
    if (value < EXACT) {
      return (int) value;
    }
    int doubling = 63 - Long.numberOfLeadingZeros(value / EXACT); // value in [EXACT·2^d, EXACT·2^(d+1))
    if (doubling >= DOUBLINGS) {
      return EXACT + DOUBLINGS * STEPS - 1;
    }
    long low = (long) EXACT << doubling;
    int step = (int) ((value - low) * STEPS / low);
    return EXACT + doubling * STEPS + step;
  }

  static long top(int index) {
    if (index < EXACT) {
      return index;
    }
    int doubling = (index - EXACT) / STEPS;
    int step = (index - EXACT) % STEPS;
    long low = (long) EXACT << doubling;
    return low + (step + 1) * low / STEPS - 1;
  }
}
