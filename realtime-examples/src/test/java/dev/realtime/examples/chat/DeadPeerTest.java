package dev.realtime.examples.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.realtime.examples.ExampleServer;
import dev.realtime.examples.ExampleServers;
import dev.realtime.examples.LaunchOptions;
import dev.realtime.testing.junit.ServerExtension;
import dev.realtime.testing.transport.WsTestClient;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A chat peer whose process stopped without closing is found by the heartbeat and announced. */
class DeadPeerTest {
  @RegisterExtension
  final ServerExtension<ExampleServer> server = ExampleServers.extension(
      LaunchOptions.ephemeral("chat"), new ChatExample(), webSockets -> webSockets.heartbeatInterval(Duration.ofSeconds(1)));

  @Test
  void aSilentPeerIsRemovedAndTheRoomIsTold() throws Exception {
    ChatSocket alive = ChatSocket.open(server.webSocketPort(), "username=alive&room=r");
    // The handshake completes before the server runs its connect handler: its own join notice
    // proves alive is in the room before the ghost comes.
    alive.next("join", join -> join.get("content").getAsString().startsWith("alive "));

    // Upgraded (connect returns only after a valid 101), then never asks for a frame: the JDK
    // client reads nothing and answers no ping without demand, like a frozen process.
    try (WsTestClient ghost = WsTestClient.connect(server.webSocketPort(), "/ws?username=ghost&room=r", false)) {
      assertThat(ghost.socket.isInputClosed()).isFalse();

      assertThat(waitFor(alive, "join", "ghost")).isTrue();
      assertThat(waitFor(alive, "leave", "ghost")).as("ghost removed by the heartbeat").isTrue();
      // The user list the room now answers has only alive (presence follows the leave).
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      JsonObject users;
      do {
        assertThat(System.nanoTime()).as("a user list without the ghost").isLessThan(deadline);
        alive.poll(Duration.ofMillis(200)); // whatever else arrives meanwhile (the change frame)
        alive.send("{\"type\":\"users\"}");
        users = alive.next("users");
      } while (users.get("users").getAsJsonArray().size() != 1);
      assertThat(users.get("users").getAsJsonArray().get(0).getAsString()).isEqualTo("alive");
    }
  }

  private static boolean waitFor(ChatSocket socket, String type, String who) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      JsonObject message = socket.poll(Duration.ofMillis(100));
      if (message != null && type.equals(message.get("type").getAsString())
          && message.get("content").getAsString().contains(who)) {
        return true;
      }
    }
    return false;
  }
}
