package dev.realtime.examples.dashboard.alert;

import java.util.Objects;

/**
 * When a metric raises an alert: above {@code warning} it warns, above {@code critical} it is
 * critical, and it only steps down once the value has fallen to the threshold minus {@code
 * hysteresis}, so a value wobbling around a threshold does not flap.
 *
 * @param metric the metric's key in the samples, e.g. {@code cpu_usage}
 * @param title the human name used in alert titles, e.g. {@code CPU Usage}
 * @param unit the unit appended to values in descriptions, e.g. {@code %} or {@code ms}
 * @param warning the value above which the metric warns
 * @param critical the value above which it is critical; {@code +Infinity} for no critical level
 * @param hysteresis how far below a threshold the value must fall to leave that level, at least 0
 */
public record AlertRule(
    String metric, String title, String unit, double warning, double critical, double hysteresis) {

  /** Validates the thresholds. */
  public AlertRule {
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(unit, "unit");
    if (metric.isBlank()) {
      throw new IllegalArgumentException("metric must not be blank");
    }
    if (!Double.isFinite(warning)) {
      throw new IllegalArgumentException("warning must be finite: " + warning);
    }
    if (Double.isNaN(critical) || critical <= warning) {
      throw new IllegalArgumentException("critical must be above warning: " + critical);
    }
    if (!Double.isFinite(hysteresis) || hysteresis < 0) {
      throw new IllegalArgumentException("hysteresis must be finite and not negative");
    }
  }

  /** Returns a rule with a warning level only. */
  public static AlertRule warningOnly(
      String metric, String title, String unit, double warning, double hysteresis) {
    return new AlertRule(metric, title, unit, warning, Double.POSITIVE_INFINITY, hysteresis);
  }

  /** Returns this rule with other thresholds. */
  public AlertRule withThresholds(double newWarning, double newCritical) {
    return new AlertRule(metric, title, unit, newWarning, newCritical, hysteresis);
  }

  /** Returns this rule with another hysteresis. */
  public AlertRule withHysteresis(double newHysteresis) {
    return new AlertRule(metric, title, unit, warning, critical, newHysteresis);
  }

  /** Returns whether the rule has a critical level. */
  public boolean hasCritical() {
    return critical != Double.POSITIVE_INFINITY;
  }
}
