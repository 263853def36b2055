package dev.realtime.testing.junit;

import java.net.URI;
import java.util.Objects;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts a server before tests and stops it after them, and tells the tests where it listens.
 *
 * <p>The server is anything a {@link Starter} returns that has a port and a way to stop: an
 * example, a transport serving hubs, a stand-in. The starter should bind {@code 127.0.0.1} (or
 * every address) on port 0, so parallel builds never collide; the URLs name {@code 127.0.0.1}.
 *
 * <p>Register it with {@code @RegisterExtension}. On a {@code static} field one server serves every
 * test of the class (started before the first, stopped after the last); on an instance field every
 * test gets a fresh one, which is what tests that count connections or stop the server need.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final ServerExtension<JavaWsServer> server = ServerExtension.of(
 *     () -> JavaWsServer.builder().host("127.0.0.1").port(0).route("/ws", hub).build().start(),
 *     JavaWsServer::port,
 *     running -> running.stop(Duration.ofSeconds(5)));
 * ...
 * WsTestClient.connect(server.port(), "/ws");   // or server.wsUri("/ws")
 * }</pre>
 *
 * @param <S> the server's type, as the starter returns it
 */
public final class ServerExtension<S>
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

  /** Starts the server; it may throw, which fails the tests it was for. */
  @FunctionalInterface
  public interface Starter<S> {
    /** Starts a server and returns it once it accepts connections. */
    S start() throws Exception;
  }

  /** Stops a server the starter returned. */
  @FunctionalInterface
  public interface Stopper<S> {
    /** Stops {@code server} and releases its port. */
    void stop(S server) throws Exception;
  }

  private static final String HOST = "127.0.0.1";

  private final Starter<S> starter;
  private final ToIntFunction<S> port;
  private final ToIntFunction<S> webSocketPort;
  private final Stopper<S> stopper;
  private final Object lock = new Object();
  private S server;
  /** The class that started a per-class server (nested classes share it); null per test. */
  private String owner;

  private ServerExtension(
      Starter<S> starter, ToIntFunction<S> port, ToIntFunction<S> webSocketPort, Stopper<S> stopper) {
    this.starter = Objects.requireNonNull(starter, "starter");
    this.port = Objects.requireNonNull(port, "port");
    this.webSocketPort = Objects.requireNonNull(webSocketPort, "webSocketPort");
    this.stopper = Objects.requireNonNull(stopper, "stopper");
  }

  /** A server stopped by its own {@code close()}; WebSockets on the same port as HTTP. */
  public static <S extends AutoCloseable> ServerExtension<S> of(
      Starter<S> starter, ToIntFunction<S> port) {
    return new ServerExtension<>(starter, port, port, AutoCloseable::close);
  }

  /** A server stopped by {@code stopper}; WebSockets on the same port as HTTP. */
  public static <S> ServerExtension<S> of(
      Starter<S> starter, ToIntFunction<S> port, Stopper<S> stopper) {
    return new ServerExtension<>(starter, port, port, stopper);
  }

  /**
   * The same extension for a server whose WebSockets listen on another port than its HTTP (the
   * examples serve pages from one port and WebSockets from a second).
   */
  public ServerExtension<S> withWebSocketPort(ToIntFunction<S> webSocketPort) {
    return new ServerExtension<>(starter, port, webSocketPort, stopper);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    synchronized (lock) {
      if (owner == null) {
        owner = context.getUniqueId();
        start();
      }
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    synchronized (lock) {
      if (owner == null) {
        start();
      }
    }
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    boolean perTest;
    synchronized (lock) {
      perTest = owner == null;
    }
    if (perTest) {
      stop();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    boolean started;
    synchronized (lock) {
      started = context.getUniqueId().equals(owner);
      if (started) {
        owner = null;
      }
    }
    if (started) {
      stop();
    }
  }

  private void start() throws Exception {
    if (server != null) {
      throw new IllegalStateException("the server is already running");
    }
    server = Objects.requireNonNull(starter.start(), "the starter returned no server");
  }

  /**
   * Stops the server now, for tests of what clients do when it goes away; the extension then has
   * nothing left to stop. Does nothing if it is not running.
   */
  public void stop() throws Exception {
    S running;
    synchronized (lock) {
      running = server;
      server = null;
    }
    if (running != null) {
      stopper.stop(running);
    }
  }

  /** The running server, for what only its own API offers. */
  public S get() {
    synchronized (lock) {
      if (server == null) {
        throw new IllegalStateException(
            "no server running: it starts before each test (or all tests, on a static field)"
                + " and stops after");
      }
      return server;
    }
  }

  /** The port the server's HTTP (and, unless told otherwise, WebSocket) side listens on. */
  public int port() {
    return port.applyAsInt(get());
  }

  /** The port WebSocket clients connect to. */
  public int webSocketPort() {
    return webSocketPort.applyAsInt(get());
  }

  /** The server's root over HTTP: {@code http://127.0.0.1:P/}. */
  public String httpUrl() {
    return "http://" + HOST + ":" + port() + "/";
  }

  /** The server's root for WebSockets: {@code ws://127.0.0.1:Q/}. */
  public String wsUrl() {
    return "ws://" + HOST + ":" + webSocketPort() + "/";
  }

  /** An HTTP address on the server; {@code pathAndQuery} starts with {@code /}. */
  public URI httpUri(String pathAndQuery) {
    return URI.create("http://" + HOST + ":" + port() + absolute(pathAndQuery));
  }

  /** A WebSocket address on the server; {@code pathAndQuery} starts with {@code /}. */
  public URI wsUri(String pathAndQuery) {
    return URI.create("ws://" + HOST + ":" + webSocketPort() + absolute(pathAndQuery));
  }

  private static String absolute(String pathAndQuery) {
    Objects.requireNonNull(pathAndQuery, "pathAndQuery");
    if (!pathAndQuery.startsWith("/")) {
      throw new IllegalArgumentException("a path starts with '/': " + pathAndQuery);
    }
    return pathAndQuery;
  }
}
