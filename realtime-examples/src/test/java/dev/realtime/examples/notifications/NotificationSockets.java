package dev.realtime.examples.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.realtime.protocol.Json;
import dev.realtime.testing.transport.WsTestClient;
import java.util.List;

/** The notification protocol over a real WebSocket, as the socket tests speak it. */
final class NotificationSockets {
  private NotificationSockets() {}

  /**
   * Connects to {@code /notifications} on {@code port} and waits until the server has subscribed it
   * (its answer to {@code get_history} proves it), adding the titles replayed on connect to {@code replay}.
   */
  static WsTestClient connect(int port, String user, String role, List<String> replay) throws Exception {
    WsTestClient client = WsTestClient.connect(port, "/notifications?username=" + user + "&role=" + role);
    client.send("{\"command\":\"get_history\",\"limit\":1}");
    JsonObject frame = Json.parseObject(client.nextText());
    while (frame.has("title")) {
      replay.add(frame.get("title").getAsString());
      frame = Json.parseObject(client.nextText());
    }
    assertThat(frame.get("type").getAsString()).isEqualTo("history");
    return client;
  }

  /** The next frame, which must be of {@code type} (a notification counts as type "notification"). */
  static JsonObject next(WsTestClient client, String type) throws Exception {
    JsonObject frame = Json.parseObject(client.nextText());
    String actual = frame.has("title") && frame.has("id") ? "notification" : frame.get("type").getAsString();
    assertThat(actual).as("next frame %s", frame).isEqualTo(type);
    return frame;
  }
}
