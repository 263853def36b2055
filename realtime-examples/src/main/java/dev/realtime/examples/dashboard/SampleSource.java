package dev.realtime.examples.dashboard;

import java.time.Instant;

/** Produces the dashboard's samples: measured ({@link SystemSource}) or synthetic. */
public interface SampleSource {

  /**
   * Takes one sample at {@code now}; {@code tickLagMillis} is how late the tick that asks for it
   * ran. Called from one thread at a time.
   */
  MetricsSample sample(Instant now, double tickLagMillis);

  /** {@code real} or {@code simulated}, as the page shows it. */
  String mode();
}
