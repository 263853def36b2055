package dev.realtime.metrics.prometheus;

import dev.realtime.testing.ManualClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.realtime.metrics.InMemoryMetrics;
import dev.realtime.metrics.MetricsSnapshot;
import dev.realtime.metrics.prometheus.ExpositionParser.Parsed;
import dev.realtime.metrics.prometheus.ExpositionParser.ParsedSample;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PrometheusExpositionTest {

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
    String text = PrometheusExposition.render(PrometheusExposition.families(busySnapshot()));

    Parsed parsed = ExpositionParser.parse(text);

    assertThat(parsed.types().keySet()).allMatch(name -> name.startsWith("realtime_"));
    assertThat(parsed.help().keySet()).isEqualTo(parsed.types().keySet());
    assertThat(text).doesNotContain("user").doesNotContain("{");
    Map<String, Double> values = values(parsed);
    assertThat(values)
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
  }

  @Test
  void countersAreWrittenAsIntegers() {
    String text = PrometheusExposition.render(PrometheusExposition.families(busySnapshot()));

    assertThat(text).contains("\nrealtime_sent_bytes_total 250\n");
    assertThat(text).startsWith("# HELP realtime_connections_opened_total ");
  }

  @Test
  void applicationFamiliesAreAppendedWithEscaping() {
    MetricFamily custom =
        new MetricFamily(
            "dashboard_disk_usage_ratio",
            "Disk use \\ per mount\nsecond line",
            MetricType.GAUGE,
            List.of(
                Sample.of(mapOf("mount", "C:\\data", "note", "say \"hi\"\nbye"), 0.25),
                Sample.of(mapOf("mount", "/"), Double.NaN),
                Sample.of(mapOf("mount", "/big"), Double.POSITIVE_INFINITY),
                Sample.of(mapOf("mount", "/neg"), Double.NEGATIVE_INFINITY)));

    String text = PrometheusExposition.render(busySnapshot(), List.of(custom));
    Parsed parsed = ExpositionParser.parse(text);

    assertThat(text)
        .contains("# HELP dashboard_disk_usage_ratio Disk use \\\\ per mount\\nsecond line\n")
        .contains("{mount=\"C:\\\\data\",note=\"say \\\"hi\\\"\\nbye\"} 0.25\n")
        .contains("dashboard_disk_usage_ratio{mount=\"/\"} NaN\n")
        .contains("{mount=\"/big\"} +Inf\n")
        .contains("{mount=\"/neg\"} -Inf\n");
    assertThat(parsed.help())
        .containsEntry("dashboard_disk_usage_ratio", "Disk use \\ per mount\nsecond line");
    List<ParsedSample> disk =
        parsed.samples().stream()
            .filter(s -> s.name().equals("dashboard_disk_usage_ratio"))
            .toList();
    assertThat(disk).hasSize(4);
    assertThat(disk.get(0).labels())
        .containsEntry("mount", "C:\\data")
        .containsEntry("note", "say \"hi\"\nbye");
    assertThat(disk.get(1).value()).isNaN();
    assertThat(disk.get(2).value()).isEqualTo(Double.POSITIVE_INFINITY);
  }

  @Test
  void valuesAreFormattedAsGoParsesThem() {
    assertThat(PrometheusExposition.formatValue(3)).isEqualTo("3");
    assertThat(PrometheusExposition.formatValue(-0.0)).isEqualTo("0");
    assertThat(PrometheusExposition.formatValue(0.1)).isEqualTo("0.1");
    assertThat(PrometheusExposition.formatValue(1e300)).isEqualTo("1.0E300");
    assertThat(PrometheusExposition.formatValue(Double.NaN)).isEqualTo("NaN");
    assertThat(PrometheusExposition.formatValue(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
    assertThat(Double.parseDouble(PrometheusExposition.formatValue(1e300))).isEqualTo(1e300);
  }

  @Test
  void emptyInputRendersNothing() {
    assertThat(PrometheusExposition.render(List.of())).isEmpty();
  }

  @Test
  void theFormatForbidsAFamilyTwice() {
    MetricFamily twice = MetricFamily.gauge("realtime_rooms", "again", 1);

    assertThatThrownBy(() -> PrometheusExposition.render(busySnapshot(), List.of(twice)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("realtime_rooms");
  }

  @Test
  void invalidFamiliesAreRejectedAtConstruction() {
    assertThatThrownBy(() -> MetricFamily.counter("requests", "no suffix", 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MetricFamily.gauge("9lives", "bad start", 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MetricFamily.gauge("has-dash", "bad char", 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Sample.of(Map.of("__reserved", "x"), 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Sample.of(Map.of("bad-name", "x"), 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new MetricFamily(
                    "dup", "dup", MetricType.GAUGE, List.of(Sample.of(1), Sample.of(2))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new MetricFamily("empty", "x", MetricType.GAUGE, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
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
    assertThat(PrometheusExposition.acceptsText("text/plain")).isTrue();
    assertThat(PrometheusExposition.acceptsText("Text/Plain; version=0.0.4")).isTrue();
    assertThat(PrometheusExposition.acceptsText("*/*")).isFalse();
    assertThat(PrometheusExposition.acceptsText("application/json")).isFalse();
    assertThat(PrometheusExposition.acceptsText(
            "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"))
        .isFalse();
    assertThat(PrometheusExposition.acceptsText(null)).isFalse();
  }

  private static Map<String, Double> values(Parsed parsed) {
    return parsed.samples().stream()
        .collect(Collectors.toMap(ParsedSample::name, ParsedSample::value));
  }

  private static Map<String, String> mapOf(String... pairs) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], pairs[i + 1]);
    }
    return map;
  }
}
