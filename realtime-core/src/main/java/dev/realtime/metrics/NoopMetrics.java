package dev.realtime.metrics;

/** The stateless metrics that record nothing. */
enum NoopMetrics implements RealtimeMetrics {
  INSTANCE
}
