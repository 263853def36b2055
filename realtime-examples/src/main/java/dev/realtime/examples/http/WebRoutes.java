package dev.realtime.examples.http;

/**
 * Where an example registers its pages and REST handlers, whichever server serves them: the
 * Netty transport's own port ({@link NettyRoutes}) or the JDK's server beside Java-WebSocket
 * ({@link WebServer}). Exact paths win over folders; a path may be registered once.
 */
public interface WebRoutes {

  /** Answers every request to exactly {@code path} (any method) with {@code handler}: REST. */
  WebRoutes route(String path, Handler handler);

  /**
   * Answers every request under {@code pathPrefix} (ending in '/') that no exact route takes, with
   * {@code handler}: REST resources with ids in their path. The longest matching prefix wins.
   */
  WebRoutes routeUnder(String pathPrefix, Handler handler);

  /** Serves the class-path HTML page {@code resource} at exactly {@code path}. */
  WebRoutes page(String path, String resource);

  /** Serves one class-path file (a script, a stylesheet) at exactly {@code path}. */
  WebRoutes file(String path, String resource);

  /** Serves the class-path folder {@code resourceFolder} under {@code pathPrefix}; both end in '/'. */
  WebRoutes folder(String pathPrefix, String resourceFolder);
}
