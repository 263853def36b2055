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
import java.io.EOFException;
import java.io.IOException;
import java.io.StringReader;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
  private static final Pattern POSITION = Pattern.compile("at line (\\d+) column (\\d+)");

  private Json() {}

  /** The shared, immutable Gson instance the protocol uses. */
  public static Gson gson() {
    return GSON;
  }

  /**
   * Parses one JSON value; throws {@link ProtocolException} with {@link ErrorCodes#INVALID_JSON}
   * and a message that says what is wrong and where ({@code malformed JSON at line 1 column 7:
   * expected a value}).
   */
  public static JsonElement parse(String text) {
    Objects.requireNonNull(text, "text");
    JsonReader reader = new JsonReader(new StringReader(text));
    reader.setStrictness(Strictness.STRICT);
    JsonElement value;
    try {
      value = ELEMENT.read(reader);
    } catch (IOException | JsonParseException | IllegalStateException e) {
      throw new ProtocolException(ErrorCodes.INVALID_JSON, describe(e));
    }
    try {
      if (reader.peek() == JsonToken.END_DOCUMENT) {
        return value;
      }
    } catch (IOException | JsonParseException | IllegalStateException e) {
      // whatever follows the value is not JSON either
    }
    throw new ProtocolException(ErrorCodes.INVALID_JSON, "unexpected data after the JSON value");
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

  /** Says in our words what the parser found wrong, keeping its position but none of its text. */
  private static String describe(Exception e) {
    String detail = e.getMessage() == null ? "" : e.getMessage();
    Matcher at = POSITION.matcher(detail);
    String where = at.find() ? " at line " + at.group(1) + " column " + at.group(2) : "";
    return "malformed JSON" + where + ": " + problem(e, detail);
  }

  private static String problem(Exception e, String detail) {
    if (e instanceof EOFException || detail.startsWith("End of input")) {
      return "unexpected end of input";
    }
    if (detail.startsWith("Nesting limit")) {
      return "nested too deeply";
    }
    if (detail.startsWith("Expected value")) {
      return "expected a value";
    }
    if (detail.startsWith("Expected name")) {
      return "expected a field name in double quotes";
    }
    if (detail.startsWith("Expected ':'")) {
      return "expected ':' after a field name";
    }
    if (detail.startsWith("Unterminated object")) {
      return "expected ',' or '}'";
    }
    if (detail.startsWith("Unterminated array")) {
      return "expected ',' or ']'";
    }
    if (detail.startsWith("Unterminated string")) {
      return "unterminated string";
    }
    if (detail.startsWith("Invalid escape") || detail.startsWith("Malformed Unicode escape")) {
      return "invalid escape sequence in a string";
    }
    // What strict parsing refuses: unquoted names or strings, single quotes, comments, bare words.
    return "unexpected character (names and strings need double quotes; literals are true, false and null)";
  }
}
