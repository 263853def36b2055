package dev.realtime.metrics.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.realtime.metrics.InMemoryMetrics;
import dev.realtime.metrics.MetricsSnapshot;
import dev.realtime.metrics.prometheus.ExpositionParser.Parsed;
import dev.realtime.metrics.prometheus.ExpositionParser.ParsedSample;
import dev.realtime.testing.ManualClock;
import io.prometheus.metrics.model.registry.MetricType;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricFamilyDescriptor;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The text the examples' {@code /metrics} serves, read back by an independent strict parser. */
class PrometheusExpositionTest {

  /** Every name the exposition carried when it was written by hand in core, plus the broker's. */
  static final List<String> EXPOSED_NAMES = List.of(
      "realtime_connections_opened_total",
      "realtime_connections_active",
      "realtime_handshakes_rejected_total",
      "realtime_messages_received_total",
      "realtime_messages_sent_total",
      "realtime_received_bytes_total",
      "realtime_sent_bytes_total",
      "realtime_errors_total",
      "realtime_slow_consumer_disconnects_total",
      "realtime_messages_dropped_total",
      "realtime_rooms",
      "realtime_start_time_seconds",
      "realtime_uptime_seconds",
      "realtime_last_activity_timestamp_seconds",
      "realtime_broker_publishes_total",
      "realtime_broker_publish_failures_total",
      "realtime_broker_publish_seconds_total",
      "realtime_broker_publish_timed_total",
      "realtime_broker_gaps_detected_total",
      "realtime_broker_gaps_filled_total",
      "realtime_broker_messages_dropped_total",
      "realtime_broker_reconnects_total");

