package dev.realtime.metrics;

/**
 * The broker counters of a {@link MetricsSnapshot}.
 *
 * @param publishes publications the broker accepted
 * @param publishFailures publishes that failed (their senders were told)
 * @param publishLatencyCount publishes whose latency was recorded
 * @param publishLatencyTotalNanos the sum of those latencies
 * @param publishLatencyMaxNanos the largest of those latencies
 * @param gapsDetected gaps a node found in a channel's offsets
 * @param gapsFilled gaps filled from history (the rest were reported unrecoverable)
 * @param messagesDropped publications dropped at a full handoff queue
 * @param reconnects broker connections that came back after a loss
 */
public record BrokerCounts(
    long publishes,
    long publishFailures,
    long publishLatencyCount,
    long publishLatencyTotalNanos,
    long publishLatencyMaxNanos,
    long gapsDetected,
    long gapsFilled,
    long messagesDropped,
    long reconnects) {

  /** Returns the mean publish latency in nanoseconds, 0 before the first. */
  public double meanPublishLatencyNanos() {
    return publishLatencyCount == 0 ? 0 : (double) publishLatencyTotalNanos / publishLatencyCount;
  }
}
