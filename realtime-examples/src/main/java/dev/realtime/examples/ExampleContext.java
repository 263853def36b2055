package dev.realtime.examples;

import dev.realtime.broker.Broker;
import dev.realtime.examples.http.WebRoutes;
import dev.realtime.examples.server.WebSockets;
import dev.realtime.hub.Hub;
import dev.realtime.metrics.InMemoryMetrics;
import dev.realtime.transport.Endpoint;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What an example gets to wire itself, whichever layout serves it: the pages and REST ({@link
 * #web()}), the WebSocket routes ({@link #route}), shared metrics, a scheduler, the clock, and
 * hub builders configured with all of them ({@link #hubBuilder}).
 */
public final class ExampleContext {
  private final LaunchOptions options;
  private final ServedRoutes routes;
  private final WebSockets webSockets;
  private final InMemoryMetrics metrics;
  private final ScheduledExecutorService scheduler;
  private final Clock clock;
  private final Optional<Broker> broker;

  ExampleContext(
      LaunchOptions options,
      ServedRoutes routes,
      WebSockets webSockets,
      InMemoryMetrics metrics,
      ScheduledExecutorService scheduler,
      Clock clock,
      Optional<Broker> broker) {
    this.options = Objects.requireNonNull(options, "options");
    this.routes = Objects.requireNonNull(routes, "routes");
    this.webSockets = Objects.requireNonNull(webSockets, "webSockets");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.broker = Objects.requireNonNull(broker, "broker");
  }

  /** The command line. */
  public LaunchOptions options() {
    return options;
  }

  /** Where the example's pages, files and REST endpoints go; served on either layout. */
  public WebRoutes web() {
    return routes;
  }

  /** The metrics every hub and the transport report to. */
  public InMemoryMetrics metrics() {
    return metrics;
  }

  /** A small scheduler for timed work (never for blocking I/O). */
  public ScheduledExecutorService scheduler() {
    return scheduler;
  }

  /** The clock examples stamp messages with. */
  public Clock clock() {
    return clock;
  }

  /**
   * The broker every hub of this node shares when it runs in a cluster ({@code --redis}); empty
   * when it runs alone (each hub then has an in-memory broker of its own).
   */
  public Optional<Broker> broker() {
    return broker;
  }

  /** This node's name: the {@code --node-id} in a cluster, {@code local} alone. */
  public String nodeId() {
    return broker.map(Broker::nodeId).orElse(LOCAL_NODE);
  }

  /** The node name of an example that runs alone (the in-memory broker's). */
  static final String LOCAL_NODE = "local";

  /**
   * A hub builder reporting to the shared metrics, on the example's clock and scheduler, and on the
   * cluster's broker with {@code --redis}. Hubs served through {@link #route} admit only pages this
   * example served (see {@link PageOrigins}). Give each hub its own {@code name}: it names the
   * hub's channels on the broker.
   */
  public Hub.Builder hubBuilder() {
    Hub.Builder builder = Hub.builder().metrics(metrics).clock(clock).scheduler(scheduler);
    broker.ifPresent(builder::broker);
    return builder;
  }

  /**
   * Serves a hub or other listener at a WebSocket path, admitting only handshakes from this
   * example's own pages: same host, the page port (so another site cannot use the user's cookies).
   */
  public void route(String path, Endpoint endpoint) {
    routes.webSocket(path, endpoint);
  }

  /**
   * Offers permessage-deflate (without context takeover) on whichever transport can; returns
   * whether this one will (Netty does, Java-WebSocket does not).
   */
  public boolean offerDeflate() {
    return webSockets.offerDeflate();
  }

  /** Raises (or lowers) the largest inbound WebSocket message, on whichever transport serves it. */
  public void maxMessageBytes(int bytes) {
    webSockets.maxMessageBytes(bytes);
  }
}
