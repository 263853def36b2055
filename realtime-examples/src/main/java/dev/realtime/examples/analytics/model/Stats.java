package dev.realtime.examples.analytics.model;

import com.google.gson.JsonObject;

/**
 * What {@code initial_stats}, {@code heartbeat} and {@code stats} frames carry, for the whole
 * cluster.
 *
 * @param currentVisitors open analytics connections on every node
 * @param uniqueToday distinct {@code visitor_id}s since 00:00 UTC
 * @param totalEvents every event accepted
 * @param lettersToday events of type {@value AnalyticsEvent#LETTER} since 00:00 UTC
 * @param timestamp Unix seconds
 */
public record Stats(long currentVisitors, long uniqueToday, long totalEvents, long lettersToday, long timestamp) {

  /** {@code {"current_visitors":…,"unique_today":…,"total_events":…,"letters_today":…,"timestamp":…}}. */
  public JsonObject toJson() {
    JsonObject data = new JsonObject();
    data.addProperty("current_visitors", currentVisitors);
    data.addProperty("unique_today", uniqueToday);
    data.addProperty("total_events", totalEvents);
    data.addProperty("letters_today", lettersToday);
    data.addProperty("timestamp", timestamp);
    return data;
  }

  /** Reads {@link #toJson()}'s form back. */
  public static Stats fromJson(JsonObject data) {
    return new Stats(data.get("current_visitors").getAsLong(), data.get("unique_today").getAsLong(),
        data.get("total_events").getAsLong(), data.get("letters_today").getAsLong(), data.get("timestamp").getAsLong());
  }
}
