package dev.realtime.examples.server;

import dev.realtime.examples.http.NettyRoutes;
import dev.realtime.examples.http.SecurityHeaders;
import dev.realtime.examples.http.WebRoutes;
import dev.realtime.metrics.RealtimeMetrics;
import dev.realtime.transport.Endpoint;
import dev.realtime.transport.netty.Deflate;
import dev.realtime.transport.netty.IoMode;
import dev.realtime.transport.netty.NettyServer;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/** Page, static files, REST and WebSocket on one Netty port. */
final class NettyLayout implements Layout {
  private final String host;
  private final int port;
  private final IoMode io;
  private final NettyServer.Builder builder;
  private final NettyRoutes web;
  private NettyServer server;

  NettyLayout(String host, int port, IoMode io, RealtimeMetrics metrics) {
    this.host = host;
    this.port = port;
    this.io = io;
    this.builder = NettyServer.builder().host(host).port(port).io(io).metrics(metrics)
        .maxRequestBytes(NettyRoutes.TRANSPORT_MAX_BODY_BYTES)
        .contentSecurityPolicy(SecurityHeaders.CONTENT_SECURITY_POLICY);
    this.web = new NettyRoutes(builder);
  }

  @Override
  public Transport transport() {
    return Transport.NETTY;
  }

  @Override
  public WebRoutes web() {
    return web;
  }

  @Override
  public void route(String path, Endpoint endpoint) {
    builder.route(path, endpoint);
  }

  @Override
  public void maxMessageBytes(int bytes) {
    builder.maxMessageBytes(bytes);
  }

  @Override
  public boolean offerDeflate() {
    builder.deflate(Deflate.withoutContextTakeover());
    return true;
  }

  @Override
  public void heartbeatInterval(Duration interval) {
    builder.heartbeatInterval(interval);
  }

  @Override
  public synchronized void start() throws CannotListenException {
    if (server != null) {
      throw new IllegalStateException("already started");
    }
    try {
      server = builder.build().start();
    } catch (IOException e) {
      throw new CannotListenException(host, port, "--port", e);
    } catch (UnsatisfiedLinkError e) {
      // Netty's ensureAvailability() for an explicit epoll or io_uring that cannot load or run here
      throw new CannotRunIoException(io, e);
    }
  }

  @Override
  public synchronized Optional<IoMode> ioMode() {
    return server == null ? Optional.empty() : Optional.of(server.ioMode());
  }

  @Override
  public boolean onePort() {
    return true;
  }

  @Override
  public synchronized int pagePort() {
    if (server == null) {
      throw new IllegalStateException("not started");
    }
    return server.port();
  }

  @Override
  public int webSocketPort() {
    return pagePort();
  }

  @Override
  public synchronized void stop(Duration timeout) throws InterruptedException {
    NettyServer running = server;
    if (running != null) {
      running.stop(timeout);
    }
  }
}
