/**
 * The analytics counters: every event counted, distinct visitors and letters per UTC day, in
 * memory on one node or in Redis for a cluster (where they survive node restarts).
 */
package dev.realtime.examples.analytics.stats;
