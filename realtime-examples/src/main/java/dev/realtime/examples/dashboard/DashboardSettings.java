package dev.realtime.examples.dashboard;

import dev.realtime.examples.dashboard.alert.AlertRule;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The dashboard's tunables.
 *
 * @param tickInterval how often a sample is taken and pushed (default 2 s)
 * @param drainInterval how often parked samples of slow clients are retried
 * @param rules the alert rules (default: the dashboard's thresholds, {@link #defaultRules()})
 * @param simulationSeed the random seed of the {@code --simulate} generator
 * @param source a fixed sample source, or null to choose real or simulated from the command line
 */
public record DashboardSettings(
    Duration tickInterval,
    Duration drainInterval,
    List<AlertRule> rules,
    long simulationSeed,
    SampleSource source) {

  /** Validates and copies. */
  public DashboardSettings {
    positive(tickInterval, "tickInterval");
    positive(drainInterval, "drainInterval");
    rules = List.copyOf(rules);
  }

  /** A 2 s tick, a 100 ms drain retry, the default rules, real values unless {@code --simulate}. */
  public static DashboardSettings defaults() {
    return new DashboardSettings(
        Duration.ofSeconds(2), Duration.ofMillis(100), defaultRules(), System.nanoTime(), null);
  }

  /**
   * The dashboard's thresholds: CPU 70/90 %, memory 80/95 %, error rate 5 % warning and 10 %
   * critical, response time 1000 ms warning and 2000 ms critical (the page's own thresholds have
   * one level for the last two; the critical levels are ours), each with a hysteresis of about 5 %
   * of its warning.
   */
  public static List<AlertRule> defaultRules() {
    return List.of(
        new AlertRule("cpu_usage", "CPU Usage", "%", 70, 90, 5),
        new AlertRule("memory_usage", "Memory Usage", "%", 80, 95, 5),
        new AlertRule("error_rate", "Error Rate", "%", 5, 10, 0.5),
        new AlertRule("response_time", "Response Time", "ms", 1000, 2000, 50));
  }

  /** A copy with another tick interval. */
  public DashboardSettings withTickInterval(Duration interval) {
    return new DashboardSettings(interval, drainInterval, rules, simulationSeed, source);
  }

  /** A copy with other alert rules. */
  public DashboardSettings withRules(List<AlertRule> newRules) {
    return new DashboardSettings(tickInterval, drainInterval, newRules, simulationSeed, source);
  }

  /** A copy that always uses {@code fixed} (for tests and embedding). */
  public DashboardSettings withSource(SampleSource fixed) {
    return new DashboardSettings(
        tickInterval, drainInterval, rules, simulationSeed, Objects.requireNonNull(fixed, "source"));
  }

  private static void positive(Duration duration, String name) {
    Objects.requireNonNull(duration, name);
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }
}
