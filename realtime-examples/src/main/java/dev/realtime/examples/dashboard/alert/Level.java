package dev.realtime.examples.dashboard.alert;

/** Where a metric stands against its rule; NORMAL raises nothing. */
enum Level {
  NORMAL,
  WARNING,
  CRITICAL;

  /** Returns the level a value reaches going up: strictly above a threshold. */
  static Level entered(AlertRule rule, double value) {
    if (value > rule.critical()) {
      return CRITICAL;
    }
    return value > rule.warning() ? WARNING : NORMAL;
  }

  /** Returns whether a value keeps a metric at this level: above threshold minus hysteresis. */
  boolean holds(AlertRule rule, double value) {
    return switch (this) {
      case NORMAL -> true;
      case WARNING -> value > rule.warning() - rule.hysteresis();
      case CRITICAL -> value > rule.critical() - rule.hysteresis();
    };
  }

  /** Returns the threshold that defines this level. */
  double threshold(AlertRule rule) {
    return this == CRITICAL ? rule.critical() : rule.warning();
  }
}
