package dev.realtime.examples.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.realtime.metrics.BrokerCounts;
import dev.realtime.metrics.InMemoryMetrics;
import dev.realtime.metrics.MetricsSnapshot;
import dev.realtime.protocol.Json;
import dev.realtime.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code /metrics} JSON, byte for byte as it was when the snapshot rendered itself. */
class MetricsJsonTest {

  @Test
  void aSnapshotEncodesToTheSameBytes() {
    List<Long> hours = new ArrayList<>();
    for (long hour = 0; hour < 24; hour++) {
      hours.add(hour * 3);
    }
    MetricsSnapshot snapshot = new MetricsSnapshot(
        Instant.parse("2026-11-22T10:15:30Z"), Instant.parse("2026-11-22T11:16:12.345Z"),
        7, 3, 120, 450, 2, Instant.parse("2026-11-22T11:16:01.5Z"), hours,
        4096, 9_000_000_000L, 1, 5, 4, 2,
        new BrokerCounts(11, 1, 10, 25_000_000, 9_876_543, 3, 2, 1, 1));

    assertThat(Json.encode(MetricsJson.toJson(snapshot))).isEqualTo(
        "{\"total_connections\":7,\"active_connections\":3,\"messages_received\":120,"
            + "\"messages_sent\":450,\"errors_count\":2,\"uptime\":\"2026-11-22T10:15:30Z\","
            + "\"last_activity\":\"2026-11-22T11:16:01.500Z\",\"connections_per_hour\":"
            + "[0,3,6,9,12,15,18,21,24,27,30,33,36,39,42,45,48,51,54,57,60,63,66,69],"
            + "\"uptime_seconds\":3642,\"bytes_received\":4096,\"bytes_sent\":9000000000,"
            + "\"slow_consumer_disconnects\":1,\"messages_dropped\":5,\"handshakes_rejected\":4,"
            + "\"rooms\":2,\"broker\":{\"publishes\":11,\"publish_failures\":1,"
            + "\"publish_latency_mean_us\":2500.0,\"publish_latency_max_us\":9876.5,"
            + "\"gaps_detected\":3,\"gaps_filled\":2,\"messages_dropped\":1,\"reconnects\":1}}");
  }

  @Test
  void jsonHasThePageFieldsInSnakeCase() {
    Instant start = Instant.parse("2026-11-22T10:15:30Z");
    ManualClock clock = new ManualClock(start, ZoneOffset.UTC);
    InMemoryMetrics metrics = new InMemoryMetrics(clock);
    metrics.connectionOpened();
    clock.advance(Duration.ofSeconds(42));
    metrics.messageReceived(3);

    JsonObject json = MetricsJson.toJson(metrics.snapshot());

    assertThat(json.keySet())
        .containsExactly(
            "total_connections",
            "active_connections",
            "messages_received",
            "messages_sent",
            "errors_count",
            "uptime",
            "last_activity",
            "connections_per_hour",
            "uptime_seconds",
            "bytes_received",
            "bytes_sent",
            "slow_consumer_disconnects",
            "messages_dropped",
            "handshakes_rejected",
            "rooms",
            "broker");
    assertThat(json.get("uptime").getAsString()).isEqualTo("2026-11-22T10:15:30Z");
    assertThat(json.get("last_activity").getAsString()).isEqualTo("2026-11-22T10:16:12Z");
    assertThat(json.get("uptime_seconds").getAsLong()).isEqualTo(42);
    assertThat(json.getAsJsonArray("connections_per_hour")).hasSize(24);
    assertThat(json.getAsJsonArray("connections_per_hour").get(10).getAsLong()).isEqualTo(1);
    assertThat(json.get("total_connections").getAsLong()).isEqualTo(1);
    assertThat(json.get("bytes_received").getAsLong()).isEqualTo(3);
  }
}
