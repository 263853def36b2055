package dev.realtime.examples.monitoring;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.realtime.metrics.BrokerCounts;
import dev.realtime.metrics.MetricsSnapshot;
import java.util.Objects;

/**
 * The JSON the monitoring page reads from {@code /metrics}: snake_case fields, where {@code uptime}
 * is the RFC 3339 start instant (the page subtracts it from "now"), plus {@code uptime_seconds} and
 * the library's extra counters.
 */
public final class MetricsJson {
  private MetricsJson() {}

  /** Returns {@code snapshot} in the page's shape, fields in the order the page documents them. */
  public static JsonObject toJson(MetricsSnapshot snapshot) {
    Objects.requireNonNull(snapshot, "snapshot");
    JsonObject json = new JsonObject();
    json.addProperty("total_connections", snapshot.totalConnections());
    json.addProperty("active_connections", snapshot.activeConnections());
    json.addProperty("messages_received", snapshot.messagesReceived());
    json.addProperty("messages_sent", snapshot.messagesSent());
    json.addProperty("errors_count", snapshot.errorsCount());
    json.addProperty("uptime", snapshot.startedAt().toString());
    json.addProperty("last_activity", snapshot.lastActivity().toString());
    JsonArray hours = new JsonArray(snapshot.connectionsPerHour().size());
    snapshot.connectionsPerHour().forEach(hours::add);
    json.add("connections_per_hour", hours);
    json.addProperty("uptime_seconds", snapshot.uptime().getSeconds());
    json.addProperty("bytes_received", snapshot.bytesReceived());
    json.addProperty("bytes_sent", snapshot.bytesSent());
    json.addProperty("slow_consumer_disconnects", snapshot.slowConsumerDisconnects());
    json.addProperty("messages_dropped", snapshot.messagesDropped());
    json.addProperty("handshakes_rejected", snapshot.handshakesRejected());
    json.addProperty("rooms", snapshot.rooms());
    json.add("broker", broker(snapshot.broker()));
    return json;
  }

  /** The broker counters as a snake_case object; latencies in microseconds to one decimal. */
  private static JsonObject broker(BrokerCounts broker) {
    JsonObject json = new JsonObject();
    json.addProperty("publishes", broker.publishes());
    json.addProperty("publish_failures", broker.publishFailures());
    json.addProperty("publish_latency_mean_us", Math.round(broker.meanPublishLatencyNanos() / 100) / 10.0);
    json.addProperty("publish_latency_max_us", Math.round(broker.publishLatencyMaxNanos() / 100.0) / 10.0);
    json.addProperty("gaps_detected", broker.gapsDetected());
    json.addProperty("gaps_filled", broker.gapsFilled());
    json.addProperty("messages_dropped", broker.messagesDropped());
    json.addProperty("reconnects", broker.reconnects());
    return json;
  }
}
