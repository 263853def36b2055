package dev.realtime.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Full jitter's arithmetic: windows that double to the cap, delays spread uniformly over them. */
class BackoffTest {
  private static final Duration INITIAL = Duration.ofMillis(500);
  private static final Duration MAX = Duration.ofSeconds(15);

  @Test
  void theWindowDoublesFromTheInitialDelayUpToTheCapAndNeverOverflows() {
    Backoff backoff = new Backoff(INITIAL, MAX, () -> 0.5);
    assertThat(backoff.ceiling(0)).isEqualTo(Duration.ofMillis(500));
    assertThat(backoff.ceiling(1)).isEqualTo(Duration.ofMillis(1000));
    assertThat(backoff.ceiling(4)).isEqualTo(Duration.ofMillis(8000));
    assertThat(backoff.ceiling(5)).isEqualTo(MAX);
    assertThat(backoff.ceiling(62)).isEqualTo(MAX);
    assertThat(backoff.ceiling(Integer.MAX_VALUE)).isEqualTo(MAX);
  }

  @Test
  void aDelayIsTheDrawTimesItsWindowFromZeroToTheTopInclusive() {
    assertThat(new Backoff(INITIAL, MAX, () -> 0.0).delay(3)).isEqualTo(Duration.ZERO);
    assertThat(new Backoff(INITIAL, MAX, () -> 0.999_999_9).delay(3)).isEqualTo(Duration.ofMillis(4000));
    assertThat(new Backoff(INITIAL, MAX, () -> 0.25).delay(1)).isEqualTo(Duration.ofMillis(250));
  }

  @Test
  void delaysSpreadUniformlyOverTheWholeWindow() {
    Random random = new Random(42);
    Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000), random::nextDouble);
    int[] quarters = new int[4];
    for (int i = 0; i < 40_000; i++) {
      long delay = backoff.delay(10).toMillis();
      assertThat(delay).isBetween(0L, 1000L);
      quarters[(int) Math.min(3, delay / 250)]++;
    }
    // Each quarter of the window holds about a quarter of the delays (not clustered at the top).
    for (int count : quarters) {
      assertThat(count).isBetween(9_000, 11_000);
    }
  }

  @Test
  void nonsenseSettingsAreRefused() {
    assertThatThrownBy(() -> new Backoff(Duration.ZERO, MAX, () -> 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Backoff(MAX, INITIAL, () -> 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Backoff(INITIAL, MAX, () -> 1.0).delay(0)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> new Backoff(INITIAL, MAX, () -> 0).ceiling(-1)).isInstanceOf(IllegalArgumentException.class);
  }
}
