package dev.realtime.transport.javaws;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.realtime.hub.Hub;
import dev.realtime.testing.junit.ServerExtension;
import dev.realtime.testing.transport.WsTestClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** docs/testing.md's server-extension example on this transport, as it stands there. */
class TestingGuideTest {
  private static final Hub hub = Hub.builder()
      .onConnect(ctx -> ctx.client().join("lobby"))
      .on("say", ctx -> {
        JsonObject said = new JsonObject();
        said.addProperty("type", "said");
        said.add("text", ctx.message().get("text"));
        ctx.hub().room("lobby").broadcast(said);
      })
      .build();

  @RegisterExtension
  static final ServerExtension<JavaWsServer> server = ServerExtension.of(
      () -> JavaWsServer.builder().host("127.0.0.1").port(0).route("/ws", hub).build().start(),
      JavaWsServer::port,
      running -> running.stop(Duration.ofSeconds(5)));

  @Test
  void answers() throws Exception {
    try (WsTestClient ann = WsTestClient.connect(server.webSocketPort(), "/ws?user=ann")) {
      ann.send("{\"type\":\"say\",\"text\":\"hi\"}");
      assertThat(ann.nextText()).contains("\"said\"");
    }
  }
}
