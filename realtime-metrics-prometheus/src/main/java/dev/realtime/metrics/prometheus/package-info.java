/**
 * The library's metrics for Prometheus: {@link dev.realtime.metrics.prometheus.PrometheusExposition}
 * renders a {@link dev.realtime.metrics.MetricsSnapshot} (plus an application's own families) in
 * the text exposition format for a {@code /metrics} endpoint, and {@link
 * dev.realtime.metrics.prometheus.RealtimeCollector} adds the same families to a Prometheus Java
 * client registry. Both build on the client's own model and format writer.
 */
package dev.realtime.metrics.prometheus;
