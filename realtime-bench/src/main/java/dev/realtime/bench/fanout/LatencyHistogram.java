package dev.realtime.bench.fanout;

/**
 * A log-linear histogram of latencies in microseconds, in the spirit of HdrHistogram.
 *
 * <p>Values below 64 µs get a bucket each; above, every power of two is split into 32 buckets, so
 * a reported percentile is at most about 3% above the true value. It is a fixed array of about
 * 1,900 counters: recording allocates nothing, which matters at hundreds of thousands of samples
 * per second. Not thread-safe: each selector thread keeps its own and they are merged at the end.
 */
final class LatencyHistogram {
  private static final int LINEAR = 64;
  private static final int SUB_BITS = 5;
  private static final int SUB = 1 << SUB_BITS;
  private static final int BUCKETS = LINEAR + (64 - 6) * SUB;

  private final long[] counts = new long[BUCKETS];
  private long total;
  private long max;

  /** Records one latency in microseconds; negative values count as zero. */
  void record(long micros) {
    long value = Math.max(0, micros);
    counts[index(value)]++;
    total++;
    if (value > max) {
      max = value;
    }
  }

  /** Adds every sample of {@code other}. */
  void add(LatencyHistogram other) {
    for (int i = 0; i < BUCKETS; i++) {
      counts[i] += other.counts[i];
    }
    total += other.total;
    max = Math.max(max, other.max);
  }

  /** The number of samples. */
  long count() {
    return total;
  }

  /** The largest sample, exact. */
  long max() {
    return max;
  }

  /** The value at {@code percentile} (0–100): the upper edge of its bucket, capped by the max. */
  long percentile(double percentile) {
    if (total == 0) {
      return 0;
    }
    long rank = Math.max(1, (long) Math.ceil(percentile / 100.0 * total));
    long seen = 0;
    for (int i = 0; i < BUCKETS; i++) {
      seen += counts[i];
      if (seen >= rank) {
        return Math.min(upperEdge(i), max);
      }
    }
    return max;
  }

  static int index(long value) {
    if (value < LINEAR) {
      return (int) value;
    }
    int exponent = 63 - Long.numberOfLeadingZeros(value) - SUB_BITS; // >= 1 here
    int mantissa = (int) (value >>> exponent); // in [32, 64)
    return LINEAR + (exponent - 1) * SUB + (mantissa - SUB);
  }

  static long upperEdge(int index) {
    if (index < LINEAR) {
      return index;
    }
    int exponent = (index - LINEAR) / SUB + 1;
    long mantissa = (index - LINEAR) % SUB + SUB;
    return ((mantissa + 1) << exponent) - 1;
  }
}
