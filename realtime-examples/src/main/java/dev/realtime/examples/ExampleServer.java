package dev.realtime.examples;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.realtime.examples.http.Response;
import dev.realtime.examples.http.WebServer;
import dev.realtime.examples.monitoring.MetricsJson;
import dev.realtime.examples.monitoring.MonitoringPage;
import dev.realtime.metrics.InMemoryMetrics;
import dev.realtime.metrics.prometheus.PrometheusExposition;
import dev.realtime.transport.javaws.JavaWsServer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one example: the HTTP server (page, REST, {@code /metrics}, {@code /monitoring}) and the
 * WebSocket server.
 *
 * <p>Java-WebSocket cannot serve plain HTTP, so pages and REST live on their own port; pages learn
 * the WebSocket port from {@code /config.json} and connect to the host they were loaded from.
 */
public final class ExampleServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ExampleServer.class);

  private final LaunchOptions options;
  private final Example example;
  private final WebServer web;
  private final JavaWsServer webSocket;
  private final InMemoryMetrics metrics;
  private final ScheduledExecutorService scheduler;
  private final List<String> webSocketPaths;

  private ExampleServer(
      LaunchOptions options, Example example, WebServer web, JavaWsServer webSocket,
      InMemoryMetrics metrics, ScheduledExecutorService scheduler, List<String> webSocketPaths) {
    this.webSocketPaths = List.copyOf(webSocketPaths);
    this.options = options;
    this.example = example;
    this.web = web;
    this.webSocket = webSocket;
    this.metrics = metrics;
    this.scheduler = scheduler;
  }

  /** Wires and starts {@code example}; on failure nothing is left running. */
  public static ExampleServer start(LaunchOptions options, Example example) throws Exception {
    return start(options, example, builder -> {});
  }

  /** Like {@link #start(LaunchOptions, Example)}, letting tests tune the WebSocket server. */
  public static ExampleServer start(
      LaunchOptions options, Example example, Consumer<JavaWsServer.Builder> tuning)
      throws Exception {
    ScheduledExecutorService scheduler =
        Executors.newScheduledThreadPool(
            1,
            runnable -> {
              Thread thread = new Thread(runnable, "realtime-example-scheduler");
              thread.setDaemon(true);
              return thread;
            });
    InMemoryMetrics metrics = new InMemoryMetrics();
    WebServer web = new WebServer(options.host(), options.httpPort());
    JavaWsServer.Builder builder =
        JavaWsServer.builder().host(options.host()).port(options.wsPort()).metrics(metrics);
    tuning.accept(builder);
    JavaWsServer webSocket = null;
    try {
      ExampleContext context =
          new ExampleContext(options, web, builder, metrics, scheduler, Clock.systemUTC());
      example.configure(context);
      webSocket = builder.build().start();
      ExampleServer server = new ExampleServer(
          options, example, web, webSocket, metrics, scheduler, context.webSocketPaths());
      server.addCommonRoutes();
      web.start();
      return server;
    } catch (Exception | Error e) {
      web.stop();
      if (webSocket != null) {
        webSocket.stop(Duration.ofSeconds(1));
      }
      example.close();
      scheduler.shutdownNow();
      throw e;
    }
  }

  private void addCommonRoutes() {
    web.folder("/static/", "web/static/");
    web.route("/config.json", request -> {
      JsonObject config = new JsonObject();
      config.addProperty("example", options.example());
      config.addProperty("wsPort", webSocket.port());
      // The monitoring page's connection test opens the example's own (first) endpoint.
      JsonArray paths = new JsonArray();
      webSocketPaths.forEach(paths::add);
      config.add("wsPaths", paths);
      if (!webSocketPaths.isEmpty()) {
        config.addProperty("wsPath", webSocketPaths.get(0));
      }
      return Response.json(config);
    });
    MonitoringPage.install(web);
    web.route("/metrics", request -> {
      if (PrometheusExposition.acceptsText(request.header("accept").orElse(""))) {
        return Response.text(200, PrometheusExposition.CONTENT_TYPE,
            PrometheusExposition.render(metrics.snapshot(), List.of()));
      }
      return Response.json(MetricsJson.toJson(metrics.snapshot()));
    });
  }

  /** The HTTP port. */
  public int httpPort() {
    return web.port();
  }

  /** The WebSocket port. */
  public int wsPort() {
    return webSocket.port();
  }

  /** The metrics the example reports to. */
  public InMemoryMetrics metrics() {
    return metrics;
  }

  /** The URL of the page, for the host given on the command line (loopback if it binds all). */
  public String pageUrl() {
    String host = "0.0.0.0".equals(options.host()) ? "localhost" : options.host();
    return "http://" + host + ":" + httpPort() + "/";
  }

  /** Stops gracefully: WebSocket clients get 1001 after their queued messages, then HTTP stops. */
  @Override
  public void close() {
    try {
      webSocket.stop(Duration.ofSeconds(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      web.stop();
      example.close();
      scheduler.shutdownNow();
      log.info("{} stopped", options.example());
    }
  }

}
