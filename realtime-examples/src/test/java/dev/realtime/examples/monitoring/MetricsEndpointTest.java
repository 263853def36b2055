package dev.realtime.examples.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.realtime.examples.ExampleHttp;
import dev.realtime.examples.ExampleServer;
import dev.realtime.examples.ExampleServers;
import dev.realtime.examples.LaunchOptions;
import dev.realtime.examples.echo.EchoExample;
import dev.realtime.protocol.Json;
import dev.realtime.testing.junit.ServerExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code /metrics}, {@code /monitoring} and the vendored chart library on a running example. */
class MetricsEndpointTest {
  private final HttpClient http = HttpClient.newHttpClient();

  @RegisterExtension
  final ServerExtension<ExampleServer> server =
      ExampleServers.extension(LaunchOptions.ephemeral("echo"), new EchoExample());

  private HttpResponse<String> get(String path, String accept) throws Exception {
    return ExampleHttp.get(server, path, accept);
  }

  @Test
  void prometheusScrapersGetTextFormat() throws Exception {
    server.get().metrics().connectionOpened();
    for (String accept : List.of(
        "text/plain;version=0.0.4;q=0.3,*/*;q=0.1",
        "application/openmetrics-text;version=1.0.0;q=0.5,text/plain;version=0.0.4;q=0.3",
        "text/plain")) {
      HttpResponse<String> response = get("/metrics", accept);
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
      assertThat(response.body())
          .contains("# TYPE realtime_connections_opened_total counter\n")
          .endsWith("\n");
      assertThat(sampleValue(response.body(), "realtime_connections_opened_total")).isEqualTo(1.0);
      assertThat(response.body().lines().filter(line -> line.startsWith("# TYPE "))
              .map(line -> line.split(" ")[2]))
          .containsExactlyInAnyOrder(
              "realtime_connections_opened_total", "realtime_connections_active",
              "realtime_handshakes_rejected_total", "realtime_messages_received_total",
              "realtime_messages_sent_total", "realtime_received_bytes_total",
              "realtime_sent_bytes_total", "realtime_errors_total",
              "realtime_slow_consumer_disconnects_total", "realtime_messages_dropped_total",
              "realtime_rooms", "realtime_start_time_seconds", "realtime_uptime_seconds",
              "realtime_last_activity_timestamp_seconds",
              "realtime_broker_publishes_total", "realtime_broker_publish_failures_total",
              "realtime_broker_publish_seconds_total", "realtime_broker_publish_timed_total",
              "realtime_broker_gaps_detected_total", "realtime_broker_gaps_filled_total",
              "realtime_broker_messages_dropped_total", "realtime_broker_reconnects_total");
    }
  }

  /** The value of an unlabelled sample line {@code name value}; fails if there is not exactly one. */
  private static double sampleValue(String exposition, String name) {
    List<String> values = exposition.lines()
        .filter(line -> line.startsWith(name + " "))
        .map(line -> line.substring(name.length() + 1))
        .toList();
    assertThat(values).as("samples of %s", name).hasSize(1);
    return Double.parseDouble(values.get(0));
  }

  @Test
  void everythingElseGetsTheSeedsJson() throws Exception {
    for (String accept : new String[] {null, "application/json", "*/*"}) {
      HttpResponse<String> response = get("/metrics", accept);
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
      JsonObject json = Json.parseObject(response.body());
      assertThat(json.keySet()).contains(
          "total_connections", "active_connections", "messages_received", "messages_sent",
          "errors_count", "uptime", "last_activity", "connections_per_hour");
      assertThat(json.getAsJsonArray("connections_per_hour")).hasSize(24);
    }
  }

  @Test
  void servesTheMonitoringPageAndChartJsFromTheJar() throws Exception {
    HttpResponse<String> page = get("/monitoring", null);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
    assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("script-src 'self'");
    assertThat(page.body()).contains("/static/vendor/chart.umd.js").doesNotContain("cdn.");

    HttpResponse<String> chart = get(VendorScripts.CHART_JS_PATH, null);
    assertThat(chart.statusCode()).isEqualTo(200);
    assertThat(chart.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/javascript");
    assertThat(chart.body()).contains("Chart.js v4");

    assertThat(get("/static/monitoring.js", null).statusCode()).isEqualTo(200);
    JsonObject config = Json.parseObject(get("/config.json", null).body());
    assertThat(config.get("wsPath").getAsString()).isEqualTo("/ws");
    assertThat(config.getAsJsonArray("wsPaths")).hasSize(1);
  }
}
