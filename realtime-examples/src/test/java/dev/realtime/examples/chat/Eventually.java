package dev.realtime.examples.chat;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/** Waits for a condition that other nodes make true, polling it until a deadline. */
final class Eventually {
  private Eventually() {}

  /** Polls {@code probe} every 50 ms until {@code done} accepts its value; fails after {@code timeout} with the last value. */
  static <T> T until(String what, Duration timeout, Callable<T> probe, Predicate<T> done) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    T last = null;
    Exception failure = null;
    while (System.nanoTime() < deadline) {
      try {
        last = probe.call();
        failure = null;
        if (done.test(last)) {
          return last;
        }
      } catch (Exception e) {
        failure = e; // not there yet: another node, a restarting Redis
      }
      Thread.sleep(50); // a poll interval, not a wait for something in particular
    }
    AssertionError error = new AssertionError(what + " within " + timeout.toMillis() + " ms; last seen: " + last);
    if (failure != null) {
      error.initCause(failure);
    }
    throw error;
  }
}
