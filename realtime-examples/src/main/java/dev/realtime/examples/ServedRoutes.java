package dev.realtime.examples;

import dev.realtime.examples.http.Handler;
import dev.realtime.examples.http.WebRoutes;
import dev.realtime.examples.server.WebSockets;
import dev.realtime.transport.Endpoint;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every path an example registers, in order, passed on to the layout: the start banner and
 * {@code /config.json} read them, and a path registered twice is refused on either layout.
 */
final class ServedRoutes implements WebRoutes {
  /** What a path serves. */
  enum Kind { PAGE, REST, FILE, FOLDER, WEBSOCKET }

  /** One registered path. */
  record Route(Kind kind, String path) {}

  private final WebRoutes web;
  private final WebSockets webSockets;
  private final PageOrigins origins;
  private final List<Route> routes = new CopyOnWriteArrayList<>();
  private final Map<String, Kind> paths = new ConcurrentHashMap<>();

  ServedRoutes(WebRoutes web, WebSockets webSockets, PageOrigins origins) {
    this.web = web;
    this.webSockets = webSockets;
    this.origins = origins;
  }

  @Override
  public ServedRoutes route(String path, Handler handler) {
    record(Kind.REST, path);
    web.route(path, handler);
    return this;
  }

  @Override
  public ServedRoutes routeUnder(String pathPrefix, Handler handler) {
    record(Kind.REST, pathPrefix);
    web.routeUnder(pathPrefix, handler);
    return this;
  }

  @Override
  public ServedRoutes page(String path, String resource) {
    record(Kind.PAGE, path);
    web.page(path, resource);
    return this;
  }

  @Override
  public ServedRoutes file(String path, String resource) {
    record(Kind.FILE, path);
    web.file(path, resource);
    return this;
  }

  @Override
  public ServedRoutes folder(String pathPrefix, String resourceFolder) {
    record(Kind.FOLDER, pathPrefix);
    web.folder(pathPrefix, resourceFolder);
    return this;
  }

  /** Serves {@code endpoint} at a WebSocket path, admitting only this example's pages. */
  void webSocket(String path, Endpoint endpoint) {
    record(Kind.WEBSOCKET, path);
    webSockets.route(path, origins.guard(endpoint));
  }

  /** The paths of one kind, in the order registered. */
  List<String> paths(Kind kind) {
    return routes.stream().filter(route -> route.kind() == kind).map(Route::path).toList();
  }

  private void record(Kind kind, String path) {
    if (path == null || !path.startsWith("/")) {
      throw new IllegalArgumentException("a path starts with '/': " + path);
    }
    Kind earlier = paths.putIfAbsent(path, kind);
    if (earlier != null) {
      throw new IllegalArgumentException(path + " is already routed (" + earlier + ")");
    }
    routes.add(new Route(kind, path));
  }
}
