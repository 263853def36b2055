package dev.realtime.examples.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.realtime.examples.ExampleServer;
import dev.realtime.examples.ExampleServers;
import dev.realtime.examples.LaunchOptions;
import dev.realtime.examples.analytics.proto.ServerFrame;
import dev.realtime.examples.analytics.wire.Encoding;
import dev.realtime.examples.analytics.wire.EventCodec;
import dev.realtime.examples.feed.JsonSocket;
import dev.realtime.hub.RateLimit;
import dev.realtime.protocol.Json;
import dev.realtime.testing.junit.ServerExtension;
import dev.realtime.testing.transport.RawSocketClient;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The analytics example on one node over real sockets. */
class AnalyticsServerTest {
  @RegisterExtension
  static final ServerExtension<ExampleServer> server = ExampleServers.extension(
      LaunchOptions.ephemeral("analytics", "deflate"),
      new AnalyticsExample(AnalyticsSettings.defaults().withHeartbeatInterval(Duration.ofMillis(300))
          .withRateLimit(new RateLimit(5, 10))));

  @RegisterExtension
  static final ServerExtension<ExampleServer> withAuth = ExampleServers.extension(
      LaunchOptions.ephemeral("analytics", "auth"), new AnalyticsExample());

  private static HttpResponse<String> post(String body) throws Exception {
    return JsonSocket.http(server.port(), "POST", "/api/events", body);
  }

  @Test
  void aPostedEventReachesEveryClientAsPublishedAndHeartbeatsKeepComing() throws Exception {
    try (JsonSocket ann = JsonSocket.open(server.port(), "/ws/analytics")) {
      assertThat(ann.next("initial_stats").getAsJsonObject("data").get("current_visitors").getAsLong()).isPositive();
      String event = "{\"type\":\"page_view\",\"visitor_id\":\"v-42\",\"timestamp\":\"2025-12-08T12:34:56Z\",\"data\":{\"page\":\"/x\"}}";
      HttpResponse<String> accepted = post(event);
      assertThat(accepted.statusCode()).isEqualTo(202);
      JsonObject received = ann.next("page_view", e -> e.get("visitor_id").getAsString().equals("v-42"));
      assertThat(Json.encode(received)).isEqualTo(event);
      JsonObject first = ann.next("heartbeat");
      JsonObject second = ann.next("heartbeat");
      assertThat(second.getAsJsonObject("data").get("total_events").getAsLong()).isPositive();
      assertThat(second.getAsJsonObject("data").get("timestamp").getAsLong())
          .isGreaterThanOrEqualTo(first.getAsJsonObject("data").get("timestamp").getAsLong());
    }
  }

  @Test
  void metricsShowTheOpenConnectionGauge() throws Exception {
    try (JsonSocket ann = JsonSocket.open(server.port(), "/ws/analytics")) {
      ann.next("initial_stats");
      // as Prometheus scrapes it: the text format
      String metrics = JsonSocket.http(server.port(), "GET", "/metrics", null, "Accept", "text/plain;version=0.0.4").body();
      assertThat(metrics).contains("# TYPE realtime_connections_active gauge");
      assertThat(metrics.lines().filter(line -> line.startsWith("realtime_connections_active"))
          .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum())
          .isGreaterThanOrEqualTo(1);
    }
  }

  @Test
  void badEventsAre400WithTheReasonAndCounted() throws Exception {
    for (String body : new String[] {"", "not json", "[1]", "{\"type\":\"heartbeat\"}", "{\"data\":{}}",
        "{\"type\":\"x\",\"data\":[]}"}) {
      HttpResponse<String> refused = post(body);
      assertThat(refused.statusCode()).as(body).isEqualTo(400);
      assertThat(Json.parseObject(refused.body()).get("message").getAsString()).isNotBlank();
    }
    assertThat(JsonSocket.http(server.port(), "GET", "/api/events", null).statusCode()).isEqualTo(405);
    JsonObject stats = Json.parseObject(JsonSocket.http(server.port(), "GET", "/api/stats", null).body());
    assertThat(stats.getAsJsonObject("node").get("events_rejected").getAsLong()).isGreaterThanOrEqualTo(6);
    assertThat(stats.keySet()).contains("current_visitors", "unique_today", "total_events", "letters_today", "timestamp");
  }

