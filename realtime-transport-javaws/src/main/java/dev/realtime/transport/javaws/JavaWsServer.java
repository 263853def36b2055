package dev.realtime.transport.javaws;

import dev.realtime.metrics.RealtimeMetrics;
import dev.realtime.protocol.CloseCodes;
import dev.realtime.transport.ConnectionListener;
import dev.realtime.transport.Endpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.enums.ReadyState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one or more hubs over WebSocket on one port, using Java-WebSocket.
 *
 * <pre>{@code
 * JavaWsServer server = JavaWsServer.builder().port(8081).route("/ws", hub).build();
 * server.start();           // binds, or throws if the port cannot be bound
 * ...
 * server.stop(Duration.ofSeconds(5));
 * }</pre>
 *
 * <p>Each route maps a request path to the endpoint (usually a {@code Hub}) that gets its
 * connections; an unknown path is refused at the handshake, and so is one the endpoint's listener
 * does not {@code admit} (Java-WebSocket can only answer such a refusal with 404). The server pings every client at the
 * heartbeat interval and closes one that has not answered within 1.5 intervals; it closes with
 * 1009 a message larger than the maximum size; and it measures its outbound queues so the hub's
 * slow-consumer policy works.
 */
public final class JavaWsServer {
  private static final Logger log = LoggerFactory.getLogger(JavaWsServer.class);
  /** How often sockets with queued frames are checked for a lost write wakeup. */
  private static final long SWEEP_MILLIS = 10;

  private final Settings settings;
  private final Map<String, ConnectionListener> routes;
  private final ScheduledExecutorService timers;
  private final Engine engine;
  private final Lingerer lingerer;
  private final Queue<JavaWsConnection> writing = new ConcurrentLinkedQueue<>();

