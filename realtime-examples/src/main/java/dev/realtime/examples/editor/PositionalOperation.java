package dev.realtime.examples.editor;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.realtime.ot.InvalidOperationException;
import dev.realtime.ot.text.TextOperation;
import java.util.Objects;

/**
 * The editor page's single edit, {@code {"type":"insert"|"delete","position":P,"content":"…","length":N}},
 * which converts to a {@link TextOperation} once the document length is known.
 */
record PositionalOperation(Kind kind, int position, String content, int length) {

  /** What a positional operation does. */
  public enum Kind {
    /** Inserts {@code content} at {@code position}. */
    INSERT,
    /** Deletes {@code length} code units at {@code position}. */
    DELETE
  }

  /** Creates the operation; an insert needs content, a delete a positive length. */
  public PositionalOperation {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(content, "content");
    if (position < 0) {
      throw new InvalidOperationException("position must not be negative, was " + position);
    }
    if (kind == Kind.INSERT && content.isEmpty()) {
      throw new InvalidOperationException("an insert needs non-empty content");
    }
    if (kind == Kind.DELETE && length <= 0) {
      throw new InvalidOperationException("a delete needs a positive length, was " + length);
    }
  }

  /** Reads the page's JSON object; rejects unknown types and missing or mistyped fields. */
  public static PositionalOperation fromJson(JsonElement json) {
    Objects.requireNonNull(json, "json");
    if (!json.isJsonObject()) {
      throw new InvalidOperationException("positional operation must be a JSON object");
    }
    JsonObject object = json.getAsJsonObject();
    String type = string(object, "type");
    int position = integer(object, "position");
    if ("insert".equals(type)) {
      return new PositionalOperation(Kind.INSERT, position, string(object, "content"), 0);
    }
    if ("delete".equals(type)) {
      return new PositionalOperation(Kind.DELETE, position, "", integer(object, "length"));
    }
    throw new InvalidOperationException("unsupported positional operation type: " + type);
  }

  /** Returns the whole-document operation for a document of {@code documentLength} code units. */
  public TextOperation toTextOperation(int documentLength) {
    return kind == Kind.INSERT
        ? TextOperation.insert(documentLength, position, content)
        : TextOperation.delete(documentLength, position, length);
  }

  private static String string(JsonObject object, String name) {
    JsonElement element = object.get(name);
    if (element == null || !element.isJsonPrimitive() || !element.getAsJsonPrimitive().isString()) {
      throw new InvalidOperationException("positional operation needs a string \"" + name + "\"");
    }
    return element.getAsString();
  }

  private static int integer(JsonObject object, String name) {
    JsonElement element = object.get(name);
    if (element == null || !element.isJsonPrimitive() || !element.getAsJsonPrimitive().isNumber()) {
      throw new InvalidOperationException("positional operation needs a number \"" + name + "\"");
    }
    try {
      return element.getAsBigDecimal().intValueExact();
    } catch (ArithmeticException | NumberFormatException e) {
      throw new InvalidOperationException("positional operation \"" + name + "\" must be an integer");
    }
  }
}
