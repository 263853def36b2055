package dev.realtime.examples.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.realtime.examples.dashboard.alert.AlertRule;
import org.junit.jupiter.api.Test;

class DashboardSettingsTest {

  @Test
  void defaultRulesAreTheDashboardThresholds() {
    assertThat(DashboardSettings.defaultRules())
        .extracting(AlertRule::metric, AlertRule::warning, AlertRule::critical, AlertRule::hysteresis)
        .containsExactly(
            tuple("cpu_usage", 70.0, 90.0, 5.0),
            tuple("memory_usage", 80.0, 95.0, 5.0),
            tuple("error_rate", 5.0, 10.0, 0.5),
            tuple("response_time", 1000.0, 2000.0, 50.0));
  }

  @Test
  void theDefaultSettingsUseTheDefaultRules() {
    assertThat(DashboardSettings.defaults().rules()).isEqualTo(DashboardSettings.defaultRules());
  }
}
