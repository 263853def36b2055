package dev.realtime.metrics.prometheus;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A named metric with its help text, type and samples: one {@code # HELP}/{@code # TYPE} block.
 *
 * <p>Applications build these to export their own values next to the library's, for example
 * {@code MetricFamily.gauge("dashboard_cpu_usage_ratio", "Process CPU usage.", 0.42)}.
 *
 * @param name the metric name, matching {@code [a-zA-Z_:][a-zA-Z0-9_:]*}; counters end in {@code
 *     _total}
 * @param help what the metric means, in one sentence; any text, escaped when written
 * @param type the metric type
 * @param samples at least one sample, each with a distinct label set
 */
public record MetricFamily(String name, String help, MetricType type, List<Sample> samples) {

  private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

  /** Validates the name, the counter suffix and the samples. */
  public MetricFamily {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(help, "help");
    Objects.requireNonNull(type, "type");
    samples = List.copyOf(samples);
    if (!METRIC_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("invalid metric name: " + name);
    }
    if (type == MetricType.COUNTER && !name.endsWith("_total")) {
      throw new IllegalArgumentException("a counter's name must end in _total: " + name);
    }
    if (samples.isEmpty()) {
      throw new IllegalArgumentException("a family needs at least one sample: " + name);
    }
    Set<Map<String, String>> labelSets = new HashSet<>();
    for (Sample sample : samples) {
      if (!labelSets.add(sample.labels())) {
        throw new IllegalArgumentException("duplicate labels in " + name + ": " + sample.labels());
      }
    }
  }

  /** Returns a counter with one unlabelled value. */
  public static MetricFamily counter(String name, String help, double value) {
    return new MetricFamily(name, help, MetricType.COUNTER, List.of(Sample.of(value)));
  }

  /** Returns a gauge with one unlabelled value. */
  public static MetricFamily gauge(String name, String help, double value) {
    return new MetricFamily(name, help, MetricType.GAUGE, List.of(Sample.of(value)));
  }
}
