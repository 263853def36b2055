package dev.realtime.examples.analytics.wire;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.realtime.examples.analytics.model.AnalyticsEvent;
import dev.realtime.examples.analytics.model.Stats;
import dev.realtime.examples.feed.Selection;
import dev.realtime.protocol.Json;
import dev.realtime.transport.OutboundMessage;
import java.util.Optional;

/**
 * The JSON text frames: {@code {"type":"heartbeat","data":{…}}}, events exactly as published,
 * {@code {"type":"subscriptions","all":false,"events":[…]}} (or {@code "all":true,"except":[…]}),
 * {@code {"type":"pong","timestamp":ms}} and the shared error frame.
 */
final class JsonFrames implements FrameEncoder {
  static final JsonFrames INSTANCE = new JsonFrames();

  private JsonFrames() {}

  @Override
  public OutboundMessage stats(StatsKind kind, Stats stats, Optional<JsonElement> id) {
    JsonObject frame = new JsonObject();
    frame.addProperty("type", kind.type());
    frame.add("data", stats.toJson());
    id.ifPresent(value -> frame.add("id", value));
    return Json.message(frame);
  }

  @Override
  public OutboundMessage event(AnalyticsEvent event) {
    return OutboundMessage.text(event.text());
  }

  @Override
  public OutboundMessage subscriptions(Selection selection, Optional<JsonElement> id) {
    JsonObject frame = new JsonObject();
    frame.addProperty("type", "subscriptions");
    frame.addProperty("all", selection.all());
    JsonArray names = new JsonArray();
    selection.sortedNames().forEach(names::add);
    frame.add(selection.all() ? "except" : "events", names);
    id.ifPresent(value -> frame.add("id", value));
    return Json.message(frame);
  }

  @Override
  public OutboundMessage pong(long millis, Optional<JsonElement> id) {
    JsonObject frame = new JsonObject();
    frame.addProperty("type", "pong");
    frame.addProperty("timestamp", millis);
    id.ifPresent(value -> frame.add("id", value));
    return Json.message(frame);
  }

  @Override
  public OutboundMessage error(String code, String message, Optional<JsonElement> id) {
    return Json.message(Json.error(code, message, id.orElse(null)));
  }
}
