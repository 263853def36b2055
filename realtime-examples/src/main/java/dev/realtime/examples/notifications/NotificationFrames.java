package dev.realtime.examples.notifications;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.realtime.notify.UserNotification;
import java.util.Collection;
import java.util.List;

/** Builds the server-to-client frames of the notifications protocol that are not notifications. */
final class NotificationFrames {

  /** Error code of a command the server does not know. */
  static final String UNKNOWN_COMMAND = "unknown_command";

  /** Error code of a notification id that is unknown, expired or not visible to the user. */
  static final String NOT_FOUND = "not_found";

  private NotificationFrames() {}

  /** {@code {"type":"history","history":[…]}}, newest first, with the user's own read flags. */
  static JsonObject history(List<UserNotification> page) {
    JsonObject frame = new JsonObject();
    frame.addProperty("type", "history");
    frame.add("history", NotificationJson.toJsonArray(page));
    return frame;
  }

  /**
   * {@code {"type":"read","notification_ids":[…],"unread_count":N}}: these ids are now read for
   * the user, sent to every tab of that user so they all agree.
   */
  static JsonObject read(Collection<String> ids, int unreadCount) {
    JsonObject frame = new JsonObject();
    frame.addProperty("type", "read");
    JsonArray array = new JsonArray();
    ids.forEach(array::add);
    frame.add("notification_ids", array);
    frame.addProperty("unread_count", unreadCount);
    return frame;
  }

  /** {@code {"type":"filters","filters":{…}}}: the filter now in force on this connection. */
  static JsonObject filters(JsonObject filters) {
    JsonObject frame = new JsonObject();
    frame.addProperty("type", "filters");
    frame.add("filters", filters);
    return frame;
  }

  /** {@code {"type":"pong"}}, the answer to the shared browser client's heartbeat. */
  static JsonObject pong(long timestamp) {
    JsonObject frame = new JsonObject();
    frame.addProperty("type", "pong");
    frame.addProperty("timestamp", timestamp);
    return frame;
  }
}
