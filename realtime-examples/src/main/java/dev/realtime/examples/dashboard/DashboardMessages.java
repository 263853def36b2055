package dev.realtime.examples.dashboard;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.realtime.examples.dashboard.alert.Alert;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/** The dashboard's wire format: {@code initial_data}, {@code metrics_update}, {@code new_alerts}. */
final class DashboardMessages {
  private DashboardMessages() {}

  static JsonObject initialData(
      MetricsSample current, List<MetricsSample> history, List<Alert> alerts, Duration interval, String mode) {
    JsonObject message = new JsonObject();
    message.addProperty("type", "initial_data");
    message.add("metrics", current.toJson());
    message.add("history", samples(history));
    message.add("alerts", alerts(alerts));
    // Our additions: the page's stale-data warning needs the interval, and it labels the mode.
    message.addProperty("interval_ms", interval.toMillis());
    message.addProperty("mode", mode);
    message.add("topics", topicCatalog());
    return message;
  }

  static JsonObject metricsUpdate(MetricsSample sample, Set<Topic> topics) {
    JsonObject message = new JsonObject();
    message.addProperty("type", "metrics_update");
    message.add("metrics", sample.toJson(topics));
    return message;
  }

  static JsonObject newAlerts(List<Alert> alerts) {
    JsonObject message = new JsonObject();
    message.addProperty("type", "new_alerts");
    message.add("alerts", alerts(alerts));
    return message;
  }

  static JsonObject subscriptions(Set<Topic> topics, JsonElement requestId) {
    JsonObject message = new JsonObject();
    message.addProperty("type", "subscriptions");
    message.add("topics", topicNames(topics));
    if (requestId != null && !requestId.isJsonNull()) {
      message.add("id", requestId);
    }
    return message;
  }

  static JsonArray samples(List<MetricsSample> samples) {
    JsonArray array = new JsonArray(samples.size());
    samples.forEach(sample -> array.add(sample.toJson()));
    return array;
  }

  static JsonArray alerts(List<Alert> alerts) {
    JsonArray array = new JsonArray(alerts.size());
    alerts.forEach(alert -> array.add(alert(alert)));
    return array;
  }

  /** One alert event as the page shows it: an RFC 3339 {@code timestamp} and a lowercase type. */
  static JsonObject alert(Alert alert) {
    JsonObject json = new JsonObject();
    json.addProperty("id", alert.id());
    json.addProperty("type", alert.type().wireName());
    json.addProperty("title", alert.title());
    json.addProperty("description", alert.description());
    json.addProperty("metric", alert.metric());
    json.addProperty("value", alert.value());
    json.addProperty("threshold", alert.threshold());
    json.addProperty("timestamp", alert.timestamp().toString());
    json.addProperty("resolved", alert.resolved());
    return json;
  }

  static JsonArray topicNames(Collection<Topic> topics) {
    JsonArray names = new JsonArray();
    for (Topic topic : Topic.values()) {
      if (topics.contains(topic)) {
        names.add(topic.wireName());
      }
    }
    return names;
  }

  static JsonObject topicCatalog() {
    JsonObject catalog = new JsonObject();
    for (Topic topic : Topic.values()) {
      JsonArray fields = new JsonArray();
      topic.fields().forEach(fields::add);
      catalog.add(topic.wireName(), fields);
    }
    return catalog;
  }
}
