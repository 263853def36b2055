package dev.realtime.examples.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatedSourceTest {
  private static final Instant NOON = Instant.parse("2026-11-22T12:00:00Z");

  private static List<MetricsSample> series(SimulatedSource source, int count) {
    List<MetricsSample> samples = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      samples.add(source.sample(NOON.plusSeconds(2L * i), 0));
    }
    return samples;
  }

  @Test
  void theSameSeedGivesTheSameSeries() {
    assertThat(series(new SimulatedSource(7), 50)).isEqualTo(series(new SimulatedSource(7), 50));
    assertThat(series(new SimulatedSource(7), 50)).isNotEqualTo(series(new SimulatedSource(8), 50));
  }

  @Test
  void valuesStayInTheSeedsRanges() {
    for (MetricsSample sample : series(new SimulatedSource(1), 2000)) {
      assertThat(sample.cpuUsage()).isBetween(0.0, 100.0);
      assertThat(sample.memoryUsage()).isBetween(20.0, 85.0);
      assertThat(sample.diskUsage()).isBetween(50.0, 75.0);
      assertThat(sample.cacheHitRate()).isBetween(85.0, 95.0);
      assertThat(sample.databaseConnections()).isBetween(20, 49);
      assertThat(sample.responseTime()).isBetween(200.0, 1000.0);
      assertThat(sample.errorRate()).isBetween(1.0, 6.0);
    }
  }

  @Test
  void spikesComeAtTheSeedsRateWhenLeftToChance() {
    long spikes = series(new SimulatedSource(3), 5000).stream().filter(s -> s.responseTime() > 500).count();
    assertThat(spikes).isBetween(400L, 600L);
  }

  @Test
  void aForcedSpikeRaisesCpuResponseTimeAndErrorRateOnTheNextSampleOnly() {
    SimulatedSource calm = new SimulatedSource(11, 0);
    SimulatedSource spiked = new SimulatedSource(11, 0);
    spiked.forceSpikes(1);
    List<MetricsSample> expected = series(calm, 3);
    List<MetricsSample> actual = series(spiked, 3);
    assertThat(actual.get(0).responseTime()).isEqualTo(expected.get(0).responseTime() + 500);
    assertThat(actual.get(0).errorRate()).isEqualTo(expected.get(0).errorRate() + 2);
    assertThat(actual.get(0).cpuUsage()).isEqualTo(Math.min(100, expected.get(0).cpuUsage() + 30));
    // forcing consumes no randomness, so the rest of the series is unchanged
    assertThat(actual.subList(1, 3)).isEqualTo(expected.subList(1, 3));
  }

  @Test
  void withoutChanceOrForceNothingSpikes() {
    assertThat(series(new SimulatedSource(5, 0), 1000)).allMatch(s -> s.responseTime() <= 500);
  }

  @Test
  void rejectsAnImpossibleProbability() {
    assertThatThrownBy(() -> new SimulatedSource(1, 1.5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SimulatedSource(1).forceSpikes(-1)).isInstanceOf(IllegalArgumentException.class);
  }
}