  private JavaWsServer(Builder builder) {
    this.settings = builder.settings();
    this.routes = Map.copyOf(builder.routes);
    this.timers =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "realtime-javaws-timer");
              thread.setDaemon(true);
              return thread;
            });
    this.engine = new Engine(this, settings, routes);
    try {
      this.lingerer = new Lingerer(settings.closeTimeout());
    } catch (IOException e) {
      timers.shutdownNow();
      throw new UncheckedIOException("could not open a selector", e);
    }
    timers.scheduleWithFixedDelay(this::sweepWrites, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
  }

  /** Starts configuring a server. */
  public static Builder builder() {
    return new Builder();
  }

  /** Binds and starts serving; throws if the address cannot be bound. */
  public JavaWsServer start() throws IOException {
    engine.start();
    try {
      engine.awaitStarted(settings.startTimeout());
    } catch (IOException e) {
      timers.shutdownNow();
      lingerer.close();
      throw e;
    }
    log.info("WebSocket server listening on {}:{} for {}", settings.host(), port(), routes.keySet());
    return this;
  }

  /** The port actually bound (useful after binding port 0). */
  public int port() {
    return engine.getPort();
  }

  /** The number of open connections. */
  public int connectionCount() {
    return engine.openConnections();
  }

  /**
   * Stops gracefully: refuses new connections, closes every client with 1001 after its queued
   * messages, waits up to {@code timeout} for them to close, then drops what remains.
   */
  public void stop(Duration timeout) throws InterruptedException {
    try {
      engine.shutdown(timeout);
    } finally {
      timers.shutdownNow();
      lingerer.close();
    }
  }

  /** Closes a dropped socket lingering, so the peer reads our close frame rather than a reset. */
  void linger(SocketChannel channel) {
    lingerer.linger(channel);
  }

  /** Watches a connection that just queued frames until its queue drains (see {@link #sweepWrites}). */
  void watchWrites(JavaWsConnection connection) {
    writing.add(connection);
  }

  /**
   * Every few milliseconds: re-arms the write interest of sockets that hold queued frames but are
   * not registered for writing (Java-WebSocket 1.6.0's lost wakeup, see {@link
   * JavaWsConnection#rearmIfStalled}), bounding that delay to the sweep period.
   */
  private void sweepWrites() {
    for (int i = writing.size(); i > 0; i--) {
      JavaWsConnection connection = writing.poll();
      if (connection == null) {
        return;
      }
      if (connection.rearmIfStalled()) {
        writing.add(connection);
      }
    }
  }

  /**
   * Hands the library a peer's end of stream once the bytes read before it have been decoded
   * (polling the socket's inbound queue), so a close frame followed at once by a FIN is heard as
   * the peer's code rather than 1006.
   */
  void deliverEndOfStream(org.java_websocket.WebSocketImpl socket) {
    schedule(() -> {
      if (socket.inQueue.isEmpty()) {
        // one more tick: the worker may still be decoding the last buffer it took
        schedule(() -> {
          if (socket.inQueue.isEmpty()) {
            socket.eot();
          } else {
            deliverEndOfStream(socket);
          }
        }, Duration.ofMillis(5));
      } else {
        deliverEndOfStream(socket);
      }
    }, Duration.ofMillis(5));
  }

  /** Closes a TCP connection that has not completed its handshake in time (slow-loris). */
  void scheduleHandshakeDeadline(WebSocketImpl socket) {
    schedule(() -> {
      if (socket.getReadyState() == ReadyState.NOT_YET_CONNECTED) {
        log.debug("handshake from {} timed out", socket.getRemoteSocketAddress());
        settings.metrics().handshakeRejected();
        socket.closeConnection(CloseCodes.POLICY_VIOLATION, "handshake timeout");
      }
    }, settings.handshakeTimeout());
  }

  private void schedule(Runnable task, Duration delay) {
    if (timers.isShutdown()) {
      return;
    }
    try {
      timers.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // shutting down: the engine drops every connection anyway
    }
  }

  void scheduleHardClose(JavaWsConnection connection) {
    if (timers.isShutdown()) {
      return;
    }
    try {
      timers.schedule(
          () -> {
            if (!connection.isClosed()) {
              log.debug("{} did not complete the close handshake; dropping it", connection);
              connection.closeNow();
            }
          },
          settings.closeTimeout().toMillis(),
          TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // shutting down: the engine drops every connection anyway
    }
  }

  /**
   * The server's tunables.
   *
   * @param host the address to bind
   * @param port the port to bind, 0 for an ephemeral one
   * @param decoderThreads threads that decode frames and run handlers
   * @param tcpNoDelay whether to disable Nagle's algorithm
   * @param reuseAddress whether to set SO_REUSEADDR
   * @param heartbeatInterval how often to ping clients; zero disables pings
   * @param maxMessageBytes the largest inbound message accepted; larger closes with 1009
   * @param closeTimeout how long a closing peer gets to answer before the socket is dropped
   * @param startTimeout how long {@code start} waits for the port to bind
   * @param metrics where handshake rejections are reported
   * @param maxConnections open connections beyond which new ones are closed with 1013
   * @param maxConnectionsPerAddress the same, per remote IP address
   * @param handshakeTimeout how long a new TCP connection may take to complete its handshake
   */
  record Settings(
      String host,
      int port,
      int decoderThreads,
      boolean tcpNoDelay,
      boolean reuseAddress,
      Duration heartbeatInterval,
      int maxMessageBytes,
      Duration closeTimeout,
      Duration startTimeout,
      RealtimeMetrics metrics,
      int maxConnections,
      int maxConnectionsPerAddress,
      Duration handshakeTimeout) {}

  /** Configures a {@link JavaWsServer}. */
  public static final class Builder {
    private String host = "0.0.0.0";
    private int port = 8081;
    private int decoderThreads = Math.max(1, Runtime.getRuntime().availableProcessors());
    private boolean tcpNoDelay = true;
    private boolean reuseAddress = true;
    private Duration heartbeatInterval = Duration.ofSeconds(30);
    private int maxMessageBytes = 64 * 1024;
    private Duration closeTimeout = Duration.ofSeconds(5);
    private Duration startTimeout = Duration.ofSeconds(10);
    private RealtimeMetrics metrics = RealtimeMetrics.noop();
    private int maxConnections = 100_000;
    private int maxConnectionsPerAddress = 100_000;
    private Duration handshakeTimeout = Duration.ofSeconds(10);
    private final Map<String, ConnectionListener> routes = new LinkedHashMap<>();

    private Builder() {}

    /** The address to bind (default all interfaces). */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /** The port to bind (default 8081); 0 binds an ephemeral port, see {@link #port()}. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port out of range: " + port);
      }
      this.port = port;
      return this;
    }

    /** Serves connections whose request path is {@code path} to {@code endpoint} (a hub). */
    public Builder route(String path, Endpoint endpoint) {
      Objects.requireNonNull(path, "path");
      ConnectionListener listener = Objects.requireNonNull(endpoint, "endpoint").listener();
      if (!path.startsWith("/")) {
        throw new IllegalArgumentException("path must start with '/': " + path);
      }
      if (routes.putIfAbsent(path, listener) != null) {
        throw new IllegalArgumentException("path already routed: " + path);
      }
      return this;
    }

    /** Threads that decode frames and run handlers (default: one per core). */
    public Builder decoderThreads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("decoderThreads must be at least 1");
      }
      this.decoderThreads = threads;
      return this;
    }

    /** Whether to disable Nagle's algorithm (default true: real-time traffic wants low latency). */
    public Builder tcpNoDelay(boolean enabled) {
      this.tcpNoDelay = enabled;
      return this;
    }

    /** Whether to set SO_REUSEADDR so a restarted server can bind at once (default true). */
    public Builder reuseAddress(boolean enabled) {
      this.reuseAddress = enabled;
      return this;
    }

    /** How often to ping (default 30 s, whole seconds); a silent peer is closed within two. */
    public Builder heartbeatInterval(Duration interval) {
      Objects.requireNonNull(interval, "interval");
      if (interval.isNegative() || (!interval.isZero() && interval.toSeconds() < 1)) {
        throw new IllegalArgumentException("heartbeat interval must be zero or at least 1 s");
      }
      this.heartbeatInterval = interval;
      return this;
    }

    /** The largest inbound message in bytes (default 64 KiB); larger closes with 1009. */
    public Builder maxMessageBytes(int bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("maxMessageBytes must be positive");
      }
      this.maxMessageBytes = bytes;
      return this;
    }

    /** How long a peer we close gets to answer before its socket is dropped (default 5 s). */
    public Builder closeTimeout(Duration timeout) {
      this.closeTimeout = positive(timeout, "closeTimeout");
      return this;
    }

    /** Where the server reports refused handshakes (default: nowhere). */
    public Builder metrics(RealtimeMetrics metrics) {
      this.metrics = Objects.requireNonNull(metrics, "metrics");
      return this;
    }

    /** Open connections beyond which new ones are closed with 1013 (default 100,000). */
    public Builder maxConnections(int connections) {
      this.maxConnections = atLeastOne(connections, "maxConnections");
      return this;
    }

    /** Open connections per remote IP address beyond which new ones get 1013 (default 100,000). */
    public Builder maxConnectionsPerAddress(int connections) {
      this.maxConnectionsPerAddress = atLeastOne(connections, "maxConnectionsPerAddress");
      return this;
    }

    /** How long a new TCP connection may take to complete its WebSocket handshake (default 10 s). */
    public Builder handshakeTimeout(Duration timeout) {
      this.handshakeTimeout = positive(timeout, "handshakeTimeout");
      return this;
    }

    /** Builds the server; call {@link JavaWsServer#start()} to bind. */
    public JavaWsServer build() {
      if (routes.isEmpty()) {
        throw new IllegalStateException("route at least one path");
      }
      return new JavaWsServer(this);
    }

    Settings settings() {
      return new Settings(
          host,
          port,
          decoderThreads,
          tcpNoDelay,
          reuseAddress,
          heartbeatInterval,
          maxMessageBytes,
          closeTimeout,
          startTimeout,
          metrics,
          maxConnections,
          maxConnectionsPerAddress,
          handshakeTimeout);
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

  static InetSocketAddress address(Settings settings) {
    return new InetSocketAddress(settings.host(), settings.port());
  }
}
