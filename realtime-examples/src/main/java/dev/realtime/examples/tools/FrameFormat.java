package dev.realtime.examples.tools;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.realtime.protocol.Json;
import dev.realtime.protocol.ProtocolException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One readable line per frame for a terminal: the type first, then {@code #room}, then what the
 * frame says — {@code ann: hello} for a chat message, {@code code: message} for an error, the names
 * of a user list, what a recovery means — then any other field as {@code key=value}. Positions and
 * timestamps are left out. User text is printed as text, never interpreted: control characters,
 * line breaks and bidirectional overrides are shown escaped, so a message cannot move the cursor,
 * recolour the terminal or disguise itself as another line.
 */
final class FrameFormat {
  private static final Set<String> HIDDEN = Set.of("type", "room", "timestamp", "offset", "epoch");

  private FrameFormat() {}

  /** The line for the frame {@code text}: JSON made readable, anything else as {@code text …}. */
  static String line(String text) {
    JsonObject frame;
    try {
      JsonElement parsed = Json.parse(text);
      if (!parsed.isJsonObject()) {
        return "json " + escape(text);
      }
      frame = parsed.getAsJsonObject();
    } catch (ProtocolException notJson) {
      return "text " + escape(text);
    }
    String type = string(frame, "type").orElse("?");
    StringBuilder line = new StringBuilder(escape(type));
    string(frame, "room").ifPresent(room -> line.append(" #").append(escape(room)));
    Set<String> shown = new HashSet<>(HIDDEN);
    switch (type) {
      case "error" -> {
        line.append(' ').append(escape(string(frame, "code").orElse("?")));
        string(frame, "message").ifPresent(message -> line.append(": ").append(escape(message)));
        shown.addAll(List.of("code", "message"));
      }
      case "users" -> {
        if (frame.get("users") instanceof JsonArray users) {
          line.append(' ').append(names(users));
          shown.add("users");
        }
      }
      case "recovery" -> {
        boolean recovered = frame.get("recovered") instanceof JsonPrimitive flag && flag.isBoolean() && flag.getAsBoolean();
        line.append(recovered ? " recovered: nothing missed" : " NOT recovered");
        string(frame, "reason").ifPresent(reason -> line.append(" (").append(escape(reason)).append(')'));
        if (!recovered) {
          line.append(": frames may be missing, reload the room");
        }
        shown.addAll(List.of("recovered", "reason"));
      }
      default -> {
        Optional<String> user = string(frame, "username");
        Optional<String> content = string(frame, "content");
        if (user.isPresent() && content.isPresent()) {
          line.append(' ').append(escape(user.get())).append(": ").append(escape(content.get()));
          shown.addAll(List.of("username", "content"));
        } else if (content.isPresent()) {
          line.append(' ').append(escape(content.get()));
          shown.add("content");
        }
      }
    }
    for (Map.Entry<String, JsonElement> field : frame.entrySet()) {
      if (!shown.contains(field.getKey())) {
        line.append(' ').append(escape(field.getKey())).append('=').append(value(field.getValue()));
      }
    }
    return line.toString();
  }

  /**
   * The frame as received, for scripts: JSON re-encoded on one line (the characters that could
   * disguise a line written as JSON escapes, so it stays valid JSON); other text {@link #escape escaped}.
   */
  static String raw(String text) {
    JsonElement parsed;
    try {
      parsed = Json.parse(text);
    } catch (ProtocolException notJson) {
      return escape(text);
    }
    StringBuilder line = new StringBuilder();
    Json.encode(parsed).codePoints().forEach(c -> {
      if (Character.isISOControl(c) || isBidiControl(c)) {
        line.append(String.format("\\u%04X", c));
      } else {
        line.appendCodePoint(c);
      }
    });
    return line.toString();
  }

  /** {@code text} with everything that is not plain printable text shown as an escape. */
  static String escape(String text) {
    StringBuilder escaped = new StringBuilder(text.length());
    text.codePoints().forEach(c -> {
      switch (c) {
        case '\n' -> escaped.append("\\n");
        case '\r' -> escaped.append("\\r");
        case '\t' -> escaped.append("\\t");
        case '\\' -> escaped.append("\\\\");
        default -> {
          if (Character.isISOControl(c) || isBidiControl(c) || !Character.isDefined(c)) {
            escaped.append(String.format("\\u%04X", c));
          } else {
            escaped.appendCodePoint(c);
          }
        }
      }
    });
    return escaped.toString();
  }

  private static boolean isBidiControl(int c) {
    return c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
  }

  private static String names(JsonArray users) {
    StringBuilder names = new StringBuilder();
    for (JsonElement user : users) {
      if (names.length() > 0) {
        names.append(", ");
      }
      names.append(value(user));
    }
    return names.length() == 0 ? "(nobody)" : names.toString();
  }

  private static String value(JsonElement value) {
    if (value instanceof JsonPrimitive primitive && primitive.isString()) {
      return escape(primitive.getAsString());
    }
    return escape(Json.encode(value));
  }

  private static Optional<String> string(JsonObject frame, String name) {
    return frame.get(name) instanceof JsonPrimitive primitive && primitive.isString()
        ? Optional.of(primitive.getAsString()) : Optional.empty();
  }
}
