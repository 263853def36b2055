package dev.realtime.examples.feed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.testing.ManualClock;
import dev.realtime.testing.ManualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Ticks on the wall clock's multiples, and only the claim's winner runs them. */
class ClusterTickerTest {
  private final ManualClock clock = new ManualClock(Instant.ofEpochMilli(10_500));
  private final ManualScheduler scheduler = new ManualScheduler(clock);

  @Test
  void ticksFallOnMultiplesOfTheIntervalAndCarryTheirOwnInstant() {
    List<Instant> ran = new ArrayList<>();
    ClusterTicker ticker = new ClusterTicker("t", Duration.ofSeconds(3), TickClaims.alone(), clock, scheduler,
        (tick, at) -> ran.add(at));
    ticker.start();
    scheduler.advance(Duration.ofMillis(1_400));
    assertThat(ran).isEmpty();
    scheduler.advance(Duration.ofMillis(100)); // 12.0 s
    assertThat(ran).containsExactly(Instant.ofEpochMilli(12_000));
    scheduler.advance(Duration.ofSeconds(6));
    assertThat(ran).containsExactly(Instant.ofEpochMilli(12_000), Instant.ofEpochMilli(15_000), Instant.ofEpochMilli(18_000));
    ticker.close();
    scheduler.advance(Duration.ofSeconds(6));
    assertThat(ran).hasSize(3);
  }

  @Test
  void twoNodesSharingClaimsRunEachTickOnce() {
    Set<Long> claimed = new HashSet<>();
    TickClaims shared = (series, tick, lifetime) -> CompletableFuture.completedFuture(claimed.add(tick));
    List<String> ran = new ArrayList<>();
    new ClusterTicker("t", Duration.ofSeconds(1), shared, clock, scheduler, (tick, at) -> ran.add("a" + tick)).start();
    new ClusterTicker("t", Duration.ofSeconds(1), shared, clock, scheduler, (tick, at) -> ran.add("b" + tick)).start();
    scheduler.advance(Duration.ofMillis(3_600)); // ticks 11, 12, 13, 14
    assertThat(ran).hasSize(4);
    assertThat(ran.stream().map(name -> name.substring(1)).toList()).containsExactly("11", "12", "13", "14");
  }

  @Test
  void aFailedClaimSkipsTheTickAndTheNextOneStillComes() {
    List<Long> ran = new ArrayList<>();
    TickClaims flaky = (series, tick, lifetime) -> tick % 2 == 0
        ? CompletableFuture.failedFuture(new IllegalStateException("Redis down"))
        : CompletableFuture.completedFuture(true);
    new ClusterTicker("t", Duration.ofSeconds(1), flaky, clock, scheduler, (tick, at) -> ran.add(tick)).start();
    scheduler.advance(Duration.ofMillis(4_600)); // ticks 11 to 15
    assertThat(ran).containsExactly(11L, 13L, 15L);
  }
}
