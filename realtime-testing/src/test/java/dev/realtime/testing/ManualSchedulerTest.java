package dev.realtime.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ManualSchedulerTest {
  private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final ManualScheduler scheduler = new ManualScheduler(clock);
  private final List<String> ran = new ArrayList<>();

  @Test
  void tasksRunWhenTheClockPassesTheirTimeInTimeOrderWithTheClockAtTheirTime() {
    scheduler.schedule(() -> ran.add("b@" + clock.instant().getEpochSecond() % 60), 2, TimeUnit.SECONDS);
    scheduler.schedule(() -> ran.add("a@" + clock.instant().getEpochSecond() % 60), 1, TimeUnit.SECONDS);
    scheduler.execute(() -> ran.add("now"));
    assertThat(ran).isEmpty();
    assertThat(scheduler.pending()).isEqualTo(3);

    assertThat(scheduler.advance(Duration.ofMillis(1500))).isEqualTo(2);
    assertThat(ran).containsExactly("now", "a@1");
    scheduler.advance(Duration.ofSeconds(1));
    assertThat(ran).containsExactly("now", "a@1", "b@2");
    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-01-01T00:00:02.500Z"));
  }

  @Test
  void periodicTasksRepeatAndCancelledOnesDoNotRun() {
    ScheduledFuture<?> tick = scheduler.scheduleAtFixedRate(() -> ran.add("tick"), 1, 1, TimeUnit.SECONDS);
    ScheduledFuture<?> never = scheduler.schedule(() -> ran.add("never"), 2, TimeUnit.SECONDS);
    never.cancel(false);
    scheduler.advance(Duration.ofSeconds(3));
    assertThat(ran).containsExactly("tick", "tick", "tick");
    tick.cancel(false);
    scheduler.advance(Duration.ofSeconds(3));
    assertThat(ran).hasSize(3);
    assertThat(never.isCancelled()).isTrue();
  }

  @Test
  void aTaskMaySchedulePlainlyDueWorkThatRunsInTheSameAdvance() {
    scheduler.schedule(() -> {
      ran.add("first");
      scheduler.schedule(() -> ran.add("chained"), 500, TimeUnit.MILLISECONDS);
    }, 1, TimeUnit.SECONDS);
    scheduler.advance(Duration.ofSeconds(2));
    assertThat(ran).containsExactly("first", "chained");
  }

  @Test
  void afterShutdownNothingIsAccepted() {
    scheduler.schedule(() -> ran.add("x"), 1, TimeUnit.SECONDS);
    assertThat(scheduler.shutdownNow()).hasSize(1);
    assertThat(scheduler.isTerminated()).isTrue();
    assertThatThrownBy(() -> scheduler.execute(() -> {})).isInstanceOf(RejectedExecutionException.class);
  }
}
