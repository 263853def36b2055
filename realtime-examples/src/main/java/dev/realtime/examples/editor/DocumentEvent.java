package dev.realtime.examples.editor;

import com.google.gson.JsonObject;
import dev.realtime.ot.HistoryEntry;
import dev.realtime.ot.text.Selection;
import dev.realtime.ot.text.TextOperation;
import dev.realtime.ot.text.TextOperationCodec;
import dev.realtime.protocol.Json;
import java.nio.charset.StandardCharsets;

/**
 * What the editor nodes tell each other about one document on its broker channel, in one order:
 * committed operations, and participants joining, moving their cursor and leaving. Every event
 * says which node sent it ({@code node}) and the revision it was made at, so a node that is
 * behind holds it until it has caught up. Internal: pages never see these (they carry session ids).
 */
sealed interface DocumentEvent {

  /** The node that published it. */
  String node();

  /** The document revision the event is expressed in. */
  int revision();

  /** An operation committed to the store at {@code entry.revision()}, with its author's name and public id. */
  record Committed(String node, HistoryEntry<TextOperation> entry, String author, String userId)
      implements DocumentEvent {
    @Override
    public int revision() {
      return entry.revision();
    }
  }

  /**
   * A participant opened the document on {@code node} ({@code again}: a node answering {@link
   * Hello} about someone already there), its cursor at {@code revision}.
   */
  record Joined(String node, int revision, Participant participant, boolean again) implements DocumentEvent {}

  /** A participant's cursor, at {@code revision}. */
  record Moved(String node, int revision, String userId, Selection cursor) implements DocumentEvent {}

  /** A participant closed the document. */
  record Left(String node, int revision, String userId) implements DocumentEvent {}

  /** A node started following the document: the others say who is there and where their cursors are. */
  record Hello(String node, int revision) implements DocumentEvent {}

  /** The event as the bytes published. */
  static byte[] encode(DocumentEvent event) {
    JsonObject json = new JsonObject();
    json.addProperty("n", event.node());
    json.addProperty("r", event.revision());
    if (event instanceof Committed committed) {
      json.addProperty("k", "op");
      json.addProperty("c", committed.entry().clientId());
      json.addProperty("q", committed.entry().seq());
      json.add("o", TextOperationCodec.toJson(committed.entry().operation()));
      json.addProperty("a", committed.author());
      json.addProperty("u", committed.userId());
    } else if (event instanceof Joined joined) {
      Participant p = joined.participant();
      json.addProperty("k", joined.again() ? "here" : "join");
      json.addProperty("u", p.userId());
      json.addProperty("a", p.username());
      json.addProperty("c", p.sessionId());
      cursor(json, p.cursor());
    } else if (event instanceof Moved moved) {
      json.addProperty("k", "cursor");
      json.addProperty("u", moved.userId());
      cursor(json, moved.cursor());
    } else if (event instanceof Left left) {
      json.addProperty("k", "leave");
      json.addProperty("u", left.userId());
    } else {
      json.addProperty("k", "hello");
    }
    return Json.encode(json).getBytes(StandardCharsets.UTF_8);
  }

  /** Reads an event a node published. */
  static DocumentEvent decode(String text) {
    JsonObject json = Json.parseObject(text);
    String node = json.get("n").getAsString();
    int revision = json.get("r").getAsInt();
    return switch (json.get("k").getAsString()) {
      case "op" -> new Committed(node, new HistoryEntry<>(json.get("c").getAsString(), json.get("q").getAsLong(),
          revision, TextOperationCodec.fromJson(json.get("o"))), json.get("a").getAsString(), json.get("u").getAsString());
      case "join", "here" -> {
        String name = json.get("a").getAsString();
        yield new Joined(node, revision, new Participant(json.get("u").getAsString(), name, EditorService.colorOf(name),
            json.get("c").getAsString(), cursor(json)), json.get("k").getAsString().equals("here"));
      }
      case "cursor" -> new Moved(node, revision, json.get("u").getAsString(), cursor(json));
      case "leave" -> new Left(node, revision, json.get("u").getAsString());
      default -> new Hello(node, revision);
    };
  }

  private static void cursor(JsonObject json, Selection cursor) {
    json.addProperty("p", cursor.position());
    json.addProperty("e", cursor.selectionEnd());
  }

  private static Selection cursor(JsonObject json) {
    return new Selection(json.get("p").getAsInt(), json.get("e").getAsInt());
  }
}
