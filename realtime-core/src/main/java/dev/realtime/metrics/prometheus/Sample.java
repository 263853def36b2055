package dev.realtime.metrics.prometheus;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One value of a metric family with its labels, written as {@code name{label="value"} 1.5}.
 *
 * @param labels label names to values, in the order they are written; values may be any text
 * @param value the value; NaN and infinities are allowed and written as {@code NaN}, {@code +Inf}
 */
public record Sample(Map<String, String> labels, double value) {

  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

  /** Validates label names and copies the labels, keeping their order. */
  public Sample {
    Objects.requireNonNull(labels, "labels");
    LinkedHashMap<String, String> copy = new LinkedHashMap<>();
    labels.forEach(
        (name, text) -> {
          Objects.requireNonNull(name, "label name");
          Objects.requireNonNull(text, "label value");
          if (!LABEL_NAME.matcher(name).matches() || name.startsWith("__")) {
            throw new IllegalArgumentException("invalid label name: " + name);
          }
          copy.put(name, text);
        });
    labels = Collections.unmodifiableMap(copy);
  }

  /** Returns a sample without labels. */
  public static Sample of(double value) {
    return new Sample(Map.of(), value);
  }

  /** Returns a sample with the given labels. */
  public static Sample of(Map<String, String> labels, double value) {
    return new Sample(labels, value);
  }
}
