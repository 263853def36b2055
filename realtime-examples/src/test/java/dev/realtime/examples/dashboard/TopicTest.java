package dev.realtime.examples.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TopicTest {

  @Test
  void everySampleFieldBelongsToExactlyOneTopic() {
    MetricsSample sample = new ScriptedSource().sample(Instant.EPOCH, 0);
    Set<String> covered = new HashSet<>();
    for (Topic topic : Topic.values()) {
      for (String field : topic.fields()) {
        assertThat(covered.add(field)).as(field + " in two topics").isTrue();
      }
    }
    assertThat(covered).isEqualTo(sample.values().keySet());
  }

  @Test
  void namesParseBothWays() {
    for (Topic topic : Topic.values()) {
      assertThat(Topic.parse(topic.wireName())).contains(topic);
    }
    assertThat(Topic.parse("CPU")).isEmpty();
    assertThat(Topic.ofField("error_rate")).contains(Topic.PERFORMANCE);
    assertThat(Topic.ofField("timestamp")).isEmpty();
  }

  @Test
  void nonFiniteValuesBecomeZeroSoTheJsonStaysValid() {
    MetricsSample sample = new MetricsSample(
        Instant.EPOCH, Double.NaN, 1, 2, 3, 4, Double.POSITIVE_INFINITY, 5, 1, 2, 0, 0, 0, 0);
    assertThat(sample.cpuUsage()).isZero();
    assertThat(sample.networkIn()).isZero();
    assertThat(sample.toJson(Set.of(Topic.DISK)).keySet()).containsExactly("timestamp", "disk_usage");
  }
}
