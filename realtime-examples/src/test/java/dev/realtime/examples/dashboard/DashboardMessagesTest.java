package dev.realtime.examples.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.realtime.examples.dashboard.alert.Alert;
import dev.realtime.examples.dashboard.alert.AlertEngine;
import dev.realtime.examples.dashboard.alert.AlertType;
import dev.realtime.protocol.Json;
import dev.realtime.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The alert JSON the page reads, byte for byte as it was when {@code Alert} rendered itself. */
class DashboardMessagesTest {

  @Test
  void aRaisedAlertEncodesToTheSameBytes() {
    Alert alert = new Alert(
        "cpu_usage_critical_1795000000000_3", AlertType.CRITICAL, "CPU Usage Critical",
        "CPU Usage is at 93.2%, \"down\" <b>", "cpu_usage", 93.25, 90,
        Instant.parse("2026-11-22T11:16:12.345Z"), false);

    assertThat(Json.encode(DashboardMessages.alert(alert))).isEqualTo(
        "{\"id\":\"cpu_usage_critical_1795000000000_3\",\"type\":\"critical\","
            + "\"title\":\"CPU Usage Critical\",\"description\":\"CPU Usage is at 93.2%, \\\"down\\\" <b>\","
            + "\"metric\":\"cpu_usage\",\"value\":93.25,\"threshold\":90.0,"
            + "\"timestamp\":\"2026-11-22T11:16:12.345Z\",\"resolved\":false}");
  }

  @Test
  void aResolutionEncodesToTheSameBytes() {
    Alert resolved = new Alert(
        "error_rate_resolved_1_4", AlertType.INFO, "Error Rate Back to Normal",
        "Error Rate is at 0.0%, below 5.0%", "error_rate", 0, 5,
        Instant.parse("2026-11-22T11:16:14Z"), true);

    assertThat(Json.encode(DashboardMessages.alert(resolved))).isEqualTo(
        "{\"id\":\"error_rate_resolved_1_4\",\"type\":\"info\",\"title\":\"Error Rate Back to Normal\","
            + "\"description\":\"Error Rate is at 0.0%, below 5.0%\",\"metric\":\"error_rate\","
            + "\"value\":0.0,\"threshold\":5.0,\"timestamp\":\"2026-11-22T11:16:14Z\",\"resolved\":true}");
  }

  @Test
  void anEngineAlertHasThePageFields() {
    ManualClock clock = new ManualClock(Instant.parse("2026-11-22T12:00:00Z"), ZoneOffset.UTC);
    AlertEngine engine = new AlertEngine(DashboardSettings.defaultRules(), clock);
    clock.advance(Duration.ofSeconds(2));
    Alert alert = engine.evaluate("cpu_usage", 92.345).get(0);

    JsonObject json = DashboardMessages.alert(alert);

    assertThat(json.keySet()).containsExactly(
        "id", "type", "title", "description", "metric", "value", "threshold", "timestamp",
        "resolved");
    assertThat(json.get("type").getAsString()).isEqualTo("critical");
    assertThat(json.get("timestamp").getAsString()).isEqualTo("2026-11-22T12:00:02Z");
    assertThat(json.get("value").getAsDouble()).isEqualTo(92.345);
    assertThat(json.get("threshold").getAsDouble()).isEqualTo(90);
    assertThat(json.get("resolved").getAsBoolean()).isFalse();
    assertThat(json.get("id").getAsString()).startsWith("cpu_usage_critical_");
    assertThat(json.get("description").getAsString()).isEqualTo("CPU Usage is at 92.3%");
  }

  @Test
  void newAlertsCarryEveryAlertInOrder() {
    Alert first = new Alert("a", AlertType.WARNING, "t", "d", "cpu_usage", 1, 1, Instant.EPOCH, false);
    Alert second = new Alert("b", AlertType.INFO, "t", "d", "cpu_usage", 1, 1, Instant.EPOCH, true);

    JsonObject message = DashboardMessages.newAlerts(List.of(first, second));

    assertThat(message.get("type").getAsString()).isEqualTo("new_alerts");
    assertThat(message.getAsJsonArray("alerts")).containsExactly(
        DashboardMessages.alert(first), DashboardMessages.alert(second));
  }
}
