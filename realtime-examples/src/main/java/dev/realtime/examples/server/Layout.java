package dev.realtime.examples.server;

import dev.realtime.examples.http.WebRoutes;
import dev.realtime.metrics.RealtimeMetrics;
import dev.realtime.transport.netty.IoMode;
import java.time.Duration;
import java.util.Optional;

/**
 * How an example is served: everything on one Netty port, or pages and REST on the JDK's HTTP
 * server beside Java-WebSocket's port. An example registers its pages ({@link #web()}) and
 * WebSocket routes once, before {@link #start()}, and runs unchanged on either.
 */
public interface Layout extends WebSockets {

  /**
   * A layout, not yet serving. {@code port} is used by {@link Transport#NETTY}, {@code httpPort}
   * and {@code wsPort} by {@link Transport#JAVAWS} (0 for ephemeral ports), as is {@code io}, the
   * Netty I/O implementation; the JDK's HTTP server binds here already, so its port is known at once.
   */
  static Layout create(
      Transport transport, IoMode io, String host, int port, int httpPort, int wsPort, RealtimeMetrics metrics)
      throws CannotListenException {
    return switch (transport) {
      case NETTY -> new NettyLayout(host, port, io, metrics);
      case JAVAWS -> new JavaWsLayout(host, httpPort, wsPort, metrics);
    };
  }

  /** The transport. */
  Transport transport();

  /** Where pages, static files and REST are registered. */
  WebRoutes web();

  /**
   * Binds every port still unbound and starts serving; on failure nothing is left listening. An I/O
   * implementation that cannot run here throws {@link CannotRunIoException}.
   */
  void start() throws CannotListenException;

  /** The Netty I/O implementation actually running, once started; empty on other transports. */
  default Optional<IoMode> ioMode() {
    return Optional.empty();
  }

  /** Whether pages and WebSockets share one port (so pages connect to their own origin). */
  boolean onePort();

  /** The port of pages and REST, once started. */
  int pagePort();

  /** The port of WebSockets, once started (the page port on the one-port layout). */
  int webSocketPort();

  /**
   * Stops gracefully: WebSocket clients get 1001 after their queued messages (waiting up to
   * {@code timeout}), then HTTP stops. Safe to call on a layout that never started or already stopped.
   */
  void stop(Duration timeout) throws InterruptedException;
}
