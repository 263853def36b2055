package dev.realtime.ot.text;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import dev.realtime.ot.InvalidOperationException;
import dev.realtime.ot.text.Component.Insert;
import dev.realtime.ot.text.Component.Retain;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * Reads and writes the wire form of an operation, which is ot.js's {@code TextOperation.toJSON}:
 * a JSON array in which a positive integer retains, a string inserts and a negative integer
 * deletes, e.g. {@code [3,"abc",-2,5]}.
 */
public final class TextOperationCodec {

  private static final BigDecimal MAX = BigDecimal.valueOf(Integer.MAX_VALUE);

  private TextOperationCodec() {}

  /** Returns the JSON array for {@code operation}. */
  public static JsonArray toJson(TextOperation operation) {
    Objects.requireNonNull(operation, "operation");
    JsonArray array = new JsonArray(operation.components().size());
    for (Component component : operation.components()) {
      if (component instanceof Retain retain) {
        array.add(retain.length());
      } else if (component instanceof Insert insert) {
        array.add(insert.text());
      } else {
        array.add(-component.length());
      }
    }
    return array;
  }

  /** Returns the JSON text for {@code operation}. */
  public static String toJsonString(TextOperation operation) {
    return toJson(operation).toString();
  }

  /** Parses JSON text holding an operation array; rejects anything else with an {@link InvalidOperationException}. */
  public static TextOperation fromJson(String json) {
    Objects.requireNonNull(json, "json");
    JsonElement element;
    try {
      element = JsonParser.parseString(json);
    } catch (JsonParseException e) {
      throw new InvalidOperationException("operation is not valid JSON: " + e.getMessage());
    }
    return fromJson(element);
  }

  /** Reads an operation array; rejects anything else with an {@link InvalidOperationException}. */
  public static TextOperation fromJson(JsonElement json) {
    Objects.requireNonNull(json, "json");
    if (!json.isJsonArray()) {
      throw new InvalidOperationException("operation must be a JSON array, was " + kind(json));
    }
    try {
      return read(json.getAsJsonArray());
    } catch (ArithmeticException e) {
      throw new InvalidOperationException("operation is longer than " + Integer.MAX_VALUE + " code units");
    }
  }

  private static TextOperation read(JsonArray array) {
    TextOperation.Builder builder = TextOperation.builder();
    for (int i = 0; i < array.size(); i++) {
      JsonElement element = array.get(i);
      if (!element.isJsonPrimitive()) {
        throw new InvalidOperationException("operation component " + i + " must be a number or a string, was " + kind(element));
      }
      JsonPrimitive primitive = element.getAsJsonPrimitive();
      if (primitive.isString()) {
        String text = primitive.getAsString();
        if (text.isEmpty()) {
          throw new InvalidOperationException("operation component " + i + " inserts an empty string");
        }
        builder.insert(text);
      } else if (primitive.isNumber()) {
        int count = count(primitive, i);
        if (count > 0) {
          builder.retain(count);
        } else {
          builder.delete(-count);
        }
      } else {
        throw new InvalidOperationException("operation component " + i + " must be a number or a string, was a boolean");
      }
    }
    return builder.build();
  }

  private static int count(JsonPrimitive primitive, int index) {
    BigDecimal value;
    try {
      value = new BigDecimal(primitive.getAsString());
    } catch (NumberFormatException e) {
      throw new InvalidOperationException("operation component " + index + " is not a number");
    }
    if (value.signum() == 0) {
      throw new InvalidOperationException("operation component " + index + " is zero");
    }
    if (value.abs().compareTo(MAX) > 0) {
      throw new InvalidOperationException("operation component " + index + " is too large: " + primitive.getAsString());
    }
    if (value.stripTrailingZeros().scale() > 0) {
      throw new InvalidOperationException("operation component " + index + " is not an integer: " + primitive.getAsString());
    }
    return value.intValueExact();
  }

  private static String kind(JsonElement element) {
    if (element.isJsonNull()) {
      return "null";
    }
    if (element.isJsonObject()) {
      return "an object";
    }
    if (element.isJsonArray()) {
      return "an array";
    }
    return "a " + (element.getAsJsonPrimitive().isString() ? "string" : "primitive");
  }
}
