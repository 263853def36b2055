package dev.realtime.store.redis;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.realtime.notify.Audience;
import dev.realtime.notify.Notification;
import dev.realtime.notify.NotificationType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A notification as the Redis store keeps it: compact JSON that gives back an equal {@link
 * Notification}, instants to the nanosecond and metadata values with their Java type (an
 * {@code Integer} stays an {@code Integer}). Not a wire format: pages never see it.
 */
final class NotificationCodec {
  private NotificationCodec() {}

  static String encode(Notification n) {
    JsonObject json = new JsonObject();
    json.addProperty("id", n.id());
    json.addProperty("ty", n.type().wireName());
    json.addProperty("ti", n.title());
    json.addProperty("m", n.message());
    json.addProperty("p", n.priority());
    n.category().ifPresent(c -> json.addProperty("ca", c));
    if (n.audience() instanceof Audience.Users users) {
      JsonArray ids = new JsonArray();
      users.userIds().stream().sorted().forEach(ids::add);
      json.add("u", ids);
    } else if (n.audience() instanceof Audience.Role role) {
      json.addProperty("r", role.name());
    }
    json.addProperty("cr", n.createdAt().toString());
    n.expiresAt().ifPresent(e -> json.addProperty("ex", e.toString()));
    n.actionUrl().ifPresent(a -> json.addProperty("a", a));
    if (!n.metadata().isEmpty()) {
      // [key, tag, value] triples keep the order and the type of every value.
      JsonArray metadata = new JsonArray();
      n.metadata().forEach((key, value) -> {
        JsonArray item = new JsonArray();
        item.add(key);
        if (value instanceof String text) {
          item.add("s");
          item.add(text);
        } else if (value instanceof Integer number) {
          item.add("i");
          item.add(number);
        } else if (value instanceof Long number) {
          item.add("l");
          item.add(Long.toString(number));
        } else if (value instanceof Double number) {
          item.add("d");
          item.add(Double.toString(number));
        } else if (value instanceof Boolean flag) {
          item.add("b");
          item.add(flag);
        } else {
          throw new IllegalArgumentException("metadata value of type " + value.getClass());
        }
        metadata.add(item);
      });
      json.add("md", metadata);
    }
    return json.toString();
  }

  static Notification decode(String text) {
    JsonObject json = JsonParser.parseString(text).getAsJsonObject();
    Audience audience = Audience.everyone();
    if (json.has("u")) {
      List<String> ids = new ArrayList<>();
      json.getAsJsonArray("u").forEach(id -> ids.add(id.getAsString()));
      audience = Audience.users(ids);
    } else if (json.has("r")) {
      audience = Audience.role(json.get("r").getAsString());
    }
    Map<String, Object> metadata = new LinkedHashMap<>();
    if (json.has("md")) {
      for (JsonElement element : json.getAsJsonArray("md")) {
        JsonArray item = element.getAsJsonArray();
        JsonElement value = item.get(2);
        metadata.put(item.get(0).getAsString(), switch (item.get(1).getAsString()) {
          case "s" -> value.getAsString();
          case "i" -> value.getAsInt();
          case "l" -> Long.parseLong(value.getAsString());
          case "d" -> Double.parseDouble(value.getAsString());
          default -> value.getAsBoolean();
        });
      }
    }
    return new Notification(
        json.get("id").getAsString(),
        NotificationType.fromWireName(json.get("ty").getAsString()).orElseThrow(),
        json.get("ti").getAsString(),
        json.get("m").getAsString(),
        json.get("p").getAsInt(),
        optional(json, "ca"),
        audience,
        Instant.parse(json.get("cr").getAsString()),
        optional(json, "ex").map(Instant::parse),
        optional(json, "a"),
        metadata);
  }

  private static Optional<String> optional(JsonObject json, String field) {
    return json.has(field) ? Optional.of(json.get(field).getAsString()) : Optional.empty();
  }
}
