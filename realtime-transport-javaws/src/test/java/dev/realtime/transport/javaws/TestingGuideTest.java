package dev.realtime.transport.javaws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.hub.Hub;
import dev.realtime.testing.junit.ServerExtension;
import dev.realtime.testing.transport.WsTestClient;
import dev.realtime.transport.OutboundMessage;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** docs/testing.md's server-extension example on this transport, as it stands there. */
class TestingGuideTest {
  private static final Hub echo = Hub.builder()
      .onText(ctx -> ctx.client().send(OutboundMessage.text(ctx.text())))
      .build();

  @RegisterExtension
  static final ServerExtension<JavaWsServer> server = ServerExtension.of(
      () -> JavaWsServer.builder().host("127.0.0.1").port(0).route("/ws", echo).build().start(),
      JavaWsServer::port,
      running -> running.stop(Duration.ofSeconds(5)));

  @Test
  void echoes() throws Exception {
    try (WsTestClient ann = WsTestClient.connect(server.webSocketPort(), "/ws?user=ann")) {
      ann.send("hello");
      assertThat(ann.nextText()).isEqualTo("hello");
    }
  }
}
