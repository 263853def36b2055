package dev.realtime.examples.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The heartbeat interval as {@code ANALYTICS_HEARTBEAT_SECONDS} gives it. */
class AnalyticsSettingsTest {
  private final AnalyticsSettings defaults = AnalyticsSettings.defaults();

  @Test
  void unsetKeepsFiveSecondsAndANumberOfSecondsSetsIt() {
    assertThat(defaults.withHeartbeatFrom(null).heartbeatInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(defaults.withHeartbeatFrom(" ").heartbeatInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(defaults.withHeartbeatFrom("10").heartbeatInterval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(defaults.withHeartbeatFrom(" 0.25 ").heartbeatInterval()).isEqualTo(Duration.ofMillis(250));
  }

  @Test
  void anythingElseIsRefusedNamingTheValue() {
    for (String bad : new String[] {"five", "0", "-1", "NaN", "1e9", "0.0001"}) {
      assertThatThrownBy(() -> defaults.withHeartbeatFrom(bad)).as(bad)
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'" + bad + "'");
    }
  }
}
