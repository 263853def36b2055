/**
 * The analytics example: {@code /ws/analytics} with initial stats, heartbeats, client-side
 * filters and events from any producer (REST, a plain Redis channel, the simulator), in JSON or
 * Protocol Buffers, on one node or a cluster.
 */
package dev.realtime.examples.analytics;
