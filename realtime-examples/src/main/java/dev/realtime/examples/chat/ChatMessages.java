package dev.realtime.examples.chat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Builds the chat protocol's frames, stamped with RFC 3339 timestamps. */
final class ChatMessages {
  static final String SYSTEM_USER = "system";

  private final Clock clock;

  ChatMessages(Clock clock) {
    this.clock = clock;
  }

  JsonObject chat(String type, String content, String username, String room) {
    JsonObject message = new JsonObject();
    message.addProperty("type", type);
    message.addProperty("content", content);
    message.addProperty("username", username);
    message.addProperty("timestamp", DateTimeFormatter.ISO_INSTANT.format(clock.instant()));
    message.addProperty("room", room);
    return message;
  }

  JsonObject joined(String username, String room) {
    return chat("join", username + " joined " + room, SYSTEM_USER, room);
  }

  JsonObject left(String username, String room) {
    return chat("leave", username + " left " + room, SYSTEM_USER, room);
  }

  static JsonObject users(String room, List<String> names) {
    JsonObject users = new JsonObject();
    users.addProperty("type", "users");
    users.addProperty("room", room);
    JsonArray list = new JsonArray();
    names.forEach(list::add);
    users.add("users", list);
    return users;
  }
}
