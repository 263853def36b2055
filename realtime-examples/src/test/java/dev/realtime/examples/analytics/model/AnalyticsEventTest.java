package dev.realtime.examples.analytics.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.realtime.testing.ManualClock;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AnalyticsEventTest {
  private final ManualClock clock = new ManualClock(Instant.parse("2025-12-08T12:34:56.789Z"));

  @Test
  void aValidEventIsKeptAsPublishedInCompactForm() throws Exception {
    AnalyticsEvent event = AnalyticsEvent.parse(
        "{ \"type\": \"page_view\", \"visitor_id\": \"v-1\", \"timestamp\": \"2025-12-08T12:34:56Z\",\n"
            + "  \"data\": {\"page\": \"/about\"}, \"extra\": [1, 2] }", clock);
    assertThat(event.type()).isEqualTo("page_view");
    assertThat(event.visitorId()).hasValue("v-1");
    assertThat(event.text()).isEqualTo(
        "{\"type\":\"page_view\",\"visitor_id\":\"v-1\",\"timestamp\":\"2025-12-08T12:34:56Z\",\"data\":{\"page\":\"/about\"},\"extra\":[1,2]}");
    assertThat(event.isLetter()).isFalse();
  }

  @Test
  void anEventWithoutATimestampIsStampedAndLettersAreRecognised() throws Exception {
    AnalyticsEvent event = AnalyticsEvent.parse("{\"type\":\"letter_generated\"}", clock);
    assertThat(event.text()).isEqualTo("{\"type\":\"letter_generated\",\"timestamp\":\"2025-12-08T12:34:56.789Z\"}");
    assertThat(event.isLetter()).isTrue();
    assertThat(event.visitorId()).isEmpty();
    assertThat(AnalyticsEvent.parse("{\"type\":\"click\",\"timestamp\":1733661296}", clock).text())
        .isEqualTo("{\"type\":\"click\",\"timestamp\":1733661296}");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "not json", "[]", "\"page_view\"", "{}", "{\"type\":3}", "{\"type\":\"\"}", "{\"type\":\"has space\"}",
      "{\"type\":\"heartbeat\"}", "{\"type\":\"initial_stats\"}", "{\"type\":\"error\"}",
      "{\"type\":\"x\",\"visitor_id\":5}", "{\"type\":\"x\",\"data\":\"text\"}", "{\"type\":\"x\",\"timestamp\":true}",
      "{\"type\":\"x\",\"timestamp\":{}}", "{\"type\":\"x\"} trailing"})
  void refusesWhatIsNotAnEvent(String json) {
    assertThatThrownBy(() -> AnalyticsEvent.parse(json, clock)).isInstanceOf(InvalidEventException.class);
  }

  @Test
  void refusesAnEventOverItsSizeLimit() {
    String big = "{\"type\":\"x\",\"data\":{\"text\":\"" + "a".repeat(AnalyticsEvent.MAX_BYTES) + "\"}}";
    assertThatThrownBy(() -> AnalyticsEvent.parse(big, clock)).isInstanceOf(InvalidEventException.class)
        .hasMessageContaining("at most");
    String huge = "x".repeat(10 * AnalyticsEvent.MAX_BYTES);
    assertThatThrownBy(() -> AnalyticsEvent.parse(huge, clock)).isInstanceOf(InvalidEventException.class);
  }

  @Test
  void anAcceptedEventIsReadBackForItsTypeAndVisitor() {
    AnalyticsEvent event = AnalyticsEvent.accepted("{\"type\":\"click\",\"visitor_id\":\"v\"}");
    assertThat(event.type()).isEqualTo("click");
    assertThat(event.visitorId()).hasValue("v");
  }
}
