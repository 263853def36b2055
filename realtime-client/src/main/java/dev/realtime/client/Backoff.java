package dev.realtime.client;

import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with full jitter: attempt {@code n} (0 after the first failure) waits a
 * uniformly random delay between 0 and {@code min(max, initial × 2^n)}. The randomness spreads
 * thousands of clients that lost the same server over the whole window instead of bringing them
 * back in waves; the cap bounds how long a client waits once the server is back. Immutable.
 */
final class Backoff {
  private final long initialMillis;
  private final long maxMillis;
  private final DoubleSupplier random;

  /** {@code random} answers values in [0, 1). */
  Backoff(Duration initial, Duration max, DoubleSupplier random) {
    this.initialMillis = initial.toMillis();
    this.maxMillis = max.toMillis();
    this.random = Objects.requireNonNull(random, "random");
    if (initialMillis <= 0 || maxMillis < initialMillis) {
      throw new IllegalArgumentException("need 0 < initial <= max, got " + initial + " and " + max);
    }
  }

  /** The longest delay attempt {@code attempt} can wait. */
  Duration ceiling(int attempt) {
    if (attempt < 0) {
      throw new IllegalArgumentException("attempt must not be negative: " + attempt);
    }
    // Doubling past the cap stops early, so large attempt counts never overflow.
    long ceiling = initialMillis;
    for (int i = 0; i < attempt && ceiling < maxMillis; i++) {
      ceiling = ceiling * 2;
    }
    return Duration.ofMillis(Math.min(ceiling, maxMillis));
  }

  /** A delay for {@code attempt}: uniform in [0, {@link #ceiling}], to the millisecond. */
  Duration delay(int attempt) {
    long ceiling = ceiling(attempt).toMillis();
    double draw = random.getAsDouble();
    if (draw < 0 || draw >= 1) {
      throw new IllegalStateException("random values must lie in [0, 1), got " + draw);
    }
    return Duration.ofMillis((long) (draw * (ceiling + 1)));
  }
}
