package dev.realtime.examples.analytics;

import dev.realtime.hub.RateLimit;
import java.time.Duration;
import java.util.Objects;

/**
 * How the analytics example runs.
 *
 * @param heartbeatInterval how often every client gets a heartbeat (5 s)
 * @param simulationInterval how often {@code --simulate} publishes a few events (1 s)
 * @param rateLimit what one client may send (20 messages/s, bursts of 40)
 * @param ingestLease how long the node taking the Redis channel holds it without renewing (6 s)
 */
public record AnalyticsSettings(
    Duration heartbeatInterval, Duration simulationInterval, RateLimit rateLimit, Duration ingestLease) {

  /** Checks the parts. */
  public AnalyticsSettings {
    positive(heartbeatInterval, "heartbeatInterval");
    positive(simulationInterval, "simulationInterval");
    Objects.requireNonNull(rateLimit, "rateLimit");
    positive(ingestLease, "ingestLease");
  }

  /** The defaults. */
  public static AnalyticsSettings defaults() {
    return new AnalyticsSettings(Duration.ofSeconds(5), Duration.ofSeconds(1), new RateLimit(20, 40), Duration.ofSeconds(6));
  }

  /** A copy with another heartbeat interval. */
  public AnalyticsSettings withHeartbeatInterval(Duration interval) {
    return new AnalyticsSettings(interval, simulationInterval, rateLimit, ingestLease);
  }

  /**
   * A copy with the heartbeat interval {@code seconds} names (a positive number, fractions
   * allowed); unchanged when it is null or blank. Throws {@link IllegalArgumentException} naming
   * the bad value otherwise.
   */
  public AnalyticsSettings withHeartbeatFrom(String seconds) {
    if (seconds == null || seconds.isBlank()) {
      return this;
    }
    double value;
    try {
      value = Double.parseDouble(seconds.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("the heartbeat interval is a number of seconds: '" + seconds + "'");
    }
    if (!(value >= 0.001 && value <= 3600)) {
      throw new IllegalArgumentException("the heartbeat interval is 0.001 to 3600 seconds: '" + seconds + "'");
    }
    return withHeartbeatInterval(Duration.ofNanos(Math.round(value * 1e9)));
  }

  /** A copy with another simulation interval. */
  public AnalyticsSettings withSimulationInterval(Duration interval) {
    return new AnalyticsSettings(heartbeatInterval, interval, rateLimit, ingestLease);
  }

  /** A copy with another rate limit. */
  public AnalyticsSettings withRateLimit(RateLimit limit) {
    return new AnalyticsSettings(heartbeatInterval, simulationInterval, limit, ingestLease);
  }

  private static void positive(Duration duration, String name) {
    Objects.requireNonNull(duration, name);
    if (duration.isZero() || duration.isNegative()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }
}
