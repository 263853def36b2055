package dev.realtime.transport.javaws;

import dev.realtime.testing.transport.WsTestClient;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.realtime.hub.Hub;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Keeps the README's embedding example compiling and working. */
class ReadmeExampleTest {

  @Test
  void theReadmeExampleWorks() throws Exception {
    // --- as in README.md ---
    Hub hub = Hub.builder()
        .onConnect(client -> {
          client.setUser(client.handshake().query("user").orElse("guest"));
          client.join("lobby");
        })
        .on("say", (client, message) -> {
          JsonObject said = new JsonObject();
          said.addProperty("type", "said");
          said.addProperty("user", client.user().orElseThrow());
          said.add("text", message.get("text"));
          client.hub().room("lobby").ifPresent(room -> room.broadcast(said)); // encoded once
        })
        .build();

    JavaWsServer server = JavaWsServer.builder().port(0).route("/ws", hub).build().start();
    // --- end ---
    try (WsTestClient client = WsTestClient.connect(server.port(), "/ws?user=ada")) {
      client.send("{\"type\":\"say\",\"text\":\"hello\"}");
      assertThat(client.nextText()).isEqualTo("{\"type\":\"said\",\"user\":\"ada\",\"text\":\"hello\"}");
    } finally {
      server.stop(Duration.ofSeconds(5));
    }
  }
}
