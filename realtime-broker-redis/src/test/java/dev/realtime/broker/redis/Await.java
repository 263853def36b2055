package dev.realtime.broker.redis;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition with a deadline: the tests' only way to wait. */
final class Await {

  private Await() {}

  static void until(String what, Duration deadline, BooleanSupplier condition) {
    long end = System.nanoTime() + deadline.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("not within " + deadline.toMillis() + " ms: " + what);
      }
      try {
        Thread.sleep(5); // polling interval of a condition wait with a deadline
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for " + what, e);
      }
    }
  }

  static void until(String what, BooleanSupplier condition) {
    until(what, Duration.ofSeconds(20), condition);
  }

  /** Waits until {@code value} has the expected description, reporting the last one on timeout. */
  static void untilEquals(String what, Object expected, Supplier<?> value) {
    long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    Object last = value.get();
    while (!expected.equals(last)) {
      if (System.nanoTime() > end) {
        throw new AssertionError(what + ": expected " + expected + " but was " + last);
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
      last = value.get();
    }
  }
}
