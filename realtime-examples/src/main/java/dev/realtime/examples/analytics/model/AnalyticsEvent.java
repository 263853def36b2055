package dev.realtime.examples.analytics.model;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.realtime.protocol.Json;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One analytics event as producers publish it and every client receives it: a JSON object such as
 * {@code {"type":"page_view","visitor_id":"…","timestamp":"2025-12-08T12:34:56Z","data":{…}}}.
 *
 * <p>{@link #parse} is the one gate every producer goes through (REST, Redis, the simulator): an
 * object of at most {@value #MAX_BYTES} bytes with a {@code type} of 1–64 letters, digits, {@code
 * _ . : -} that is not one of the feed's own frame types; {@code visitor_id} a string of at most
 * 128 characters if present; {@code timestamp} a string or a number if present (stamped with the
 * server's time when absent); {@code data} an object if present. Anything else is kept as sent.
 *
 * @param type the event type
 * @param visitorId the visitor, if the event names one
 * @param text the event as clients receive it: compact JSON, fields in the producer's order
 */
public record AnalyticsEvent(String type, Optional<String> visitorId, String text) {
  /** The largest event accepted, in bytes of its compact JSON. */
  public static final int MAX_BYTES = 8 * 1024;
  /** The event type {@code letters_today} counts: a generated cover letter. */
  public static final String LETTER = "letter_generated";
  /** Frame types of the feed itself, which an event may not take (clients dispatch on type). */
  public static final Set<String> RESERVED_TYPES = Set.of("initial_stats", "heartbeat", "stats", "pong", "ping",
      "error", "subscriptions", "refresh_stats", "subscribe", "unsubscribe");

  private static final Pattern TYPE = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

  /** Checks the parts. */
  public AnalyticsEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(visitorId, "visitorId");
    Objects.requireNonNull(text, "text");
  }

  /** Validates a producer's event, stamping {@code timestamp} from {@code clock} when it has none. */
  public static AnalyticsEvent parse(String json, Clock clock) throws InvalidEventException {
    Objects.requireNonNull(json, "json");
    if (json.length() > 4 * MAX_BYTES) {
      throw new InvalidEventException("an event is at most " + MAX_BYTES + " bytes");
    }
    JsonObject event;
    try {
      event = Json.parseObject(json);
    } catch (RuntimeException e) {
      throw new InvalidEventException("an event is a JSON object: " + e.getMessage());
    }
    return of(event, clock);
  }

  /** Validates a decoded event (see {@link #parse}). */
  public static AnalyticsEvent of(JsonObject event, Clock clock) throws InvalidEventException {
    String type = string(event, "type", true, 64)
        .orElseThrow(() -> new InvalidEventException("an event needs a string 'type'"));
    if (!TYPE.matcher(type).matches()) {
      throw new InvalidEventException("'type' is 1 to 64 letters, digits, '_', '.', ':' or '-'");
    }
    if (RESERVED_TYPES.contains(type)) {
      throw new InvalidEventException("'" + type + "' is a frame type of the feed itself, not an event type");
    }
    Optional<String> visitor = string(event, "visitor_id", false, 128);
    JsonElement timestamp = event.get("timestamp");
    if (timestamp == null || timestamp.isJsonNull()) {
      JsonObject stamped = new JsonObject();
      event.entrySet().forEach(field -> stamped.add(field.getKey(), field.getValue()));
      stamped.addProperty("timestamp", clock.instant().truncatedTo(ChronoUnit.MILLIS).toString());
      event = stamped;
    } else if (!timestamp.isJsonPrimitive() || timestamp.getAsJsonPrimitive().isBoolean()
        || (timestamp.getAsJsonPrimitive().isString() && timestamp.getAsString().length() > 64)) {
      throw new InvalidEventException("'timestamp' is a string of at most 64 characters or a number");
    }
    JsonElement data = event.get("data");
    if (data != null && !data.isJsonObject() && !data.isJsonNull()) {
      throw new InvalidEventException("'data' is an object");
    }
    String text = Json.encode(event);
    if (text.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      throw new InvalidEventException("an event is at most " + MAX_BYTES + " bytes");
    }
    return new AnalyticsEvent(type, visitor, text);
  }

  /**
   * An event that already passed {@link #parse} on some node, as it comes back from the broker:
   * only its type and visitor are read again.
   */
  public static AnalyticsEvent accepted(String text) {
    JsonObject event = Json.parseObject(text);
    JsonElement visitor = event.get("visitor_id");
    return new AnalyticsEvent(event.get("type").getAsString(),
        visitor != null && visitor.isJsonPrimitive() ? Optional.of(visitor.getAsString()) : Optional.empty(), text);
  }

  /** The event decoded (a fresh copy each call). */
  public JsonObject json() {
    return Json.parseObject(text);
  }

  /** Whether {@code letters_today} counts it. */
  public boolean isLetter() {
    return LETTER.equals(type);
  }

  private static Optional<String> string(JsonObject event, String field, boolean required, int maxLength)
      throws InvalidEventException {
    JsonElement value = event.get(field);
    if (value == null || value.isJsonNull()) {
      return Optional.empty();
    }
    if (!(value instanceof JsonPrimitive primitive) || !primitive.isString()) {
      throw new InvalidEventException("'" + field + "' must be a string");
    }
    String text = value.getAsString();
    if ((required && text.isEmpty()) || text.length() > maxLength) {
      throw new InvalidEventException("'" + field + "' is 1 to " + maxLength + " characters");
    }
    return Optional.of(text);
  }
}
