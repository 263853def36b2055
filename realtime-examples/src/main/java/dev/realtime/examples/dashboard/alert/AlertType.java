package dev.realtime.examples.dashboard.alert;

import java.util.Locale;

/** An alert's {@code type}: how serious an alert is, or {@code info} for a resolution. */
public enum AlertType {
  /** A notice that needs no action, such as a metric back to normal. */
  INFO,
  /** A metric is above its warning threshold. */
  WARNING,
  /** A metric is above its critical threshold. */
  CRITICAL;

  /** Returns the lowercase word dashboard pages expect in the {@code type} field. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
