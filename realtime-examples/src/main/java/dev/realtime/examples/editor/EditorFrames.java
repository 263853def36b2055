package dev.realtime.examples.editor;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.realtime.ot.text.TextOperation;
import dev.realtime.ot.text.TextOperationCodec;
import java.util.Collection;

/** Builds the editor's outbound frames; the field names are the editor protocol's (docs/collaborative-editing.md). */
final class EditorFrames {
  private EditorFrames() {}

  /** The full state: sent on connect, and with {@code resync} when a client must start over. */
  static JsonObject documentState(
      String title, int version, String content, Collection<Participant> users, Participant me, boolean resync, Long seq) {
    JsonObject frame = type("document_state");
    frame.addProperty("content", content);
    frame.addProperty("version", version);
    frame.addProperty("title", title);
    frame.add("users", users(users));
    frame.add("you", user(me));
    if (resync) {
      frame.addProperty("resync", true);
    }
    if (seq != null) {
      frame.addProperty("seq", seq);
    }
    return frame;
  }

  /** Ends a reconnect's catch-up: the missed operations and acks were sent just before. */
  static JsonObject caughtUp(String title, int version, Collection<Participant> users, Participant me) {
    JsonObject frame = type("caught_up");
    frame.addProperty("version", version);
    frame.addProperty("title", title);
    frame.add("users", users(users));
    frame.add("you", user(me));
    return frame;
  }

  /** Another client's operation, transformed to apply on revision {@code version - 1}. */
  static JsonObject operation(TextOperation operation, int version, String author, String authorId) {
    JsonObject frame = type("operation");
    frame.add("operation", TextOperationCodec.toJson(operation));
    frame.addProperty("version", version);
    frame.addProperty("author", author);
    frame.addProperty("user_id", authorId);
    return frame;
  }

  /** Acknowledges the author's operation {@code seq}, which produced revision {@code version}. */
  static JsonObject ack(int version, long seq) {
    JsonObject frame = type("ack");
    frame.addProperty("version", version);
    frame.addProperty("seq", seq);
    return frame;
  }

  /** A participant's cursor, flat as documented and nested under {@code cursor} as simpler pages read it. */
  static JsonObject cursor(Participant participant) {
    JsonObject frame = type("cursor");
    JsonObject fields = user(participant);
    fields.remove("id");
    for (String key : fields.keySet()) {
      frame.add(key, fields.get(key));
    }
    frame.add("cursor", fields.deepCopy());
    return frame;
  }

  /** Someone opened the document. */
  static JsonObject userJoined(Participant participant) {
    JsonObject frame = type("user_joined");
    frame.add("user", user(participant));
    return frame;
  }

  /** Someone closed the document. */
  static JsonObject userLeft(Participant participant) {
    JsonObject frame = type("user_left");
    JsonObject user = new JsonObject();
    user.addProperty("id", participant.userId());
    user.addProperty("username", participant.username());
    frame.add("user", user);
    return frame;
  }

  private static JsonArray users(Collection<Participant> participants) {
    JsonArray list = new JsonArray();
    participants.forEach(participant -> list.add(user(participant)));
    return list;
  }

  private static JsonObject user(Participant participant) {
    JsonObject user = new JsonObject();
    user.addProperty("id", participant.userId());
    user.addProperty("user_id", participant.userId());
    user.addProperty("username", participant.username());
    user.addProperty("color", participant.color());
    user.addProperty("position", participant.cursor().position());
    user.addProperty("selection_end", participant.cursor().selectionEnd());
    return user;
  }

  private static JsonObject type(String type) {
    JsonObject frame = new JsonObject();
    frame.addProperty("type", type);
    return frame;
  }
}
