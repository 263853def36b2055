package dev.realtime.transport.netty;

import dev.realtime.metrics.RealtimeMetrics;
import dev.realtime.protocol.CloseCodes;
import dev.realtime.transport.ConnectionListener;
import dev.realtime.transport.Endpoint;
import dev.realtime.transport.netty.http.RestHandler;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves WebSocket routes and plain HTTP (static files, small REST endpoints) on one port, using
 * Netty.
 *
 * <pre>{@code
 * NettyServer server = NettyServer.builder()
 *     .port(8080)
 *     .route("/ws", hub)                              // WebSocket, by exact path (query ignored)
 *     .staticResources("/", "web/")                   // class-path folder web/ at the root
 *     .rest("/metrics", request -> RestResponse.plain(200, exposition()))
 *     .build()
 *     .start();                                       // binds, or throws naming the port
 * ...
 * server.stop(Duration.ofSeconds(5));
 * }</pre>
 *
 * <p>A handshake is refused with a real HTTP status before anything is allocated for it: 404 for
 * an unknown path, 503 over a connection limit or while stopping, and whatever the route's {@link
 * ConnectionListener#admit} answers (403 for a foreign origin, 401 for a missing token). The server
 * pings a peer that has been silent for a heartbeat interval and closes one silent for two; closes
 * with 1009 a message (all its fragments together) over the maximum size and with 1007 a text that
 * is not UTF-8; and closes lingering, so the peer reads our close code rather than a reset.
 */
public final class NettyServer {
  private static final Logger log = LoggerFactory.getLogger(NettyServer.class);
  private static final Duration DEFAULT_WRITE_COALESCING = Duration.ofMillis(5);

  private final Settings settings;
  private final ServerState state;
  private final ExecutorService restExecutor;
  private EventLoopGroup group;
  private Channel serverChannel;
  private IoMode io;

  private NettyServer(Builder builder) {
    this.settings = builder.settings();
    this.restExecutor = restExecutor(settings.restThreads());
    this.state = new ServerState(settings, builder.routes, builder.rest, builder.restPrefixes, builder.staticFiles, restExecutor);
  }

  /** Starts configuring a server. */
  public static Builder builder() {
    return new Builder();
  }

