package dev.realtime.metrics.prometheus;

import dev.realtime.metrics.MetricsSnapshot;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricFamilyDescriptor;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The library's metrics as a Prometheus Java client collector, for applications that already
 * expose a {@code PrometheusRegistry} (its HTTP server, servlet or Spring exporter):
 * {@code registry.register(new RealtimeCollector(metrics::snapshot))}.
 *
 * <p>Each scrape takes one snapshot, so the families of one scrape agree with each other.
 */
public final class RealtimeCollector implements MultiCollector {

  private final Supplier<MetricsSnapshot> snapshots;

  /** Collects from {@code snapshots}, usually {@code inMemoryMetrics::snapshot}. */
  public RealtimeCollector(Supplier<MetricsSnapshot> snapshots) {
    this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
  }

  /** Returns the library's families for a fresh snapshot. */
  @Override
  public MetricSnapshots collect() {
    MetricsSnapshot snapshot = Objects.requireNonNull(snapshots.get(), "snapshot");
    return new MetricSnapshots(PrometheusExposition.families(snapshot));
  }

  /** Describes the families this collector exposes, so a registry can refuse a second one. */
  @Override
  public List<MetricFamilyDescriptor> getMetricFamilyDescriptors() {
    return PrometheusExposition.descriptors();
  }
}
