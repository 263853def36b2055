package dev.realtime.metrics;

import com.google.gson.JsonObject;

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

  /** Returns the counters as a snake_case JSON object. */
  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    json.addProperty("publishes", publishes);
    json.addProperty("publish_failures", publishFailures);
    json.addProperty("publish_latency_mean_us", Math.round(meanPublishLatencyNanos() / 100) / 10.0);
    json.addProperty("publish_latency_max_us", Math.round(publishLatencyMaxNanos / 100.0) / 10.0);
    json.addProperty("gaps_detected", gapsDetected);
    json.addProperty("gaps_filled", gapsFilled);
    json.addProperty("messages_dropped", messagesDropped);
    json.addProperty("reconnects", reconnects);
    return json;
  }
}
