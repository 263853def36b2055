package dev.realtime.examples.dashboard;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A source whose CPU and response time the test sets; {@code requests_per_sec} numbers the samples
 * (1, 2, 3, …) so a test can tell which one arrived.
 */
final class ScriptedSource implements SampleSource {
  volatile double cpu = 20;
  volatile double responseTime = 100;
  private final AtomicInteger taken = new AtomicInteger();

  @Override
  public MetricsSample sample(Instant now, double tickLagMillis) {
    return new MetricsSample(
        now, cpu, cpu / 2, 40, 30, 50, 1.5, 2.5, 3, taken.incrementAndGet(), 0.5, responseTime, 0, 0);
  }

  /** The number of the last sample taken. */
  int taken() {
    return taken.get();
  }

  @Override
  public String mode() {
    return "scripted";
  }
}
