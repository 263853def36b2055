package dev.realtime.examples.monitoring;

import dev.realtime.examples.http.WebRoutes;

/**
 * The monitoring page, served by every example at {@code /monitoring}: live counters from
 * {@code /metrics}, the 24-hour connections chart and a connection test against the example's own
 * WebSocket path (which the page reads from {@code /config.json}).
 */
public final class MonitoringPage {
  /** The page's path. */
  public static final String PATH = "/monitoring";

  private MonitoringPage() {}

  /** Serves the page and the chart library it needs. */
  public static void install(WebRoutes web) {
    web.page(PATH, "web/monitoring/index.html");
    VendorScripts.install(web);
  }
}
