package dev.realtime.examples.analytics.stats;

/**
 * The stored counters at one moment.
 *
 * @param uniqueToday distinct visitors since 00:00 UTC (estimated: a HyperLogLog, ±0.8%)
 * @param totalEvents every event counted
 * @param lettersToday letters since 00:00 UTC
 */
public record Counters(long uniqueToday, long totalEvents, long lettersToday) {}
