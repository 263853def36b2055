/**
 * What the library counts: the {@link dev.realtime.metrics.RealtimeMetrics} interface hubs and
 * transports report to (a no-op by default), and {@link dev.realtime.metrics.InMemoryMetrics},
 * which keeps totals, rates and an hourly history for monitoring pages and snapshots. Bindings to
 * metrics vendors live outside the core.
 */
package dev.realtime.metrics;
