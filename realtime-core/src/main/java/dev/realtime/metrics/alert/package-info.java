/**
 * Threshold alerts on metric samples: {@link dev.realtime.metrics.alert.AlertRule}s with warning
 * and critical levels, and the {@link dev.realtime.metrics.alert.AlertEngine} that raises an
 * {@link dev.realtime.metrics.alert.Alert} when a value enters a level and resolves it when it
 * goes back.
 */
package dev.realtime.metrics.alert;
