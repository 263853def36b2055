package dev.realtime.examples.dashboard.alert;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Turns metric samples into alert events, once per change of level rather than once per sample.
 *
 * <p>A metric moves up as soon as a value is strictly above a threshold (warning, then critical),
 * and moves down only when the value falls to that threshold minus the rule's hysteresis. Each move
 * raises exactly one {@link Alert}: entering warning or critical, stepping down from critical to
 * warning, or, when back to normal, an {@code info} alert with {@code resolved: true}. Values that
 * stay within a level raise nothing. NaN and infinite values count as missing. Thread-safe.
 */
public final class AlertEngine {

  /** How many alerts {@link #history()} keeps by default, as many as the dashboard page shows. */
  public static final int DEFAULT_HISTORY = 50;

  private final Map<String, AlertRule> rules = new LinkedHashMap<>();
  private final Clock clock;
  private final int historySize;
  private final ArrayDeque<Alert> history;
  private final Map<String, Level> levels = new LinkedHashMap<>();
  private final Map<String, Alert> active = new LinkedHashMap<>();
  private long sequence;

  /** Creates an engine over {@code rules} that keeps the last 50 alerts. */
  public AlertEngine(List<AlertRule> rules, Clock clock) {
    this(rules, clock, DEFAULT_HISTORY);
  }

  /** Creates an engine over {@code rules} that keeps the last {@code historySize} alerts. */
  public AlertEngine(List<AlertRule> rules, Clock clock, int historySize) {
    this.clock = Objects.requireNonNull(clock, "clock");
    if (historySize < 1) {
      throw new IllegalArgumentException("historySize must be at least 1: " + historySize);
    }
    this.historySize = historySize;
    this.history = new ArrayDeque<>(historySize);
    for (AlertRule rule : Objects.requireNonNull(rules, "rules")) {
      if (this.rules.put(rule.metric(), Objects.requireNonNull(rule, "rule")) != null) {
        throw new IllegalArgumentException("two rules for " + rule.metric());
      }
      levels.put(rule.metric(), Level.NORMAL);
    }
  }

  /** Evaluates one sample of several metrics and returns the alerts it raised, in rule order. */
  public synchronized List<Alert> evaluate(Map<String, Double> sample) {
    Objects.requireNonNull(sample, "sample");
    Instant now = clock.instant();
    List<Alert> raised = new ArrayList<>();
    for (AlertRule rule : rules.values()) {
      Double value = sample.get(rule.metric());
      if (value != null && Double.isFinite(value)) {
        step(rule, value, now, raised);
      }
    }
    for (Alert alert : raised) {
      if (history.size() == historySize) {
        history.removeFirst();
      }
      history.addLast(alert);
    }
    return List.copyOf(raised);
  }

  /** Evaluates one value of one metric; a metric without a rule raises nothing. */
  public List<Alert> evaluate(String metric, double value) {
    return evaluate(Map.of(Objects.requireNonNull(metric, "metric"), value));
  }

  /** Returns the alerts in force now, one per metric at most, in rule order. */
  public synchronized List<Alert> activeAlerts() {
    List<Alert> result = new ArrayList<>();
    for (String metric : rules.keySet()) {
      Alert alert = active.get(metric);
      if (alert != null) {
        result.add(alert);
      }
    }
    return List.copyOf(result);
  }

  /** Returns the most recent alert events, raised and resolved, oldest first. */
  public synchronized List<Alert> history() {
    return List.copyOf(history);
  }

  /** Returns the rules, in the order they were given. */
  public List<AlertRule> rules() {
    return List.copyOf(rules.values());
  }

  private void step(AlertRule rule, double value, Instant now, List<Alert> raised) {
    Level current = levels.get(rule.metric());
    Level next = next(rule, current, value);
    if (next == current) {
      return;
    }
    levels.put(rule.metric(), next);
    Alert alert;
    if (next == Level.NORMAL) {
      alert = resolution(rule, value, now);
      active.remove(rule.metric());
    } else {
      alert = raise(rule, next, current, value, now);
      active.put(rule.metric(), alert);
    }
    raised.add(alert);
  }

  /** Going up is immediate; going down stops at the highest level the value still holds. */
  private static Level next(AlertRule rule, Level current, double value) {
    Level entered = Level.entered(rule, value);
    if (entered.compareTo(current) >= 0) {
      return entered;
    }
    Level level = current;
    while (level != Level.NORMAL && !level.holds(rule, value)) {
      level = Level.values()[level.ordinal() - 1];
    }
    return level;
  }

  private Alert raise(AlertRule rule, Level level, Level previous, double value, Instant now) {
    AlertType type = level == Level.CRITICAL ? AlertType.CRITICAL : AlertType.WARNING;
    String title = rule.title() + (level == Level.CRITICAL ? " Critical" : " High");
    String description = rule.title() + " is at " + format(value, rule);
    if (previous == Level.CRITICAL) {
      description += ", down from critical";
    }
    return new Alert(
        id(rule, type.wireName(), now),
        type,
        title,
        description,
        rule.metric(),
        value,
        level.threshold(rule),
        now,
        false);
  }

  private Alert resolution(AlertRule rule, double value, Instant now) {
    return new Alert(
        id(rule, "resolved", now),
        AlertType.INFO,
        rule.title() + " Back to Normal",
        rule.title() + " is at " + format(value, rule) + ", below " + format(rule.warning(), rule),
        rule.metric(),
        value,
        rule.warning(),
        now,
        true);
  }

  /** Ids embed the time to stay unique across restarts: dashboard pages de-duplicate by id. */
  private String id(AlertRule rule, String kind, Instant now) {
    return rule.metric() + "_" + kind + "_" + now.toEpochMilli() + "_" + ++sequence;
  }

  private static String format(double value, AlertRule rule) {
    return String.format(Locale.ROOT, "%.1f%s", value, rule.unit());
  }
}
