/**
 * The dashboard's threshold alerts: {@link dev.realtime.examples.dashboard.alert.AlertRule}s with
 * warning and critical levels and a hysteresis, and the {@link
 * dev.realtime.examples.dashboard.alert.AlertEngine} that raises an {@link
 * dev.realtime.examples.dashboard.alert.Alert} when a value enters a level and resolves it when it
 * goes back. The thresholds are the dashboard's ({@code DashboardSettings.defaultRules()}); the
 * JSON is the page's ({@code DashboardMessages}).
 */
package dev.realtime.examples.dashboard.alert;
