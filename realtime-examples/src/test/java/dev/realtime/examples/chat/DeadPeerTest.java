package dev.realtime.examples.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.realtime.examples.ExampleServer;
import dev.realtime.examples.LaunchOptions;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A chat peer whose process stopped without closing is found by the heartbeat and announced. */
class DeadPeerTest {

  @Test
  void aSilentPeerIsRemovedAndTheRoomIsTold() throws Exception {
    try (ExampleServer server = ExampleServer.start(LaunchOptions.ephemeral("chat"), new ChatExample(),
        builder -> builder.heartbeatInterval(Duration.ofSeconds(1)))) {
      ChatSocket alive = ChatSocket.open(HttpClient.newHttpClient(), server.wsPort(), "username=alive&room=r");
      BlockingQueue<JsonObject> inbox = alive.inbox;

      try (Socket ghost = new Socket("127.0.0.1", server.wsPort())) {
        OutputStream out = ghost.getOutputStream();
        out.write(("GET /ws?username=ghost&room=r HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
            + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
            + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = ghost.getInputStream();
        assertThat(new String(in.readNBytes(12), StandardCharsets.US_ASCII)).contains("101");
        // From now on the ghost never reads or answers a ping, like a frozen process.

        assertThat(waitFor(inbox, "join", "ghost")).isTrue();
        assertThat(waitFor(inbox, "leave", "ghost")).as("ghost removed by the heartbeat").isTrue();
        JsonObject users;
        do {
          users = inbox.poll(5, TimeUnit.SECONDS);
          assertThat(users).as("a fresh user list").isNotNull();
        } while (!"users".equals(users.get("type").getAsString())
            || users.get("users").getAsJsonArray().size() != 1);
        assertThat(users.get("users").getAsJsonArray().get(0).getAsString()).isEqualTo("alive");
      }
    }
  }

  private static boolean waitFor(BlockingQueue<JsonObject> inbox, String type, String who) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      JsonObject message = inbox.poll(100, TimeUnit.MILLISECONDS);
      if (message != null && type.equals(message.get("type").getAsString())
          && message.get("content").getAsString().contains(who)) {
        return true;
      }
    }
    return false;
  }
}
