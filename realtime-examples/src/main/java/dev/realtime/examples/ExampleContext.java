package dev.realtime.examples;

import dev.realtime.auth.OriginPolicy;
import dev.realtime.examples.http.WebServer;
import dev.realtime.hub.Hub;
import dev.realtime.metrics.InMemoryMetrics;
import dev.realtime.transport.Endpoint;
import dev.realtime.transport.javaws.JavaWsServer;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What an example gets to wire itself: the web server, the WebSocket routes, shared metrics, a
 * scheduler, the clock, and hub builders configured with all of them ({@link #hubBuilder}).
 *
 * @param options the command line
 * @param web the HTTP server for pages and REST
 * @param webSocket the WebSocket server's builder, to add routes
 * @param metrics the metrics every hub and the transport report to
 * @param scheduler a small scheduler for timed work (never for blocking I/O)
 * @param clock the clock examples stamp messages with
 * @param webSocketPaths the paths routed so far, in order; {@link #route} appends, so the
 *     monitoring page can test the example's own endpoint
 */
public record ExampleContext(
    LaunchOptions options,
    WebServer web,
    JavaWsServer.Builder webSocket,
    InMemoryMetrics metrics,
    ScheduledExecutorService scheduler,
    Clock clock,
    List<String> webSocketPaths) {

  /** A context that records its routes in a fresh list. */
  public ExampleContext(
      LaunchOptions options,
      WebServer web,
      JavaWsServer.Builder webSocket,
      InMemoryMetrics metrics,
      ScheduledExecutorService scheduler,
      Clock clock) {
    this(options, web, webSocket, metrics, scheduler, clock, new CopyOnWriteArrayList<>());
  }

  /**
   * A hub builder reporting to the shared metrics, on the example's clock and scheduler, that
   * admits only pages this example's web server served (same host, its HTTP port), so another
   * site cannot open a socket with the user's cookies.
   */
  public Hub.Builder hubBuilder() {
    return Hub.builder()
        .metrics(metrics)
        .clock(clock)
        .scheduler(scheduler)
        .originPolicy(OriginPolicy.allowing().withSameHost(web.port()));
  }

  /** Serves a hub or other listener at a WebSocket path. */
  public void route(String path, Endpoint endpoint) {
    webSocket.route(path, endpoint);
    webSocketPaths.add(path);
  }
}
