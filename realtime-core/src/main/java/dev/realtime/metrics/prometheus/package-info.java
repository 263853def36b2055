/**
 * Renders a metrics snapshot in the Prometheus text exposition format ({@link
 * dev.realtime.metrics.prometheus.PrometheusExposition}), for a {@code /metrics} endpoint.
 */
package dev.realtime.metrics.prometheus;
