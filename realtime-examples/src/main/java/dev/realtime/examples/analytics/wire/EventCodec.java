package dev.realtime.examples.analytics.wire;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.protobuf.ByteString;
import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.realtime.examples.analytics.proto.Event;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * An event's JSON object and its protobuf {@code Event}, both ways and losslessly for the JSON
 * the feed accepts (numbers inside {@code data} travel as doubles, as protobuf's {@code Struct}
 * holds them: integers beyond 2^53 lose precision). The saving comes from the envelope: field
 * names become tags, a UUID visitor 16 bytes, an RFC 3339 timestamp a varint.
 */
public final class EventCodec {
  private static final Pattern UTC_INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{3})?Z");
  private static final Pattern CANONICAL_UUID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'")
      .withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
      .withZone(ZoneOffset.UTC);

  private EventCodec() {}

  /** The protobuf form of an event's JSON object. */
  public static Event toProto(JsonObject json) {
    Event.Builder event = Event.newBuilder();
    for (Map.Entry<String, JsonElement> field : json.entrySet()) {
      String name = field.getKey();
      JsonElement value = field.getValue();
      if (name.equals("type") && isString(value)) {
        event.setType(value.getAsString());
      } else if (name.equals("visitor_id") && isString(value)) {
        String visitor = value.getAsString();
        if (CANONICAL_UUID.matcher(visitor).matches()) {
          UUID uuid = UUID.fromString(visitor);
          event.setVisitorUuid(ByteString.copyFrom(ByteBuffer.allocate(16)
              .putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits()).flip()));
        } else {
          event.setVisitorId(visitor);
        }
      } else if (name.equals("timestamp") && isString(value) && instant(value.getAsString()) != null) {
        event.setTimestampMs(instant(value.getAsString()).toEpochMilli());
        event.setTimestampHasMillis(value.getAsString().length() > 20);
      } else if (name.equals("timestamp")) {
        event.setTimestampValue(value(value));
      } else if (name.equals("data") && value.isJsonObject()) {
        event.setData(struct(value.getAsJsonObject()));
      } else {
        event.putExtra(name, value(value));
      }
    }
    return event.build();
  }

  /** The JSON object an {@code Event} stands for. */
  public static JsonObject toJson(Event event) {
    JsonObject json = new JsonObject();
    json.addProperty("type", event.getType());
    if (event.hasVisitorUuid()) {
      ByteBuffer bytes = event.getVisitorUuid().asReadOnlyByteBuffer();
      json.addProperty("visitor_id", new UUID(bytes.getLong(), bytes.getLong()).toString());
    } else if (event.hasVisitorId()) {
      json.addProperty("visitor_id", event.getVisitorId());
    }
    if (event.hasTimestampMs()) {
      Instant at = Instant.ofEpochMilli(event.getTimestampMs());
      json.addProperty("timestamp", (event.getTimestampHasMillis() ? MILLIS : SECONDS).format(at));
    } else if (event.hasTimestampValue()) {
      json.add("timestamp", json(event.getTimestampValue()));
    }
    if (event.hasData()) {
      json.add("data", json(event.getData()));
    }
    event.getExtraMap().forEach((name, value) -> json.add(name, json(value)));
    return json;
  }

  /** The instant when {@code text} is one this codec writes back unchanged, else null. */
  private static Instant instant(String text) {
    if (!UTC_INSTANT.matcher(text).matches()) {
      return null;
    }
    try {
      Instant at = Instant.parse(text);
      String again = (text.length() > 20 ? MILLIS : SECONDS).format(at);
      return again.equals(text) ? at : null;
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static boolean isString(JsonElement value) {
    return value.isJsonPrimitive() && value.getAsJsonPrimitive().isString();
  }

  private static Struct struct(JsonObject object) {
    Struct.Builder struct = Struct.newBuilder();
    object.entrySet().forEach(field -> struct.putFields(field.getKey(), value(field.getValue())));
    return struct.build();
  }

  private static Value value(JsonElement element) {
    if (element == null || element.isJsonNull()) {
      return Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build();
    }
    if (element.isJsonObject()) {
      return Value.newBuilder().setStructValue(struct(element.getAsJsonObject())).build();
    }
    if (element.isJsonArray()) {
      ListValue.Builder list = ListValue.newBuilder();
      element.getAsJsonArray().forEach(item -> list.addValues(value(item)));
      return Value.newBuilder().setListValue(list).build();
    }
    JsonPrimitive primitive = element.getAsJsonPrimitive();
    if (primitive.isBoolean()) {
      return Value.newBuilder().setBoolValue(primitive.getAsBoolean()).build();
    }
    if (primitive.isNumber()) {
      return Value.newBuilder().setNumberValue(primitive.getAsDouble()).build();
    }
    return Value.newBuilder().setStringValue(primitive.getAsString()).build();
  }

  private static JsonObject json(Struct struct) {
    JsonObject object = new JsonObject();
    struct.getFieldsMap().forEach((name, value) -> object.add(name, json(value)));
    return object;
  }

  private static JsonElement json(Value value) {
    switch (value.getKindCase()) {
      case STRUCT_VALUE:
        return json(value.getStructValue());
      case LIST_VALUE:
        JsonArray array = new JsonArray();
        value.getListValue().getValuesList().forEach(item -> array.add(json(item)));
        return array;
      case BOOL_VALUE:
        return new JsonPrimitive(value.getBoolValue());
      case NUMBER_VALUE:
        double number = value.getNumberValue();
        // Whole numbers come back as integers, as producers wrote them.
        if (number == Math.rint(number) && Math.abs(number) < 9.007199254740992E15) {
          return new JsonPrimitive((long) number);
        }
        return new JsonPrimitive(number);
      case STRING_VALUE:
        return new JsonPrimitive(value.getStringValue());
      default:
        return JsonNull.INSTANCE;
    }
  }
}
