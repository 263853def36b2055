package dev.realtime.examples.http;

import dev.realtime.transport.netty.NettyServer;
import dev.realtime.transport.netty.http.RestRequest;
import dev.realtime.transport.netty.http.RestResponse;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The examples' pages and REST on a {@link NettyServer}'s own port (the one-port layout): every
 * route becomes one of the server's REST handlers, every folder its static resources, so the page,
 * REST and WebSocket share one port. The builder must send {@link
 * SecurityHeaders#CONTENT_SECURITY_POLICY}; Netty adds the other {@link SecurityHeaders} itself.
 */
public final class NettyRoutes implements WebRoutes {
  /**
   * What the Netty server itself should accept: more than {@link WebServer#MAX_BODY_BYTES}, so a
   * body between the two gets the examples' own JSON 413 from here, as on the JDK's server; only
   * a body beyond this gets Netty's bare 413.
   */
  public static final int TRANSPORT_MAX_BODY_BYTES = 4 * WebServer.MAX_BODY_BYTES;

  private static final Logger log = LoggerFactory.getLogger(NettyRoutes.class);

  private final NettyServer.Builder server;

  /** Registers routes on {@code server}, which is not built yet. */
  public NettyRoutes(NettyServer.Builder server) {
    this.server = Objects.requireNonNull(server, "server");
  }

  @Override
  public NettyRoutes route(String path, Handler handler) {
    Objects.requireNonNull(handler, "handler");
    server.rest(path, request -> toNetty(answer(handler, request)));
    return this;
  }

  @Override
  public NettyRoutes routeUnder(String pathPrefix, Handler handler) {
    Objects.requireNonNull(handler, "handler");
    server.restUnder(pathPrefix, request -> toNetty(answer(handler, request)));
    return this;
  }

  @Override
  public NettyRoutes page(String path, String resource) {
    return file(path, resource);
  }

  @Override
  public NettyRoutes file(String path, String resource) {
    Objects.requireNonNull(resource, "resource");
    return route(path, request -> StaticResources.load(resource));
  }

  @Override
  public NettyRoutes folder(String pathPrefix, String resourceFolder) {
    if (!pathPrefix.endsWith("/") || !resourceFolder.endsWith("/")) {
      throw new IllegalArgumentException("folder paths end with '/'");
    }
    server.staticResources(pathPrefix, resourceFolder);
    return this;
  }

  /** Runs the handler as {@link WebServer} would: a failure is a JSON 500 without its details. */
  private static Response answer(Handler handler, RestRequest request) {
    if (request.body().length > WebServer.MAX_BODY_BYTES) {
      return WebServer.tooLarge();
    }
    try {
      return handler.handle(new Request(
          request.method(), request.path(), request.query(), request.headers(), request.body()));
    } catch (Exception e) {
      log.warn("request {} {} failed", request.method(), request.path(), e);
      return Response.error(500, "internal error");
    }
  }

  private static RestResponse toNetty(Response response) {
    return new RestResponse(response.status(), response.contentType(), response.body(), response.headers());
  }
}
