package dev.realtime.examples.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import dev.realtime.examples.ExampleHttp;
import dev.realtime.examples.ExampleServer;
import dev.realtime.examples.ExampleServers;
import dev.realtime.examples.LaunchOptions;
import dev.realtime.examples.server.Transport;
import dev.realtime.protocol.Json;
import dev.realtime.testing.junit.ServerExtension;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The chat example over real sockets: WebSocket, /stats, /config.json, /metrics and the page, on
 * the one-port layout ({@link ChatServerTest}) and on the two-port one ({@link ChatServerJavaWsTest}).
 */
abstract class ChatServerCases {
  private final HttpClient http = HttpClient.newHttpClient();
  private final Transport transport;

  @RegisterExtension
  final ServerExtension<ExampleServer> server;

  ChatServerCases(Transport transport) {
    this.transport = transport;
    this.server = ExampleServers.extension(LaunchOptions.ephemeral(transport, "chat"), new ChatExample());
  }

  private HttpResponse<String> get(String path, String accept) throws Exception {
    return ExampleHttp.get(server, path, accept);
  }

  @Test
  void chatOverRealSocketsAndStatsOverHttp() throws Exception {
    ChatSocket alice = ChatSocket.open(server.webSocketPort(), "username=alice&room=lobby");
    // Her own join notice proves alice is in the room before bob comes (the handshake completes
    // before the server runs its connect handler).
    alice.next("join", join -> join.get("content").getAsString().startsWith("alice "));
    ChatSocket bob = ChatSocket.open(server.webSocketPort(), "username=bob&room=lobby");
    // Bob's join notice reaching alice proves bob is in the room before she speaks.
    alice.next("join", join -> join.get("content").getAsString().startsWith("bob "));
    alice.socket.sendText("{\"type\":\"message\",\"content\":\"hi bob\"}", true).get(5, TimeUnit.SECONDS);
    JsonObject received = bob.next("message");
    assertThat(received.get("content").getAsString()).isEqualTo("hi bob");
    assertThat(received.get("username").getAsString()).isEqualTo("alice");

    JsonObject stats = Json.parseObject(get("/stats", null).body());
    assertThat(stats.get("total_clients").getAsInt()).isEqualTo(2);
    assertThat(stats.getAsJsonObject("rooms").getAsJsonObject("lobby").get("client_count").getAsInt()).isEqualTo(2);
  }

  @Test
  void onlyTheServersOwnPagesMayOpenASocket() throws Exception {
    String own = "http://127.0.0.1:" + server.port();
    assertThat(http.newWebSocketBuilder().header("Origin", own)
        .buildAsync(server.wsUri("/ws"), new WebSocket.Listener() {})
        .get(10, TimeUnit.SECONDS)).isNotNull();
    // Netty answers the refusal's own status; Java-WebSocket answers every refusal with 404.
    String refused = transport == Transport.NETTY ? "403" : "404";
    for (String foreign : List.of("https://evil.example", "http://127.0.0.1:" + (server.port() == 1 ? 2 : server.port() - 1))) {
      assertThatThrownBy(() -> http.newWebSocketBuilder()
              .header("Origin", foreign)
              .buildAsync(server.wsUri("/ws"), new WebSocket.Listener() {})
              .get(10, TimeUnit.SECONDS))
          .as(foreign)
          .hasStackTraceContaining(refused);
    }
    assertThat(server.get().metrics().snapshot().handshakesRejected()).isEqualTo(2);
  }

  @Test
  void servesThePageConfigAndMetrics() throws Exception {
    HttpResponse<String> page = get("/", null);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    assertThat(page.headers().firstValue("Content-Security-Policy")).isPresent();
    assertThat(page.body()).contains("/static/realtime-client.js").doesNotContain("localhost");

    JsonObject config = Json.parseObject(get("/config.json", null).body());
    assertThat(config.get("transport").getAsString()).isEqualTo(transport.option());
    assertThat(config.get("wsPath").getAsString()).isEqualTo("/ws");
    if (transport == Transport.NETTY) {
      // one port: the page connects to its own origin, so no port is named
      assertThat(config.get("sameOrigin").getAsBoolean()).isTrue();
      assertThat(config.has("wsPort")).isFalse();
      assertThat(server.webSocketPort()).isEqualTo(server.port());
    } else {
      assertThat(config.get("sameOrigin").getAsBoolean()).isFalse();
      assertThat(config.get("wsPort").getAsInt()).isEqualTo(server.webSocketPort()).isNotEqualTo(server.port());
    }

    assertThat(get("/static/realtime-client.js", null).statusCode()).isEqualTo(200);
    assertThat(get("/static/../static/chat.js", null).statusCode()).isIn(200, 404);
    assertThat(get("/static/nope.js", null).statusCode()).isEqualTo(404);
    assertThat(get("/nothing-here", null).statusCode()).isEqualTo(404);

    HttpResponse<String> prometheus = get("/metrics", "text/plain");
    assertThat(prometheus.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
    assertThat(prometheus.body()).contains("realtime_");
    HttpResponse<String> json = get("/metrics", "application/json");
    assertThat(Json.parseObject(json.body()).has("total_connections")).isTrue();
  }
}
