package dev.realtime.examples.dashboard;

import java.time.Instant;

/** A source whose CPU and response time the test sets; everything else is fixed. */
final class ScriptedSource implements SampleSource {
  volatile double cpu = 20;
  volatile double responseTime = 100;

  @Override
  public MetricsSample sample(Instant now, double tickLagMillis) {
    return new MetricsSample(now, cpu, cpu / 2, 40, 30, 50, 1.5, 2.5, 3, 10, 0.5, responseTime, 0, 0);
  }

  @Override
  public String mode() {
    return "scripted";
  }
}