  @Test
  void aProtobufClientNegotiatesItsSubprotocolAndGetsBinaryFrames() throws Exception {
    try (JsonSocket binary = JsonSocket.open(server.port(), "/ws/analytics", Encoding.PROTOBUF_PROTOCOL)) {
      assertThat(binary.client.socket.getSubprotocol()).isEqualTo(Encoding.PROTOBUF_PROTOCOL);
      ServerFrame first = ServerFrame.parseFrom((ByteBuffer) binary.client.next());
      assertThat(first.hasInitialStats()).isTrue();
      String event = "{\"type\":\"click\",\"visitor_id\":\"0f8fad5b-d9cb-469f-a165-70867728950e\",\"timestamp\":\"2025-12-08T12:34:56.789Z\"}";
      assertThat(post(event).statusCode()).isEqualTo(202);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      ServerFrame frame;
      do {
        frame = ServerFrame.parseFrom((ByteBuffer) binary.client.next());
      } while (!frame.hasEvent() && System.nanoTime() < deadline);
      assertThat(EventCodec.toJson(frame.getEvent())).isEqualTo(Json.parseObject(event));
    }
  }

  @Test
  void aClientSendingFasterThanItsRateLimitIsToldSo() throws Exception {
    try (JsonSocket flood = JsonSocket.open(server.port(), "/ws/analytics")) {
      flood.next("initial_stats");
      for (int i = 0; i < 15; i++) {
        flood.send("{\"type\":\"refresh_stats\"}");
      }
      assertThat(flood.next("error", e -> e.get("code").getAsString().equals("rate_limited"))).isNotNull();
    }
  }

  @Test
  void permessageDeflateIsNegotiatedWhenOffered() throws Exception {
    try (RawSocketClient raw = new RawSocketClient(server.port(), "/ws/analytics",
        Map.of("Sec-WebSocket-Extensions", "permessage-deflate; client_max_window_bits"))) {
      String head = raw.readHandshakeHead();
      assertThat(head).contains("101").containsIgnoringCase("sec-websocket-extensions: permessage-deflate");
      RawSocketClient.Frame first = raw.readFrame();
      assertThat(first.rsv1()).isTrue(); // initial_stats arrived compressed
    }
    JsonObject config = Json.parseObject(JsonSocket.http(server.port(), "GET", "/analytics-config.json", null).body());
    assertThat(config.get("deflate").getAsBoolean()).isTrue();
    assertThat(config.get("heartbeatIntervalMs").getAsLong()).isEqualTo(300);
  }

  @Test
  void withAuthAClientNeedsAToken() throws Exception {
    try (JsonSocket anonymous = JsonSocket.open(withAuth.port(), "/ws/analytics")) {
      assertThat(anonymous.next("error").get("code").getAsString()).isEqualTo("missing_token");
      assertThat(anonymous.client.awaitClose()).isEqualTo(4001);
    }
    JsonObject issued = Json.parseObject(JsonSocket.http(withAuth.port(), "GET", "/token?username=ann", null).body());
    try (JsonSocket ann = JsonSocket.open(withAuth.port(), "/ws/analytics?token=" + issued.get("token").getAsString())) {
      assertThat(ann.next("initial_stats")).isNotNull();
    }
    try (JsonSocket viaSubprotocol = JsonSocket.open(withAuth.port(), "/ws/analytics",
        Encoding.PROTOBUF_PROTOCOL, "bearer", issued.get("token").getAsString())) {
      assertThat(viaSubprotocol.client.socket.getSubprotocol()).isEqualTo(Encoding.PROTOBUF_PROTOCOL);
      assertThat(ServerFrame.parseFrom((ByteBuffer) viaSubprotocol.client.next()).hasInitialStats()).isTrue();
    }
  }
}
