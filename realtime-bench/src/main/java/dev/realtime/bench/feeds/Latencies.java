package dev.realtime.bench.feeds;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Latencies recorded from many threads without locks: a histogram of 0.1 ms buckets up to 60 s
 * (later ones count in the last), summarised as percentiles in milliseconds.
 */
final class Latencies {
  private static final long BUCKET_NANOS = 100_000;
  private final AtomicLongArray buckets = new AtomicLongArray(600_000);
  private final AtomicLong count = new AtomicLong();
  private final AtomicLong max = new AtomicLong();

  /** Records one latency. */
  void add(long nanos) {
    long bucket = Math.max(0, Math.min(buckets.length() - 1, nanos / BUCKET_NANOS));
    buckets.incrementAndGet((int) bucket);
    count.incrementAndGet();
    max.accumulateAndGet(nanos, Math::max);
  }

  /** How many were recorded. */
  long count() {
    return count.get();
  }

  /** {@code p50 … ms  p99 … ms  max … ms}. */
  String summary() {
    long total = count.get();
    if (total == 0) {
      return "no samples";
    }
    return String.format(Locale.ROOT, "p50 %.1f ms  p99 %.1f ms  max %.1f ms",
        upTo(total, 0.50), upTo(total, 0.99), max.get() / 1e6);
  }

  /** The upper edge of the bucket holding the {@code quantile}. */
  private double upTo(long total, double quantile) {
    long rank = (long) Math.ceil(quantile * total);
    long seen = 0;
    for (int i = 0; i < buckets.length(); i++) {
      seen += buckets.get(i);
      if (seen >= rank) {
        return (i + 1) * BUCKET_NANOS / 1e6;
      }
    }
    return max.get() / 1e6;
  }
}
