package dev.realtime.examples.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The latency histogram: exact for small values, within one ~1.6% bucket above, drained per second. */
class LatenciesTest {

  @Test
  void percentilesOfSmallValuesAreExact() {
    Latencies latencies = new Latencies();
    for (int i = 1; i <= 50; i++) {
      latencies.record(i);
    }
    assertThat(latencies.count()).isEqualTo(50);
    assertThat(latencies.percentile(50)).isEqualTo(25);
    assertThat(latencies.percentile(99)).isEqualTo(50);
    assertThat(latencies.percentile(100)).isEqualTo(50);
    assertThat(latencies.max()).isEqualTo(50);
    assertThat(new Latencies().percentile(50)).isZero();
  }

  @Test
  void percentilesOfAnySpreadAreWithinOneBucketOfTheExactOnes() {
    Random random = new Random(7);
    long[] samples = new long[20_000];
    Latencies latencies = new Latencies();
    for (int i = 0; i < samples.length; i++) {
      samples[i] = (long) Math.exp(random.nextDouble() * Math.log(60_000_000)); // 1 µs to a minute
      latencies.record(samples[i]);
    }
    Arrays.sort(samples);
    for (double percentile : new double[] {1, 50, 90, 99, 99.9}) {
      long exact = samples[(int) Math.ceil(percentile / 100 * samples.length) - 1];
      long estimate = latencies.percentile(percentile);
      assertThat(estimate).as("p%s", percentile).isGreaterThanOrEqualTo(exact)
          .isLessThanOrEqualTo(Math.max(exact + 1, (long) (exact * 1.016) + 1));
    }
  }

  @Test
  void bucketsCoverEveryValueInOrderAndHugeOnesLandInTheLast() {
    int previous = -1;
    for (long value = 0; value < 1_000_000; value += 7) {
      int index = Latencies.index(value);
      assertThat(index).isGreaterThanOrEqualTo(previous);
      assertThat(Latencies.top(index)).isGreaterThanOrEqualTo(value);
      previous = index;
    }
    Latencies latencies = new Latencies();
    latencies.record(Long.MAX_VALUE);
    latencies.record(-5);
    assertThat(latencies.percentile(100)).isEqualTo(Long.MAX_VALUE);
    assertThat(latencies.percentile(50)).isZero();
  }

  @Test
  void drainingMovesTheSamplesOut() {
    Latencies latencies = new Latencies();
    latencies.record(10);
    latencies.record(20);
    Latencies drained = latencies.drain();
    assertThat(drained.count()).isEqualTo(2);
    assertThat(drained.percentile(100)).isEqualTo(20);
    assertThat(latencies.count()).isZero();
    assertThat(latencies.max()).isZero();
  }
}
