package dev.realtime.metrics.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Through Micrometer's Prometheus registry the meters get the names realtime-metrics-prometheus
 * writes, so one dashboard reads either.
 */
class PrometheusNamesTest {

  @Test
  void theMetersScrapeUnderTheExpositionsNames() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    MicrometerMetrics metrics = MicrometerMetrics.forHub("chat");
    metrics.bindTo(registry);
    metrics.connectionOpened();
    metrics.messageSent(42);

    String scrape = registry.scrape();

    List<String> types = scrape.lines().filter(line -> line.startsWith("# TYPE "))
        .map(line -> line.split(" ")[2] + " " + line.split(" ")[3])
        .toList();
    assertThat(types).containsExactlyInAnyOrder(
        "realtime_connections_opened_total counter",
        "realtime_connections_closed_total counter",
        "realtime_connections_active gauge",
        "realtime_handshakes_rejected_total counter",
        "realtime_messages_received_total counter",
        "realtime_messages_sent_total counter",
        "realtime_received_bytes_total counter",
        "realtime_sent_bytes_total counter",
        "realtime_errors_total counter",
        "realtime_slow_consumer_disconnects_total counter",
        "realtime_messages_dropped_total counter",
        "realtime_rooms_opened_total counter",
        "realtime_rooms_closed_total counter",
        "realtime_rooms gauge",
        "realtime_broker_publishes_total counter",
        "realtime_broker_publish_failures_total counter",
        "realtime_broker_publish_seconds_total counter",
        "realtime_broker_publish_timed_total counter",
        "realtime_broker_gaps_detected_total counter",
        "realtime_broker_gaps_filled_total counter",
        "realtime_broker_messages_dropped_total counter",
        "realtime_broker_reconnects_total counter");
    assertThat(scrape)
        .contains("realtime_sent_bytes_total{hub=\"chat\"} 42")
        .contains("realtime_connections_active{hub=\"chat\"} 1");
  }
}
