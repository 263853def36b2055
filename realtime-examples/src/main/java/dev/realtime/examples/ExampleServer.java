package dev.realtime.examples;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.realtime.broker.Broker;
import dev.realtime.broker.BrokerException;
import dev.realtime.broker.redis.RedisBroker;
import dev.realtime.examples.ServedRoutes.Kind;
import dev.realtime.examples.http.Response;
import dev.realtime.examples.monitoring.MetricsJson;
import dev.realtime.examples.monitoring.MonitoringPage;
import dev.realtime.examples.server.CannotConnectException;
import dev.realtime.examples.server.Layout;
import dev.realtime.examples.server.Transport;
import dev.realtime.examples.server.WebSockets;
import dev.realtime.metrics.InMemoryMetrics;
import dev.realtime.metrics.prometheus.PrometheusExposition;
import dev.realtime.transport.netty.IoMode;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one example on the layout its options choose: page, REST, {@code /metrics}, {@code
 * /monitoring} and WebSocket on one Netty port, or pages and REST on the JDK's HTTP server beside
 * Java-WebSocket. Pages learn from {@code /config.json} whether to connect to their own origin or
 * to the WebSocket port, always on the host they were loaded from.
 */
public final class ExampleServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ExampleServer.class);

  private final LaunchOptions options;
  private final Example example;
  private final Layout layout;
  private final InMemoryMetrics metrics;
  private final ScheduledExecutorService scheduler;
  private final ServedRoutes routes;
  private final Optional<Broker> broker;
  private final AtomicBoolean closed = new AtomicBoolean();

  private ExampleServer(LaunchOptions options, Example example, Layout layout, InMemoryMetrics metrics,
      ScheduledExecutorService scheduler, ServedRoutes routes, Optional<Broker> broker) {
    this.options = options;
    this.example = example;
    this.layout = layout;
    this.metrics = metrics;
    this.scheduler = scheduler;
    this.routes = routes;
    this.broker = broker;
  }

  /**
   * Wires and starts {@code example}; on failure nothing is left running. A port that cannot be
   * bound throws {@link dev.realtime.examples.server.CannotListenException}; with {@code --redis},
   * a Redis that cannot be reached throws {@link CannotConnectException}; an {@code --io-mode} that
   * cannot run here throws {@link dev.realtime.examples.server.CannotRunIoException}.
   */
  public static ExampleServer start(LaunchOptions options, Example example) throws Exception {
    return start(options, example, webSockets -> {});
  }

  /** Like {@link #start(LaunchOptions, Example)}, letting tests tune the WebSocket side first. */
  public static ExampleServer start(LaunchOptions options, Example example, Consumer<WebSockets> tuning)
      throws Exception {
    ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1, runnable -> {
      Thread thread = new Thread(runnable, "realtime-example-scheduler");
      thread.setDaemon(true);
      return thread;
    });
    InMemoryMetrics metrics = new InMemoryMetrics();
    Layout layout = null;
    Optional<Broker> broker = Optional.empty();
    try {
      if (options.cluster().isPresent()) {
        broker = Optional.of(startBroker(options.cluster().get(), metrics));
      }
      layout = Layout.create(options.transport(), options.ioMode(), options.host(), options.port(), options.httpPort(),
          options.wsPort(), metrics);
      PageOrigins origins = new PageOrigins();
      ServedRoutes routes = new ServedRoutes(layout.web(), layout, origins);
      tuning.accept(layout);
      example.configure(new ExampleContext(options, routes, layout, metrics, scheduler, Clock.systemUTC(), broker));
      ExampleServer server = new ExampleServer(options, example, layout, metrics, scheduler, routes, broker);
      server.addCommonRoutes();
      layout.start();
      origins.pagesServedOn(layout.pagePort());
      example.started();
      return server;
    } catch (Exception | Error e) {
      if (layout != null) {
        layout.stop(Duration.ofSeconds(1));
      }
      example.close();
      broker.ifPresent(Broker::close);
      scheduler.shutdownNow();
      throw e;
    }
  }

  /** Connects this node to the cluster's Redis; its presence lives {@code cluster.presenceTtl()}. */
  private static Broker startBroker(Cluster cluster, InMemoryMetrics metrics) throws CannotConnectException {
    RedisBroker broker = RedisBroker.builder(cluster.redisUri())
        .nodeId(cluster.nodeId())
        .presenceTtl(cluster.presenceTtl())
        .metrics(metrics)
        .build();
    try {
      broker.start();
      return broker;
    } catch (BrokerException e) {
      broker.close();
      throw new CannotConnectException(cluster.redisUri(), e);
    }
  }

  private void addCommonRoutes() {
    routes.folder("/static/", "web/static/");
    routes.route("/config.json", request -> {
      JsonObject config = new JsonObject();
      config.addProperty("example", options.example());
      config.addProperty("transport", layout.transport().option());
      // Which node served the page (pages show it: behind a load balancer it is not obvious).
      config.addProperty("node", broker.map(Broker::nodeId).orElse(ExampleContext.LOCAL_NODE));
      config.addProperty("cluster", broker.isPresent());
      // One port: pages connect to their own origin. Two: to the WebSocket port on their host.
      config.addProperty("sameOrigin", layout.onePort());
      if (!layout.onePort()) {
        config.addProperty("wsPort", layout.webSocketPort());
      }
      // The monitoring page's connection test opens the example's own (first) endpoint.
      List<String> webSocketPaths = routes.paths(Kind.WEBSOCKET);
      JsonArray paths = new JsonArray();
      webSocketPaths.forEach(paths::add);
      config.add("wsPaths", paths);
      if (!webSocketPaths.isEmpty()) {
        config.addProperty("wsPath", webSocketPaths.get(0));
      }
      return Response.json(config);
    });
    MonitoringPage.install(routes);
    routes.route("/metrics", request -> {
      if (PrometheusExposition.acceptsText(request.header("accept").orElse(""))) {
        return Response.text(200, PrometheusExposition.CONTENT_TYPE,
            PrometheusExposition.render(metrics.snapshot(), List.of()));
      }
      return Response.json(MetricsJson.toJson(metrics.snapshot()));
    });
  }

  /** The transport serving the example. */
  public Transport transport() {
    return layout.transport();
  }

  /** The Netty I/O implementation that runs (never {@link IoMode#AUTO}); empty on Java-WebSocket. */
  public Optional<IoMode> ioMode() {
    return layout.ioMode();
  }

  /** Whether page, REST and WebSocket share one port. */
  public boolean onePort() {
    return layout.onePort();
  }

  /** The port of pages and REST (the only port on the one-port layout). */
  public int httpPort() {
    return layout.pagePort();
  }

  /** The WebSocket port (the page port on the one-port layout). */
  public int wsPort() {
    return layout.webSocketPort();
  }

  /** The metrics the example reports to. */
  public InMemoryMetrics metrics() {
    return metrics;
  }

  /** The URL of the page, for the host given on the command line (localhost if it binds all). */
  public String pageUrl() {
    return "http://" + urlHost() + ":" + httpPort() + "/";
  }

  /** Every address the example serves: its pages, WebSocket paths and REST endpoints, in that order. */
  public List<ServedUrl> urls() {
    String http = "http://" + urlHost() + ":" + httpPort();
    String ws = "ws://" + urlHost() + ":" + wsPort();
    List<ServedUrl> urls = new ArrayList<>();
    routes.paths(Kind.PAGE).forEach(path -> urls.add(new ServedUrl("page", http + path)));
    routes.paths(Kind.WEBSOCKET).forEach(path -> urls.add(new ServedUrl("WebSocket", ws + path)));
    routes.paths(Kind.REST).forEach(path -> urls.add(new ServedUrl("REST", http + path)));
    return List.copyOf(urls);
  }

  private String urlHost() {
    String host = options.host();
    if (options.listensOnAllInterfaces()) {
      return "localhost";
    }
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }

  /** Stops gracefully: WebSocket clients get 1001 after their queued messages, then HTTP stops. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      layout.stop(Duration.ofSeconds(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      example.close();
      // After the clients: closing the broker takes this node's users out of presence at once.
      broker.ifPresent(Broker::close);
      scheduler.shutdownNow();
      log.info("{} stopped", options.example());
    }
  }
}
