package dev.realtime.examples.dashboard.alert;

import dev.realtime.testing.ManualClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.realtime.examples.dashboard.DashboardSettings;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertEngineTest {

  private static final Instant START = Instant.parse("2026-11-22T12:00:00Z");

  private final ManualClock clock = new ManualClock(START, ZoneOffset.UTC);
  private final AlertEngine engine = new AlertEngine(DashboardSettings.defaultRules(), clock);

  /** Feeds one cpu value per two-second tick, as the dashboard does. */
  private List<Alert> cpu(double value) {
    clock.advance(Duration.ofSeconds(2));
    return engine.evaluate("cpu_usage", value);
  }

  @Test
  void quietValuesRaiseNothing() {
    assertThat(cpu(10)).isEmpty();
    assertThat(cpu(70)).isEmpty(); // strictly above, as the seed compares
    assertThat(engine.activeAlerts()).isEmpty();
    assertThat(engine.history()).isEmpty();
  }

  @Test
  void crossingIntoWarningFiresOnce() {
    List<Alert> raised = cpu(75);

    assertThat(raised).singleElement().satisfies(alert -> {
      assertThat(alert.type()).isEqualTo(AlertType.WARNING);
      assertThat(alert.metric()).isEqualTo("cpu_usage");
      assertThat(alert.title()).isEqualTo("CPU Usage High");
      assertThat(alert.description()).isEqualTo("CPU Usage is at 75.0%");
      assertThat(alert.value()).isEqualTo(75);
      assertThat(alert.threshold()).isEqualTo(70);
      assertThat(alert.timestamp()).isEqualTo(START.plusSeconds(2));
      assertThat(alert.resolved()).isFalse();
    });
    assertThat(cpu(80)).isEmpty();
    assertThat(cpu(85)).isEmpty();
    assertThat(engine.activeAlerts()).containsExactlyElementsOf(raised);
    assertThat(engine.history()).containsExactlyElementsOf(raised);
  }

  @Test
  void escalatesFromWarningToCritical() {
    cpu(75);
    List<Alert> raised = cpu(95);

    assertThat(raised).singleElement().satisfies(alert -> {
      assertThat(alert.type()).isEqualTo(AlertType.CRITICAL);
      assertThat(alert.title()).isEqualTo("CPU Usage Critical");
      assertThat(alert.threshold()).isEqualTo(90);
    });
    assertThat(cpu(99)).isEmpty();
    assertThat(engine.activeAlerts()).containsExactlyElementsOf(raised);
    assertThat(engine.history()).hasSize(2);
  }

  @Test
  void jumpsStraightToCriticalWithOneAlert() {
    assertThat(cpu(99)).singleElement().extracting(Alert::type).isEqualTo(AlertType.CRITICAL);
  }

  @Test
  void deEscalatesFromCriticalToWarningBelowTheMargin() {
    cpu(95);

    assertThat(cpu(86)).as("within the 5-point margin of 90").isEmpty();
    List<Alert> raised = cpu(80);

    assertThat(raised).singleElement().satisfies(alert -> {
      assertThat(alert.type()).isEqualTo(AlertType.WARNING);
      assertThat(alert.threshold()).isEqualTo(70);
      assertThat(alert.description()).isEqualTo("CPU Usage is at 80.0%, down from critical");
      assertThat(alert.resolved()).isFalse();
    });
    assertThat(engine.activeAlerts()).containsExactlyElementsOf(raised);
  }

  @Test
  void valuesOscillatingAroundTheThresholdDoNotRefire() {
    cpu(71);
    for (int i = 0; i < 20; i++) {
      assertThat(cpu(i % 2 == 0 ? 68 : 72)).isEmpty();
    }
    assertThat(engine.history()).hasSize(1);
  }

  @Test
  void oscillationAroundCriticalDoesNotRefire() {
    cpu(91);
    for (int i = 0; i < 20; i++) {
      assertThat(cpu(i % 2 == 0 ? 88 : 92)).isEmpty();
    }
    assertThat(engine.history()).hasSize(1);
  }

  @Test
  void resolvesOnceBelowTheThresholdMinusTheMargin() {
    cpu(75);
    assertThat(cpu(66)).isEmpty();

    List<Alert> raised = cpu(65);

    assertThat(raised).singleElement().satisfies(alert -> {
      assertThat(alert.type()).isEqualTo(AlertType.INFO);
      assertThat(alert.resolved()).isTrue();
      assertThat(alert.title()).isEqualTo("CPU Usage Back to Normal");
      assertThat(alert.value()).isEqualTo(65);
      assertThat(alert.threshold()).isEqualTo(70);
    });
    assertThat(engine.activeAlerts()).isEmpty();
    assertThat(cpu(20)).isEmpty();
    assertThat(engine.history()).hasSize(2);
  }

  @Test
  void resolvesStraightFromCriticalWithOneAlert() {
    cpu(95);

    assertThat(cpu(10)).singleElement().extracting(Alert::resolved).isEqualTo(true);
    assertThat(engine.activeAlerts()).isEmpty();
  }

  @Test
  void firesAgainAfterResolution() {
    cpu(75);
    cpu(50);
    List<Alert> again = cpu(75);

    assertThat(again).singleElement().extracting(Alert::type).isEqualTo(AlertType.WARNING);
    assertThat(engine.history()).extracting(Alert::id).doesNotHaveDuplicates().hasSize(3);
  }

  @Test
  void evaluatesSeveralMetricsPerSampleInRuleOrder() {
    Map<String, Double> sample =
        Map.of("response_time", 1500.0, "cpu_usage", 95.0, "memory_usage", 50.0, "disk", 99.0);

    List<Alert> raised = engine.evaluate(sample);

    assertThat(raised).extracting(Alert::metric).containsExactly("cpu_usage", "response_time");
    assertThat(raised.get(1).description()).isEqualTo("Response Time is at 1500.0ms");
    assertThat(engine.activeAlerts()).hasSize(2);
  }

  @Test
  void theWalkthroughInDashboardDocsHolds() {
    double[] values = {50, 75, 80, 95, 87, 84, 68, 66, 65, 75};
    String[] expected = {"", "warning", "", "critical", "", "warning", "", "", "info", "warning"};

    for (int i = 0; i < values.length; i++) {
      List<Alert> raised = cpu(values[i]);
      assertThat(raised.stream().map(a -> a.type().wireName()).findFirst().orElse(""))
          .as("sample %s", values[i])
          .isEqualTo(expected[i]);
    }
  }

  @Test
  void missingAndNonFiniteValuesChangeNothing() {
    cpu(95);
    Map<String, Double> sample = new HashMap<>();
    sample.put("cpu_usage", Double.NaN);

    assertThat(engine.evaluate(sample)).isEmpty();
    assertThat(engine.evaluate(Map.of())).isEmpty();
    assertThat(engine.evaluate("cpu_usage", Double.POSITIVE_INFINITY)).isEmpty();
    assertThat(engine.activeAlerts()).hasSize(1);
  }

  @Test
  void customRulesApply() {
    AlertRule queue = AlertRule.warningOnly("queue_depth", "Queue Depth", " frames", 100, 10);
    AlertRule cpu = DashboardSettings.defaultRules().get(0).withThresholds(50, 60).withHysteresis(0);
    AlertEngine custom = new AlertEngine(List.of(queue, cpu), clock);

    assertThat(custom.evaluate("queue_depth", 1_000_000)).singleElement()
        .extracting(Alert::type).isEqualTo(AlertType.WARNING);
    assertThat(custom.evaluate("queue_depth", 95)).isEmpty();
    assertThat(custom.evaluate("queue_depth", 90)).singleElement()
        .extracting(Alert::resolved).isEqualTo(true);
    assertThat(custom.evaluate("cpu_usage", 61)).singleElement()
        .extracting(Alert::type).isEqualTo(AlertType.CRITICAL);
    assertThat(custom.evaluate("cpu_usage", 60)).singleElement()
        .extracting(Alert::type).isEqualTo(AlertType.WARNING);
    assertThat(custom.evaluate("cpu_usage", 50)).singleElement()
        .extracting(Alert::resolved).isEqualTo(true);
    assertThat(custom.rules()).containsExactly(queue, cpu);
  }

  @Test
  void historyKeepsTheLastFifty() {
    for (int i = 0; i < 40; i++) {
      cpu(95);
      cpu(10);
    }

    List<Alert> history = engine.history();
    assertThat(history).hasSize(AlertEngine.DEFAULT_HISTORY);
    assertThat(history.get(history.size() - 1).resolved()).isTrue();
    assertThat(history.get(0).timestamp()).isEqualTo(START.plusSeconds(2 * 31));
  }

  @Test
  void historySizeIsConfigurable() {
    AlertEngine small = new AlertEngine(DashboardSettings.defaultRules(), clock, 2);
    small.evaluate("cpu_usage", 75);
    small.evaluate("cpu_usage", 95);
    small.evaluate("cpu_usage", 10);

    assertThat(small.history()).extracting(Alert::type)
        .containsExactly(AlertType.CRITICAL, AlertType.INFO);
  }

  @Test
  void returnedListsAreImmutable() {
    cpu(95);

    assertThatThrownBy(() -> engine.activeAlerts().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> engine.history().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void rulesAreValidated() {
    assertThatThrownBy(() -> new AlertRule("x", "X", "", 10, 5, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AlertRule("x", "X", "", 10, 20, -1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AlertRule(" ", "X", "", 10, 20, 0))
        .isInstanceOf(IllegalArgumentException.class);
    AlertRule rule = new AlertRule("x", "X", "", 10, 20, 0);
    assertThatThrownBy(() -> new AlertEngine(List.of(rule, rule), clock))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(AlertRule.warningOnly("x", "X", "", 1, 0).hasCritical()).isFalse();
  }
}
