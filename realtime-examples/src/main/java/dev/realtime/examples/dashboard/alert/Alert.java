package dev.realtime.examples.dashboard.alert;

import java.time.Instant;
import java.util.Objects;

/**
 * One alert event: a metric entered a level, or went back to normal.
 *
 * @param id unique within the engine that raised it, and across restarts (it embeds the time)
 * @param type {@code warning} or {@code critical} when raised, {@code info} when resolved
 * @param title a short headline, e.g. {@code CPU Usage Critical}
 * @param description a sentence with the value, e.g. {@code CPU Usage is at 93.2%}
 * @param metric the metric's key, e.g. {@code cpu_usage}
 * @param value the value that caused this event
 * @param threshold the threshold crossed: the level's own, or the warning one when resolved
 * @param timestamp when the engine saw the value
 * @param resolved true for the event that ends an alert
 */
public record Alert(
    String id,
    AlertType type,
    String title,
    String description,
    String metric,
    double value,
    double threshold,
    Instant timestamp,
    boolean resolved) {

  /** Rejects nulls. */
  public Alert {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(timestamp, "timestamp");
  }
}
