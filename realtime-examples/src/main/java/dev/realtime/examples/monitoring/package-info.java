/**
 * The monitoring page every example serves at {@code /monitoring}, the JSON it reads from {@code
 * /metrics} ({@link dev.realtime.examples.monitoring.MetricsJson}), and the vendored scripts it uses.
 */
package dev.realtime.examples.monitoring;
