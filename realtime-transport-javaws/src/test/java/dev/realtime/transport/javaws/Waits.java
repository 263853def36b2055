package dev.realtime.transport.javaws;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Waits on a condition with a deadline, for this module's tests. */
final class Waits {
  private Waits() {}

  /** Polls {@code condition} until it holds; fails naming {@code what} once {@code within} has passed. */
  static void until(BooleanSupplier condition, Duration within, String what) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("timed out after " + within.toSeconds() + " s waiting for " + what);
      }
      TimeUnit.MILLISECONDS.sleep(5); // the polling interval of a wait with a deadline
    }
  }
}
