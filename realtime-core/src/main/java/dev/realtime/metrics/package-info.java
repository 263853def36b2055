/**
 * What the library counts: the {@link dev.realtime.metrics.RealtimeMetrics} interface hubs and
 * transports report to (a no-op by default), and {@link dev.realtime.metrics.InMemoryMetrics},
 * which keeps totals and the connections opened in each of the last 24 hours and answers {@link
 * dev.realtime.metrics.MetricsSnapshot}s. Formats and vendors live outside the core: {@code
 * realtime-metrics-prometheus} writes the Prometheus text format, {@code
 * realtime-metrics-micrometer} publishes to Micrometer.
 */
package dev.realtime.metrics;
