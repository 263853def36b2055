package dev.realtime.transport.netty;

import dev.realtime.transport.ConnectionListener;
import dev.realtime.transport.netty.http.RestHandler;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * What every channel of one server shares: settings, routes, limits, each event loop's {@link
 * LoopWork} (which also keeps that loop's open connections) and their count.
 */
final class ServerState {
  private final Settings settings;
  private final Map<String, ConnectionListener> routes;
  private final Map<String, RestHandler> rest;
  private final List<Map.Entry<String, RestHandler>> restPrefixes;
  private final List<StaticFiles> staticFiles;
  private final Limits limits;
  private final ExecutorService restExecutor;
  private final WebSocketDecoderConfig decoderConfig;
  private final AtomicInteger open = new AtomicInteger();
  private volatile Map<EventLoop, LoopWork> loops = Map.of();
  private final AtomicLong ids = new AtomicLong();
  private final HeaderValues headerValues = new HeaderValues();
  private final Object closedSignal = new Object();
  private final Consumer<NettyConnection> onRemoved = this::removed;
  private final int ticksPerInterval;
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
    Duration tick = heartbeatTick(settings.heartbeatInterval());
    this.ticksPerInterval =
        tick.isZero() ? 0 : (int) Math.max(1, settings.heartbeatInterval().toMillis() / tick.toMillis());
  }

  Settings settings() {
    return settings;
  }

  /** The repeated handshake header values every open connection's handshake shares. */
  HeaderValues headerValues() {
    return headerValues;
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

  long nextId() {
    return ids.incrementAndGet();
  }

  boolean stopping() {
    return stopping;
  }

  void stopping(boolean value) {
    stopping = value;
  }

  /** Once, when the event loops exist: one {@link LoopWork} each, sweeping heartbeats if on. */
  void loops(Iterable<EventLoop> eventLoops) {
    Map<EventLoop, LoopWork> works = new IdentityHashMap<>();
    Duration tick = heartbeatTick(settings.heartbeatInterval());
    for (EventLoop loop : eventLoops) {
      LoopWork work = new LoopWork(this, loop, settings.writeCoalescing());
      if (!tick.isZero()) {
        work.startHeartbeats(tick);
      }
      works.put(loop, work);
    }
    loops = works;
  }

  LoopWork loopWork(EventLoop loop) {
    LoopWork work = loops.get(loop);
    if (work == null) {
      throw new IllegalStateException("not one of this server's event loops: " + loop);
    }
    return work;
  }

  Collection<LoopWork> loopWorks() {
    return loops.values();
  }

  /** A quarter of the interval, within 10 ms and 1 s: the heartbeat's precision; zero when off. */
  static Duration heartbeatTick(Duration interval) {
    if (interval.isZero()) {
      return Duration.ZERO;
    }
    long millis = Math.min(1_000, Math.max(10, interval.toMillis() / 4));
    return Duration.ofMillis(millis);
  }

  /** Sweep ticks per heartbeat interval; 0 when heartbeats are off. */
  int ticksPerInterval() {
    return ticksPerInterval;
  }

  void opened(NettyConnection connection) {
    open.incrementAndGet();
  }

  /** What every connection's frame handler calls once it is gone: one instance for all of them. */
  Consumer<NettyConnection> onRemoved() {
    return onRemoved;
  }

  private void removed(NettyConnection connection) {
    // The channel caches the address Upgrade read to acquire the limit, so this is the same one.
    // The slot first: once the count says the connection is gone, a new one from its address fits.
    limits.release(((InetSocketAddress) connection.channel().remoteAddress()).getAddress());
    open.decrementAndGet();
    synchronized (closedSignal) {
      closedSignal.notifyAll();
    }
  }

  /** Open WebSocket connections (upgraded, not yet closed). */
  int openCount() {
    return open.get();
  }

  /** Waits until every connection has closed or the deadline ({@link System#nanoTime}) passed. */
  boolean awaitAllClosed(long deadlineNanos) throws InterruptedException {
    synchronized (closedSignal) {
      long remaining;
      while (open.get() > 0 && (remaining = deadlineNanos - System.nanoTime()) > 0) {
        TimeUnit.NANOSECONDS.timedWait(closedSignal, remaining);
      }
      return open.get() == 0;
    }
  }
}
