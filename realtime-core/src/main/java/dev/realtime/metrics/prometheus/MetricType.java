package dev.realtime.metrics.prometheus;

import java.util.Locale;

/** The Prometheus metric types this library writes. */
public enum MetricType {
  /** A value that only goes up (until a restart); its name must end in {@code _total}. */
  COUNTER,
  /** A current value that can go up and down. */
  GAUGE,
  /** A value whose kind is not declared. */
  UNTYPED;

  /** Returns the word used on a {@code # TYPE} line. */
  public String exposedName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