  private static ExecutorService restExecutor(int threads) {
    AtomicInteger count = new AtomicInteger();
    return new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(1024),
        runnable -> {
          Thread thread = new Thread(runnable, "realtime-netty-rest-" + count.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
  }

  /** Binds and starts serving; throws an {@link IOException} naming the address if it cannot bind. */
  public synchronized NettyServer start() throws IOException {
    if (group != null) {
      throw new IllegalStateException("already started");
    }
    EventLoops.Io chosen = EventLoops.choose(settings.io());
    group = chosen.newGroup(settings.ioThreads());
    List<EventLoop> loops = new ArrayList<>();
    group.forEach(executor -> loops.add((EventLoop) executor));
    state.loops(loops);
    ChannelFuture bound = new ServerBootstrap()
        .group(group)
        .channel(chosen.serverChannel())
        .option(ChannelOption.SO_BACKLOG, 1024)
        .option(ChannelOption.SO_REUSEADDR, true)
        // No TCP_NODELAY child option: Netty's channel configs set it already on every platform
        // this runs on (canEnableTcpNoDelayByDefault), and the option again is one more setsockopt
        // per accepted connection (ConnectionStateTest checks it is on).
        // One allocator for every channel (each still gets its own handle, 32 bytes with this one):
        // by default each channel's config makes its own.
        .childOption(ChannelOption.RECVBUF_ALLOCATOR, new LeanRecvAllocator())
        .childHandler(new ChannelSetup(state))
        .bind(settings.host(), settings.port())
        .awaitUninterruptibly();
    if (!bound.isSuccess()) {
      group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
      restExecutor.shutdownNow();
      Throwable cause = bound.cause();
      throw new IOException("could not bind " + settings.host() + ":" + settings.port() + ": " + cause.getMessage(), cause);
    }
    serverChannel = bound.channel();
    io = chosen.mode();
    log.info("listening on {}:{} ({}, {} event loops{}); WebSocket routes {}",
        settings.host(), port(), io, settings.ioThreads(), settings.tls().isPresent() ? ", TLS" : "",
        state.routePaths());
    return this;
  }

  /** The port actually bound (useful after binding port 0). */
  public int port() {
    Channel channel = serverChannel;
    if (channel == null) {
      throw new IllegalStateException("not started");
    }
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  /** The I/O implementation in use, once started. */
  public IoMode ioMode() {
    return io;
  }

  /** The number of open WebSocket connections. */
  public int connectionCount() {
    return state.openCount();
  }

  /**
   * Stops gracefully: refuses new connections, closes every WebSocket with 1001 after the messages
   * already queued for it, waits up to {@code timeout} for the peers to answer, then drops what
   * remains and shuts the event loops down.
   */
  public synchronized void stop(Duration timeout) throws InterruptedException {
    if (group == null) {
      return;
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    state.stopping(true);
    serverChannel.close().await(timeout.toMillis());
    eachConnection(connection -> connection.close(CloseCodes.GOING_AWAY, "server shutting down"));
    if (!state.awaitAllClosed(deadline)) {
      log.info("{} connections did not close within {}; dropping them", state.openCount(), timeout);
      eachConnection(connection -> connection.channel().close());
    }
    restExecutor.shutdown();
    restExecutor.awaitTermination(remainingMillis(deadline), TimeUnit.MILLISECONDS);
    restExecutor.shutdownNow();
    group.shutdownGracefully(0, remainingMillis(deadline), TimeUnit.MILLISECONDS).await(remainingMillis(deadline) + 1_000);
    group = null;
  }

  /** Runs {@code action} for every open connection, on its event loop. */
  private void eachConnection(Consumer<NettyConnection> action) {
    for (LoopWork work : state.loopWorks()) {
      try {
        work.loop().execute(() -> work.forEach(handler -> action.accept(handler.connection())));
      } catch (RejectedExecutionException e) {
        log.debug("event loop already stopped: {}", e.toString());
      }
    }
  }

  private static long remainingMillis(long deadlineNanos) {
    return Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
  }

  /** Configures a {@link NettyServer}. */
  public static final class Builder {
    private String host = "0.0.0.0";
    private int port = 8080;
    private IoMode io = IoMode.AUTO;
    private int ioThreads = Math.max(1, Runtime.getRuntime().availableProcessors());
    private int restThreads = 4;
    private Duration heartbeatInterval = Duration.ofSeconds(30);
    private int maxMessageBytes = 64 * 1024;
    private int maxRequestBytes = 64 * 1024;
    private Duration closeTimeout = Duration.ofSeconds(5);
    private Duration handshakeTimeout = Duration.ofSeconds(10);
    private Duration writeCoalescing = DEFAULT_WRITE_COALESCING;
    private int maxConnections = 100_000;
    private int maxConnectionsPerAddress = 100_000;
    private RealtimeMetrics metrics = RealtimeMetrics.noop();
    private Tls tls;
    private Deflate deflate;
    private String contentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self' ws: wss:; media-src 'self' data:; object-src 'none'; "
            + "base-uri 'none'; frame-ancestors 'none'";
    private final Map<String, ConnectionListener> routes = new LinkedHashMap<>();
    private final Map<String, RestHandler> rest = new LinkedHashMap<>();
    private final Map<String, RestHandler> restPrefixes = new LinkedHashMap<>();
    private final List<StaticFiles> staticFiles = new ArrayList<>();

    private Builder() {}

    /** The address to bind (default all interfaces). */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /** The port to bind (default 8080); 0 binds an ephemeral port, see {@link NettyServer#port()}. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port out of range: " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * Serves WebSocket connections whose path is exactly {@code path} (any query string) to {@code
     * endpoint}, usually a hub; {@link Endpoint#listener()} is called once, here.
     */
    public Builder route(String path, Endpoint endpoint) {
      checkPath(path);
      ConnectionListener listener = Objects.requireNonNull(endpoint, "endpoint").listener();
      if (rest.containsKey(path) || routes.putIfAbsent(path, listener) != null) {
        throw new IllegalArgumentException("path already routed: " + path);
      }
      return this;
    }

    /** Answers plain HTTP requests (any method) to exactly {@code path} with {@code handler}. */
    public Builder rest(String path, RestHandler handler) {
      checkPath(path);
      Objects.requireNonNull(handler, "handler");
      if (routes.containsKey(path) || rest.putIfAbsent(path, handler) != null) {
        throw new IllegalArgumentException("path already routed: " + path);
      }
      return this;
    }

    /**
     * Answers plain HTTP requests (any method) to every path under {@code pathPrefix} (which ends
     * in '/') that no exact route takes, with {@code handler}: REST resources with ids in their
     * path ({@code /api/tours/{id}/bookings}). The longest matching prefix wins.
     */
    public Builder restUnder(String pathPrefix, RestHandler handler) {
      checkPath(pathPrefix);
      Objects.requireNonNull(handler, "handler");
      if (!pathPrefix.endsWith("/")) {
        throw new IllegalArgumentException("a prefix ends with '/': " + pathPrefix);
      }
      if (restPrefixes.putIfAbsent(pathPrefix, handler) != null) {
        throw new IllegalArgumentException("prefix already routed: " + pathPrefix);
      }
      return this;
    }

    /**
     * Serves the class-path folder {@code folder} (e.g. {@code "web/"}) under {@code pathPrefix}
     * (e.g. {@code "/"}; both end in '/'); the prefix itself serves {@code index.html}.
     */
    public Builder staticResources(String pathPrefix, String folder) {
      checkPath(pathPrefix);
      Objects.requireNonNull(folder, "folder");
      if (!pathPrefix.endsWith("/") || !(folder.isEmpty() || folder.endsWith("/")) || folder.startsWith("/")) {
        throw new IllegalArgumentException("a prefix and a folder end with '/'; the folder is relative");
      }
      ClassLoader loader = Optional.ofNullable(Thread.currentThread().getContextClassLoader())
          .orElse(NettyServer.class.getClassLoader());
      staticFiles.add(new StaticFiles(pathPrefix, folder, loader));
      return this;
    }

    /** Which I/O implementation to use (default {@link IoMode#AUTO}). */
    public Builder io(IoMode mode) {
      this.io = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /** Event-loop threads, which read, write and run listeners (default: one per core). */
    public Builder ioThreads(int threads) {
      this.ioThreads = atLeastOne(threads, "ioThreads");
      return this;
    }

    /** Threads that run REST handlers and read static files (default 4). */
    public Builder restThreads(int threads) {
      this.restThreads = atLeastOne(threads, "restThreads");
      return this;
    }

    /** How long a peer may be silent before it is pinged (default 30 s); zero disables. */
    public Builder heartbeatInterval(Duration interval) {
      Objects.requireNonNull(interval, "interval");
      if (interval.isNegative()) {
        throw new IllegalArgumentException("heartbeat interval must not be negative");
      }
      this.heartbeatInterval = interval;
      return this;
    }

    /** The largest inbound message, all fragments together (default 64 KiB); larger closes with 1009. */
    public Builder maxMessageBytes(int bytes) {
      this.maxMessageBytes = atLeastOne(bytes, "maxMessageBytes");
      return this;
    }

    /** The largest HTTP request body (default 64 KiB); larger answers 413. */
    public Builder maxRequestBytes(int bytes) {
      this.maxRequestBytes = atLeastOne(bytes, "maxRequestBytes");
      return this;
    }

    /** How long a peer we close gets to answer before its socket is dropped (default 5 s). */
    public Builder closeTimeout(Duration timeout) {
      this.closeTimeout = positive(timeout, "closeTimeout");
      return this;
    }

    /** How long a new TCP connection may take to send a complete request (default 10 s). */
    public Builder handshakeTimeout(Duration timeout) {
      this.handshakeTimeout = positive(timeout, "handshakeTimeout");
      return this;
    }

    /**
     * The least time between two flushes of one busy event loop's connections (default 5 ms; zero
     * flushes every burst at once). A loop is busy after a flush that wrote to 16 connections or
     * more (a fan-out); after a smaller one, or a quiet spell, the next message is written at once,
     * so request and answer traffic never waits. Under a steady fan-out each connection's frames of
     * one interval go out in one system call, which is what lets a loop keep up with hundreds of
     * thousands of deliveries a second, at the price of at most this much latency.
     */
    public Builder writeCoalescing(Duration interval) {
      Objects.requireNonNull(interval, "interval");
      if (interval.isNegative()) {
        throw new IllegalArgumentException("write coalescing must not be negative");
      }
      this.writeCoalescing = interval;
      return this;
    }

    /** Open WebSocket connections beyond which handshakes are answered 503 (default 100,000). */
    public Builder maxConnections(int connections) {
      this.maxConnections = atLeastOne(connections, "maxConnections");
      return this;
    }

    /** Open WebSocket connections per remote IP address beyond which 503 (default 100,000). */
    public Builder maxConnectionsPerAddress(int connections) {
      this.maxConnectionsPerAddress = atLeastOne(connections, "maxConnectionsPerAddress");
      return this;
    }

    /** Where the server reports refused handshakes (default: nowhere). */
    public Builder metrics(RealtimeMetrics metrics) {
      this.metrics = Objects.requireNonNull(metrics, "metrics");
      return this;
    }

    /** Serves {@code wss://} and {@code https://} with this certificate (default plain text). */
    public Builder tls(Tls tls) {
      this.tls = Objects.requireNonNull(tls, "tls");
      return this;
    }

    /** Offers permessage-deflate with these settings (default: not offered). */
    public Builder deflate(Deflate deflate) {
      this.deflate = Objects.requireNonNull(deflate, "deflate");
      return this;
    }

    /** The {@code Content-Security-Policy} sent with HTTP responses (default: same origin only). */
    public Builder contentSecurityPolicy(String policy) {
      this.contentSecurityPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** Builds the server; call {@link NettyServer#start()} to bind. */
    public NettyServer build() {
      if (routes.isEmpty() && rest.isEmpty() && staticFiles.isEmpty()) {
        throw new IllegalStateException("route at least one path");
      }
      return new NettyServer(this);
    }

    Settings settings() {
      return new Settings(host, port, io, ioThreads, restThreads, heartbeatInterval, maxMessageBytes,
          maxRequestBytes, closeTimeout, handshakeTimeout, writeCoalescing, maxConnections, maxConnectionsPerAddress, metrics,
          Optional.ofNullable(tls), Optional.ofNullable(deflate), contentSecurityPolicy);
    }

    private static void checkPath(String path) {
      Objects.requireNonNull(path, "path");
      if (!path.startsWith("/") || path.contains("?")) {
        throw new IllegalArgumentException("a path starts with '/' and has no query: " + path);
      }
    }

    private static int atLeastOne(int value, String name) {
      if (value < 1) {
        throw new IllegalArgumentException(name + " must be at least 1");
      }
      return value;
    }

    private static Duration positive(Duration duration, String name) {
      Objects.requireNonNull(duration, name);
      if (duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException(name + " must be positive");
      }
      return duration;
    }
  }
}
