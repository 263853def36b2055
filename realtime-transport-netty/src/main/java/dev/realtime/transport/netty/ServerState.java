package dev.realtime.transport.netty;

import dev.realtime.transport.ConnectionListener;
import dev.realtime.transport.netty.http.RestHandler;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import java.net.InetAddress;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** What every channel of one server shares: settings, routes, limits and the open connections. */
final class ServerState {
  private final Settings settings;
  private final Map<String, ConnectionListener> routes;
  private final Map<String, RestHandler> rest;
  private final List<Map.Entry<String, RestHandler>> restPrefixes;
  private final List<StaticFiles> staticFiles;
  private final Limits limits;
  private final ExecutorService restExecutor;
  private final WebSocketDecoderConfig decoderConfig;
  private final Set<NettyConnection> open = ConcurrentHashMap.newKeySet();
  private final AtomicLong ids = new AtomicLong();
  private final Object closedSignal = new Object();
  private volatile boolean stopping;

  ServerState(
      Settings settings,
      Map<String, ConnectionListener> routes,
      Map<String, RestHandler> rest,
      Map<String, RestHandler> restPrefixes,
      List<StaticFiles> staticFiles,
      ExecutorService restExecutor) {
    this.settings = settings;
    this.routes = Map.copyOf(routes);
    this.rest = Map.copyOf(rest);
    // Longest first, so a more specific prefix wins.
    this.restPrefixes = restPrefixes.entrySet().stream()
        .sorted(Comparator.comparingInt((Map.Entry<String, RestHandler> e) -> e.getKey().length()).reversed())
        .map(entry -> Map.entry(entry.getKey(), entry.getValue()))
        .toList();
    this.staticFiles = List.copyOf(staticFiles);
    this.restExecutor = restExecutor;
    this.limits = new Limits(settings.maxConnections(), settings.maxConnectionsPerAddress());
    this.decoderConfig = WebSocketDecoderConfig.newBuilder()
        .maxFramePayloadLength(settings.maxMessageBytes())
        .allowExtensions(settings.deflate().isPresent())
        .expectMaskedFrames(true)
        .allowMaskMismatch(false)
        // Our FrameHandler sends the close frame and lingers; the decoder only reports.
        .closeOnProtocolViolation(false)
        .withUTF8Validator(false)
        .build();
  }

  Settings settings() {
    return settings;
  }

  Set<String> routePaths() {
    return routes.keySet();
  }

  ConnectionListener route(String path) {
    return routes.get(path);
  }

  /** The handler of exactly {@code path}, else of the longest prefix of it, else null. */
  RestHandler rest(String path) {
    RestHandler exact = rest.get(path);
    if (exact != null) {
      return exact;
    }
    for (Map.Entry<String, RestHandler> prefix : restPrefixes) {
      if (path.startsWith(prefix.getKey())) {
        return prefix.getValue();
      }
    }
    return null;
  }

  Optional<StaticFiles> staticFiles(String path) {
    return staticFiles.stream().filter(files -> files.matches(path)).findFirst();
  }

  Limits limits() {
    return limits;
  }

  ExecutorService restExecutor() {
    return restExecutor;
  }

  WebSocketDecoderConfig decoderConfig() {
    return decoderConfig;
  }

  String nextId() {
    return "netty-" + ids.incrementAndGet();
  }

  boolean stopping() {
    return stopping;
  }

  void stopping(boolean value) {
    stopping = value;
  }

  void opened(NettyConnection connection) {
    open.add(connection);
  }

  void removed(NettyConnection connection, InetAddress address) {
    if (open.remove(connection)) {
      limits.release(address);
    }
    synchronized (closedSignal) {
      closedSignal.notifyAll();
    }
  }

  Set<NettyConnection> open() {
    return open;
  }

  /** Waits until every connection has closed or the deadline ({@link System#nanoTime}) passed. */
  boolean awaitAllClosed(long deadlineNanos) throws InterruptedException {
    synchronized (closedSignal) {
      long remaining;
      while (!open.isEmpty() && (remaining = deadlineNanos - System.nanoTime()) > 0) {
        TimeUnit.NANOSECONDS.timedWait(closedSignal, remaining);
      }
      return open.isEmpty();
    }
  }
}
