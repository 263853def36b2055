package dev.realtime.examples.analytics.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Percentage.withPercentage;

import dev.realtime.examples.analytics.model.AnalyticsEvent;
import dev.realtime.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MemoryStatsStoreTest {
  private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T23:59:00Z"));
  private final MemoryStatsStore store = new MemoryStatsStore(clock);

  private Counters counters() throws Exception {
    return store.counters().toCompletableFuture().get();
  }

  private void record(String json) throws Exception {
    store.record(AnalyticsEvent.parse(json, clock)).toCompletableFuture().get();
  }

  @Test
  void countsEventsDistinctVisitorsAndLettersAndTheDayTurnsAtMidnightUtc() throws Exception {
    record("{\"type\":\"page_view\",\"visitor_id\":\"ann\"}");
    record("{\"type\":\"page_view\",\"visitor_id\":\"ann\"}");
    record("{\"type\":\"letter_generated\",\"visitor_id\":\"bob\"}");
    record("{\"type\":\"click\"}");
    assertThat(counters()).isEqualTo(new Counters(2, 4, 1));

    clock.advance(Duration.ofMinutes(2)); // 00:01 UTC the next day
    assertThat(counters()).isEqualTo(new Counters(0, 4, 0));
    record("{\"type\":\"page_view\",\"visitor_id\":\"ann\"}");
    assertThat(counters()).isEqualTo(new Counters(1, 5, 0));
  }

  @Test
  void theSketchStaysWithinTwoPercentForManyVisitors() {
    HyperLogLog sketch = new HyperLogLog();
    int distinct = 100_000;
    for (int i = 0; i < distinct; i++) {
      sketch.add(new UUID(i, i * 31L).toString());
      sketch.add(new UUID(i, i * 31L).toString());
    }
    assertThat((double) sketch.count()).isCloseTo(distinct, withPercentage(2));
    HyperLogLog few = new HyperLogLog();
    for (int i = 0; i < 50; i++) {
      few.add("visitor-" + (i % 17));
    }
    assertThat(few.count()).isEqualTo(17);
  }
}