  private final ManualClock clock =
      new ManualClock(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
  private final InMemoryMetrics metrics = new InMemoryMetrics(clock);

  private MetricsSnapshot busySnapshot() {
    metrics.connectionOpened();
    metrics.connectionOpened();
    metrics.connectionClosed();
    metrics.messageReceived(100);
    metrics.messageSent(250);
    metrics.error();
    metrics.roomCreated();
    metrics.slowConsumerDisconnected();
    metrics.handshakeRejected();
    metrics.messageDropped();
    clock.advance(Duration.ofMillis(1500));
    return metrics.snapshot();
  }

  @Test
  void libraryOutputFollowsTheFormatRules() {
    String text = PrometheusExposition.render(busySnapshot(), List.of());

    Parsed parsed = ExpositionParser.parse(text);

    assertThat(parsed.types().keySet()).containsExactlyInAnyOrderElementsOf(EXPOSED_NAMES);
    assertThat(parsed.help().keySet()).isEqualTo(parsed.types().keySet());
    assertThat(text).doesNotContain("{");
    assertThat(values(parsed))
        .containsEntry("realtime_connections_opened_total", 2.0)
        .containsEntry("realtime_connections_active", 1.0)
        .containsEntry("realtime_messages_received_total", 1.0)
        .containsEntry("realtime_messages_sent_total", 1.0)
        .containsEntry("realtime_received_bytes_total", 100.0)
        .containsEntry("realtime_sent_bytes_total", 250.0)
        .containsEntry("realtime_errors_total", 1.0)
        .containsEntry("realtime_slow_consumer_disconnects_total", 1.0)
        .containsEntry("realtime_messages_dropped_total", 1.0)
        .containsEntry("realtime_handshakes_rejected_total", 1.0)
        .containsEntry("realtime_rooms", 1.0)
        .containsEntry("realtime_uptime_seconds", 1.5)
        .containsEntry("realtime_start_time_seconds", 1795341600.0)
        .containsEntry("realtime_last_activity_timestamp_seconds", 1795341600.0);
    assertThat(parsed.types())
        .containsEntry("realtime_connections_active", "gauge")
        .containsEntry("realtime_errors_total", "counter");
    assertThat(parsed.help())
        .containsEntry("realtime_connections_opened_total", "Connections accepted and handed to a hub.");
  }

  @Test
  void largeCountersKeepEveryDigit() {
    for (int i = 0; i < 3; i++) {
      metrics.messageSent(Integer.MAX_VALUE);
    }

    Parsed parsed = ExpositionParser.parse(PrometheusExposition.render(metrics.snapshot(), List.of()));

    assertThat(values(parsed)).containsEntry("realtime_sent_bytes_total", 3.0 * Integer.MAX_VALUE);
  }

  @Test
  void descriptorsDescribeTheFamiliesASnapshotHas() {
    List<MetricSnapshot> families = PrometheusExposition.families(metrics.snapshot());

    assertThat(PrometheusExposition.descriptors())
        .extracting(MetricFamilyDescriptor::getPrometheusName, d -> d.getMetadata().getHelp())
        .containsExactlyElementsOf(families.stream()
            .map(f -> tuple(f.getMetadata().getPrometheusName(), f.getMetadata().getHelp()))
            .toList());
    assertThat(PrometheusExposition.descriptors())
        .extracting(MetricFamilyDescriptor::getType)
        .containsExactlyElementsOf(families.stream()
            .map(f -> f instanceof CounterSnapshot ? MetricType.COUNTER : MetricType.GAUGE)
            .toList());
  }

  @Test
  void applicationFamiliesAreAddedWithEscaping() {
    GaugeSnapshot custom = GaugeSnapshot.builder()
        .name("dashboard_disk_usage_ratio")
        .help("Disk use \\ per mount\nsecond line")
        .dataPoint(gauge(Labels.of("mount", "C:\\data", "note", "say \"hi\"\nbye"), 0.25))
        .dataPoint(gauge(Labels.of("mount", "/"), Double.NaN))
        .dataPoint(gauge(Labels.of("mount", "/big"), Double.POSITIVE_INFINITY))
        .dataPoint(gauge(Labels.of("mount", "/neg"), Double.NEGATIVE_INFINITY))
        .build();

    String text = PrometheusExposition.render(busySnapshot(), List.of(custom));
    Parsed parsed = ExpositionParser.parse(text);

    assertThat(text)
        .contains("# HELP dashboard_disk_usage_ratio Disk use \\\\ per mount\\nsecond line\n")
        .contains("dashboard_disk_usage_ratio{mount=\"/\"} NaN\n")
        .contains("{mount=\"/big\"} +Inf\n")
        .contains("{mount=\"/neg\"} -Inf\n");
    assertThat(parsed.help())
        .containsEntry("dashboard_disk_usage_ratio", "Disk use \\ per mount\nsecond line");
    Map<String, ParsedSample> disk = parsed.samples().stream()
        .filter(s -> s.name().equals("dashboard_disk_usage_ratio"))
        .collect(Collectors.toMap(s -> s.labels().get("mount"), s -> s));
    assertThat(disk).hasSize(4);
    assertThat(disk.get("C:\\data").labels()).containsEntry("note", "say \"hi\"\nbye");
    assertThat(disk.get("C:\\data").value()).isEqualTo(0.25);
    assertThat(disk.get("/").value()).isNaN();
    assertThat(disk.get("/big").value()).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(disk.get("/neg").value()).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(parsed.types().keySet()).containsAll(EXPOSED_NAMES);
  }

  @Test
  void emptyInputRendersNothing() {
    assertThat(PrometheusExposition.render(new MetricSnapshots(List.of()))).isEmpty();
  }

  @Test
  void theFormatForbidsAFamilyTwice() {
    GaugeSnapshot twice = GaugeSnapshot.builder()
        .name("realtime_rooms").help("again").dataPoint(gauge(Labels.EMPTY, 1)).build();

    assertThatThrownBy(() -> PrometheusExposition.render(busySnapshot(), List.of(twice)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("realtime_rooms");
  }

  @Test
  void contentTypeIsTheVersionedTextFormat() {
    assertThat(PrometheusExposition.CONTENT_TYPE)
        .isEqualTo("text/plain; version=0.0.4; charset=utf-8");
  }

  @Test
  void scrapersAreToldApartFromBrowsers() {
    assertThat(PrometheusExposition.acceptsText(
            "application/openmetrics-text;version=1.0.0,application/openmetrics-text;"
                + "version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1"))
        .isTrue();
    assertThat(PrometheusExposition.acceptsText("application/openmetrics-text")).isTrue();
    assertThat(PrometheusExposition.acceptsText("text/plain")).isTrue();
    assertThat(PrometheusExposition.acceptsText("Text/Plain; version=0.0.4")).isTrue();
    assertThat(PrometheusExposition.acceptsText("*/*")).isFalse();
    assertThat(PrometheusExposition.acceptsText("application/json")).isFalse();
    assertThat(PrometheusExposition.acceptsText(
            "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"))
        .isFalse();
    assertThat(PrometheusExposition.acceptsText(null)).isFalse();
  }

  private static GaugeDataPointSnapshot gauge(Labels labels, double value) {
    return GaugeDataPointSnapshot.builder().labels(labels).value(value).build();
  }

  static Map<String, Double> values(Parsed parsed) {
    return parsed.samples().stream()
        .collect(Collectors.toMap(ParsedSample::name, ParsedSample::value));
  }
}
