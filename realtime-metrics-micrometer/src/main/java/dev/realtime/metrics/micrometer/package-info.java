/**
 * The library's metrics for Micrometer: {@link dev.realtime.metrics.micrometer.MicrometerMetrics}
 * is the {@link dev.realtime.metrics.RealtimeMetrics} a hub and a transport report to and the
 * Micrometer {@code MeterBinder} that publishes what they reported, so Spring Boot and every
 * Micrometer registry (Prometheus, OTLP, JMX, Datadog …) get the hub's metrics by registering it.
 */
package dev.realtime.metrics.micrometer;
