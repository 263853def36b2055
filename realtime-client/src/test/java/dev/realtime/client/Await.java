package dev.realtime.client;

import dev.realtime.testing.ManualScheduler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waits on a condition with a deadline: never a fixed sleep. */
final class Await {
  static final Duration DEADLINE = Duration.ofSeconds(10);

  private Await() {}

  /** Polls {@code condition} until it holds; fails after {@link #DEADLINE}. */
  static void until(String what, BooleanSupplier condition) {
    long end = System.nanoTime() + DEADLINE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("timed out waiting for " + what);
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
    }
  }

  /**
   * Runs what is due on {@code scheduler} (the client's callbacks, handed over from the JDK's
   * threads) until {@code condition} holds; time does not move.
   */
  static void pumping(ManualScheduler scheduler, String what, BooleanSupplier condition) {
    long end = System.nanoTime() + DEADLINE.toNanos();
    while (true) {
      scheduler.runDue();
      if (condition.getAsBoolean()) {
        return;
      }
      if (System.nanoTime() > end) {
        throw new AssertionError("timed out waiting for " + what);
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
    }
  }
}
