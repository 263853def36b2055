package dev.realtime.examples.chat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.realtime.hub.Client;
import dev.realtime.hub.RoomPresence;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds the chat protocol's frames, stamped with RFC 3339 timestamps. */
final class ChatMessages {
  static final String SYSTEM_USER = "system";

  private final Clock clock;

  ChatMessages(Clock clock) {
    this.clock = clock;
  }

  /** A line of the conversation: a message or a join/leave notice, in the seed's fields. */
  JsonObject chat(String type, String content, String username, String room) {
    JsonObject message = new JsonObject();
    message.addProperty("type", type);
    message.addProperty("content", content);
    message.addProperty("username", username);
    message.addProperty("timestamp", DateTimeFormatter.ISO_INSTANT.format(clock.instant()));
    message.addProperty("room", room);
    return message;
  }

  /**
   * A user's message, with the sender's connection ({@code client_id}: pages tell their own
   * messages by it, not by a name two people may share) and the sender's {@code id}, if it gave one.
   */
  JsonObject message(String content, Client sender, String room, JsonElement id) {
    JsonObject message = chat("message", content, sender.user().orElse(ChatService.DEFAULT_USERNAME), room);
    message.addProperty("client_id", sender.id());
    if (id != null) {
      message.add("id", id);
    }
    return message;
  }

  /**
   * A join or leave notice for one user or several ({@link RoomNotices}): {@code content} names up
   * to three and counts the rest ("ann, bob, cid and 7 others joined R"), {@code users} lists them all.
   */
  JsonObject notice(boolean join, List<String> users, String room) {
    JsonObject notice = chat(join ? "join" : "leave", who(users) + (join ? " joined " : " left ") + room, SYSTEM_USER, room);
    JsonArray names = new JsonArray();
    users.forEach(names::add);
    notice.add("users", names);
    return notice;
  }

  private static String who(List<String> users) {
    int count = users.size();
    int named = RoomNotices.NAMED_IN_CONTENT;
    if (count == 1) {
      return users.get(0);
    }
    if (count <= named + 1) {
      return String.join(", ", users.subList(0, count - 1)) + " and " + users.get(count - 1);
    }
    return String.join(", ", users.subList(0, named)) + " and " + (count - named) + " others";
  }


  /** The first frame of a connection: who and where it is. */
  static JsonObject welcome(Client client, String room) {
    JsonObject welcome = new JsonObject();
    welcome.addProperty("type", "welcome");
    welcome.addProperty("client_id", client.id());
    welcome.addProperty("node", client.hub().nodeId());
    welcome.addProperty("username", client.user().orElse(ChatService.DEFAULT_USERNAME));
    if (!room.isEmpty()) {
      welcome.addProperty("room", room);
    }
    return welcome;
  }

  /**
   * A room's whole user list: every user once ({@code users}, sorted, as the seed's clients read
   * it) and how many connections each has there ({@code connections}).
   */
  static JsonObject users(RoomPresence presence) {
    JsonObject users = new JsonObject();
    users.addProperty("type", "users");
    users.addProperty("room", presence.room());
    JsonArray names = new JsonArray();
    JsonObject connections = new JsonObject();
    presence.users().forEach((name, count) -> {
      names.add(name);
      connections.addProperty(name, count);
    });
    users.add("users", names);
    users.add("connections", connections);
    return users;
  }

  /**
   * What changed in a room's user list since the last change frame: users who appeared, users
   * who are gone, and the connection count now of every user whose count changed (0 = gone).
   */
  static JsonObject presence(String room, Set<String> joined, Set<String> left, Map<String, Integer> connections) {
    JsonObject frame = new JsonObject();
    frame.addProperty("type", "presence");
    frame.addProperty("room", room);
    JsonArray came = new JsonArray();
    joined.forEach(came::add);
    JsonArray went = new JsonArray();
    left.forEach(went::add);
    JsonObject counts = new JsonObject();
    connections.forEach(counts::addProperty);
    frame.add("joined", came);
    frame.add("left", went);
    frame.add("connections", counts);
    return frame;
  }
}
