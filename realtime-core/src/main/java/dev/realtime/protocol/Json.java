package dev.realtime.protocol;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.Strictness;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import dev.realtime.transport.OutboundMessage;
import java.io.IOException;
import java.io.StringReader;
import java.util.Objects;

/**
 * The JSON codec of the wire protocol: strict parsing and compact encoding with Gson.
 *
 * <p>Parsing is strict (RFC 8259: no comments, unquoted names or trailing garbage) and bounded in
 * nesting depth by Gson's reader, so hostile input is an error, never a stack overflow.
 */
public final class Json {
  private static final Gson GSON =
      new GsonBuilder().disableHtmlEscaping().serializeNulls().create();
  private static final TypeAdapter<JsonElement> ELEMENT = GSON.getAdapter(JsonElement.class);

  private Json() {}

  /** The shared, immutable Gson instance the protocol uses. */
  public static Gson gson() {
    return GSON;
  }

  /** Parses one JSON value; throws {@link ProtocolException} with {@link ErrorCodes#INVALID_JSON}. */
  public static JsonElement parse(String text) {
    Objects.requireNonNull(text, "text");
    try {
      JsonReader reader = new JsonReader(new StringReader(text));
      reader.setStrictness(Strictness.STRICT);
      JsonElement value = ELEMENT.read(reader);
      if (reader.peek() != JsonToken.END_DOCUMENT) {
        throw new ProtocolException(ErrorCodes.INVALID_JSON, "unexpected data after the JSON value");
      }
      return value;
    } catch (IOException | JsonParseException | IllegalStateException e) {
      throw new ProtocolException(ErrorCodes.INVALID_JSON, "malformed JSON: " + describe(e));
    }
  }

  /** Parses a JSON object; a valid value that is not an object gives {@link ErrorCodes#NOT_AN_OBJECT}. */
  public static JsonObject parseObject(String text) {
    JsonElement value = parse(text);
    if (!value.isJsonObject()) {
      throw new ProtocolException(ErrorCodes.NOT_AN_OBJECT, "expected a JSON object");
    }
    return value.getAsJsonObject();
  }

  /** Encodes a JSON value compactly. */
  public static String encode(JsonElement value) {
    return GSON.toJson(value);
  }

  /** Encodes a JSON value into a shareable outbound text message. */
  public static OutboundMessage message(JsonElement value) {
    return OutboundMessage.text(encode(value));
  }

  /** Builds an error frame: {@code {"type":"error","code":…,"message":…}} plus the request id. */
  public static JsonObject error(String code, String message, JsonElement requestId) {
    JsonObject error = new JsonObject();
    error.addProperty("type", "error");
    error.addProperty("code", code);
    error.addProperty("message", message);
    if (requestId != null && !requestId.isJsonNull()) {
      error.add("id", requestId);
    }
    return error;
  }

  private static String describe(Exception e) {
    String message = e.getMessage();
    if (message == null) {
      return e.getClass().getSimpleName();
    }
    // Gson appends a troubleshooting URL; the client needs only the first sentence.
    int see = message.indexOf("\nSee ");
    String shortMessage = see < 0 ? message : message.substring(0, see);
    return shortMessage.length() > 200 ? shortMessage.substring(0, 200) : shortMessage;
  }
}
