package dev.realtime.examples.server;

import dev.realtime.examples.http.WebRoutes;
import dev.realtime.examples.http.WebServer;
import dev.realtime.metrics.RealtimeMetrics;
import dev.realtime.transport.Endpoint;
import dev.realtime.transport.javaws.JavaWsServer;
import java.io.IOException;
import java.time.Duration;

/**
 * Two ports: Java-WebSocket cannot answer plain HTTP, so the JDK's server serves pages and REST on
 * one port and Java-WebSocket the WebSockets on another.
 */
final class JavaWsLayout implements Layout {
  private final String host;
  private final int wsPort;
  private final WebServer web;
  private final JavaWsServer.Builder builder;
  private JavaWsServer webSocket;
  private boolean stopped;

  JavaWsLayout(String host, int httpPort, int wsPort, RealtimeMetrics metrics) throws CannotListenException {
    this.host = host;
    this.wsPort = wsPort;
    try {
      this.web = new WebServer(host, httpPort);
    } catch (IOException e) {
      throw new CannotListenException(host, httpPort, "--http-port", e);
    }
    this.builder = JavaWsServer.builder().host(host).port(wsPort).metrics(metrics);
  }

  @Override
  public Transport transport() {
    return Transport.JAVAWS;
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
    return false;
  }

  @Override
  public void heartbeatInterval(Duration interval) {
    builder.heartbeatInterval(interval);
  }

  @Override
  public synchronized void start() throws CannotListenException {
    if (webSocket != null || stopped) {
      throw new IllegalStateException("already started");
    }
    try {
      webSocket = builder.build().start();
    } catch (IOException e) {
      throw new CannotListenException(host, wsPort, "--ws-port", e);
    }
    web.start();
  }

  @Override
  public boolean onePort() {
    return false;
  }

  @Override
  public int pagePort() {
    return web.port();
  }

  @Override
  public synchronized int webSocketPort() {
    if (webSocket == null) {
      throw new IllegalStateException("not started");
    }
    return webSocket.port();
  }

  @Override
  public synchronized void stop(Duration timeout) throws InterruptedException {
    if (stopped) {
      return;
    }
    stopped = true;
    try {
      if (webSocket != null) {
        webSocket.stop(timeout);
      }
    } finally {
      // The JDK's server is bound from construction on, started or not: always release its port.
      web.stop();
    }
  }
}
