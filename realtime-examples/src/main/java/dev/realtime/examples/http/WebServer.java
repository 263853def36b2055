package dev.realtime.examples.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The examples' small HTTP server (the JDK's), serving pages and REST next to Java-WebSocket's
 * port in the two-port layout ({@code --transport javaws}).
 *
 * <p>Exact paths map to handlers; a path ending in {@code /} serves the classpath folder under it.
 * Request bodies are bounded ({@value #MAX_BODY_BYTES} bytes, 413 beyond), and every response
 * carries the {@link SecurityHeaders}.
 */
public final class WebServer implements WebRoutes {
  /** The largest request body accepted. */
  public static final int MAX_BODY_BYTES = 64 * 1024;

  private static final Logger log = LoggerFactory.getLogger(WebServer.class);

  private final HttpServer server;
  private final ExecutorService workers;
  private final Map<String, Handler> handlers = new HashMap<>();
  private final Map<String, String> folders = new LinkedHashMap<>();
  private final Map<String, Handler> prefixes = new HashMap<>();
  private boolean started;

  /** Binds {@code host:port} (0 for an ephemeral port); call {@link #start()} to serve. */
  public WebServer(String host, int port) throws IOException {
    this.server = HttpServer.create(new InetSocketAddress(host, port), 128);
    this.workers =
        Executors.newFixedThreadPool(
            4,
            runnable -> {
              Thread thread = new Thread(runnable, "realtime-http");
              thread.setDaemon(true);
              return thread;
            });
    server.setExecutor(workers);
    server.createContext("/", this::serve);
  }

  @Override
  public WebServer route(String path, Handler handler) {
    Objects.requireNonNull(handler, "handler");
    if (handlers.putIfAbsent(Objects.requireNonNull(path, "path"), handler) != null) {
      throw new IllegalArgumentException("path already routed: " + path);
    }
    return this;
  }

  @Override
  public WebServer routeUnder(String pathPrefix, Handler handler) {
    Objects.requireNonNull(handler, "handler");
    if (!Objects.requireNonNull(pathPrefix, "pathPrefix").endsWith("/")) {
      throw new IllegalArgumentException("a prefix ends with '/': " + pathPrefix);
    }
    if (prefixes.putIfAbsent(pathPrefix, handler) != null) {
      throw new IllegalArgumentException("path already routed: " + pathPrefix);
    }
    return this;
  }

  @Override
  public WebServer page(String path, String resource) {
    return file(path, resource);
  }

  @Override
  public WebServer file(String path, String resource) {
    Objects.requireNonNull(resource, "resource");
    return route(path, request -> StaticResources.load(resource));
  }

  @Override
  public WebServer folder(String pathPrefix, String resourceFolder) {
    if (!pathPrefix.endsWith("/") || !resourceFolder.endsWith("/")) {
      throw new IllegalArgumentException("folder paths end with '/'");
    }
    if (folders.putIfAbsent(pathPrefix, resourceFolder) != null) {
      throw new IllegalArgumentException("path already routed: " + pathPrefix);
    }
    return this;
  }

  /** Starts serving. */
  public synchronized void start() {
    server.start();
    started = true;
  }

  /** The bound port. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Stops serving, giving exchanges in progress up to a second; releases the port even if never started. */
  public synchronized void stop() {
    // A server that never started has no exchanges to wait for (and stop(1) would wait a second).
    server.stop(started ? 1 : 0);
    workers.shutdownNow();
    try {
      workers.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void serve(HttpExchange exchange) throws IOException {
    Response response;
    try {
      response = dispatch(exchange);
    } catch (BodyTooLargeException e) {
      response = tooLarge();
    } catch (Exception e) {
      log.warn("request {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
      response = Response.error(500, "internal error");
    }
    send(exchange, response);
  }

  /** The answer to a body over {@link #MAX_BODY_BYTES}, the same on either layout. */
  static Response tooLarge() {
    return Response.error(413, "request body exceeds " + MAX_BODY_BYTES + " bytes");
  }

  private Response dispatch(HttpExchange exchange) throws Exception {
    String path = exchange.getRequestURI().getPath();
    Handler handler = handlers.get(path);
    if (handler == null) {
      handler = longestPrefix(path);
    }
    if (handler != null) {
      return handler.handle(read(exchange, path));
    }
    for (Map.Entry<String, String> folder : folders.entrySet()) {
      if (path.startsWith(folder.getKey())) {
        if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
          return Response.error(405, "method not allowed").withHeader("Allow", "GET, HEAD");
        }
        return StaticResources.fromFolder(folder.getValue(), path.substring(folder.getKey().length()));
      }
    }
    return Response.error(404, "not found");
  }

  private Handler longestPrefix(String path) {
    Handler best = null;
    int bestLength = -1;
    for (Map.Entry<String, Handler> prefix : prefixes.entrySet()) {
      if (path.startsWith(prefix.getKey()) && prefix.getKey().length() > bestLength) {
        best = prefix.getValue();
        bestLength = prefix.getKey().length();
      }
    }
    return best;
  }

  private static Request read(HttpExchange exchange, String path) throws IOException {
    Map<String, String> headers = new HashMap<>();
    exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
    return new Request(
        exchange.getRequestMethod().toUpperCase(Locale.ROOT),
        path,
        parseQuery(exchange.getRequestURI().getRawQuery()),
        Map.copyOf(headers),
        readBody(exchange.getRequestBody()));
  }

  private static byte[] readBody(InputStream in) throws IOException {
    byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
    if (body.length > MAX_BODY_BYTES) {
      throw new BodyTooLargeException();
    }
    return body;
  }

  static Map<String, List<String>> parseQuery(String rawQuery) {
    Map<String, List<String>> query = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return query;
    }
    for (String pair : rawQuery.split("&")) {
      int equals = pair.indexOf('=');
      String name = decode(equals < 0 ? pair : pair.substring(0, equals));
      String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
      query.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
    return query;
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return text;
    }
  }

  private static void send(HttpExchange exchange, Response response) throws IOException {
    var headers = exchange.getResponseHeaders();
    headers.set("Content-Type", response.contentType());
    SecurityHeaders.all().forEach(headers::set);
    response.headers().forEach(headers::set);
    boolean head = "HEAD".equals(exchange.getRequestMethod());
    exchange.sendResponseHeaders(response.status(), head ? -1 : response.body().length == 0 ? -1 : response.body().length);
    try (OutputStream out = exchange.getResponseBody()) {
      if (!head) {
        out.write(response.body());
      }
    }
  }

  private static final class BodyTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;
  }
}
