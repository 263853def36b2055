package dev.realtime.transport.javaws;

import dev.realtime.protocol.CloseCodes;
import dev.realtime.transport.Admission;
import dev.realtime.transport.ConnectionListener;
import dev.realtime.transport.Handshake;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketAdapter;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.WebSocketServerFactory;
import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.enums.ReadyState;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.ServerHandshakeBuilder;
import org.java_websocket.server.WebSocketServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Java-WebSocket server underneath {@link JavaWsServer}: routes, callbacks, lifecycle. */
final class Engine extends WebSocketServer {
  private static final Logger log = LoggerFactory.getLogger(Engine.class);

  private final JavaWsServer owner;
  private final JavaWsServer.Settings settings;
  private final Map<String, ConnectionListener> routes;
  private final Map<WebSocket, JavaWsConnection> open = new ConcurrentHashMap<>();
  private final Map<InetAddress, Integer> perAddress = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  private final CountDownLatch started = new CountDownLatch(1);
  private final Object closedSignal = new Object();
  private volatile Exception startFailure;
  private volatile boolean stopping;

  Engine(JavaWsServer owner, JavaWsServer.Settings settings, Map<String, ConnectionListener> routes) {
    super(
        JavaWsServer.address(settings),
        settings.decoderThreads(),
        List.<Draft>of(new Draft_6455(List.of(), settings.maxMessageBytes())));
    this.owner = owner;
    this.settings = settings;
    this.routes = routes;
    setTcpNoDelay(settings.tcpNoDelay());
    setReuseAddr(settings.reuseAddress());
    setConnectionLostTimeout((int) settings.heartbeatInterval().toSeconds());
    setDaemon(false);
    // Java's default accept backlog (50) overflows when thousands connect at once.
    setMaxPendingConnections(1024);
    setWebSocketFactory(new DeadlineFactory(owner));
  }

  /** Creates connections as usual, giving each a deadline to complete its handshake. */
  private static final class DeadlineFactory implements WebSocketServerFactory {
    private final JavaWsServer owner;

    DeadlineFactory(JavaWsServer owner) {
      this.owner = owner;
    }

    @Override
    public WebSocketImpl createWebSocket(WebSocketAdapter adapter, Draft draft) {
      WebSocketImpl socket = new TrackedSocket(adapter, draft);
      owner.scheduleHandshakeDeadline(socket);
      return socket;
    }

    @Override
    public WebSocketImpl createWebSocket(WebSocketAdapter adapter, List<Draft> drafts) {
      WebSocketImpl socket = new TrackedSocket(adapter, drafts);
      owner.scheduleHandshakeDeadline(socket);
      return socket;
    }

    @Override
    public ByteChannel wrapChannel(SocketChannel channel, SelectionKey key) {
      return new GatheringChannel(channel, (WebSocketImpl) key.attachment(), key, owner);
    }

    @Override
    public void close() {}
  }

  void awaitStarted(Duration timeout) throws IOException {
    try {
      if (!started.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IOException("WebSocket server did not start within " + timeout);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while starting", e);
    }
    if (startFailure != null) {
      throw new IOException(
          "could not bind " + settings.host() + ":" + settings.port() + ": " + startFailure.getMessage(),
          startFailure);
    }
  }

  int openConnections() {
    return open.size();
  }

  void shutdown(Duration timeout) throws InterruptedException {
    stopping = true;
    long deadline = System.nanoTime() + timeout.toNanos();
    for (JavaWsConnection connection : open.values()) {
      // The close frame is queued behind the client's pending messages, so they are flushed first.
      connection.close(CloseCodes.GOING_AWAY, "server shutting down");
    }
    synchronized (closedSignal) {
      long remaining;
      while (!open.isEmpty() && (remaining = deadline - System.nanoTime()) > 0) {
        TimeUnit.NANOSECONDS.timedWait(closedSignal, remaining);
      }
    }
    if (!open.isEmpty()) {
      log.info("{} connections did not close within {}; dropping them", open.size(), timeout);
    }
    long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    stop((int) Math.min(Integer.MAX_VALUE, left));
  }

  @Override
  public ServerHandshakeBuilder onWebsocketHandshakeReceivedAsServer(
      WebSocket conn, Draft draft, ClientHandshake request) throws InvalidDataException {
    ServerHandshakeBuilder response = super.onWebsocketHandshakeReceivedAsServer(conn, draft, request);
    Handshake handshake = Handshake.of(request.getResourceDescriptor(), headers(request), remote(conn));
    String reason = null;
    if (stopping) {
      reason = "server is shutting down";
    } else if (!routes.containsKey(handshake.path())) {
      reason = "no WebSocket endpoint at " + handshake.path();
    }
    Admission admission = Admission.accept();
    if (reason == null) {
      admission = admit(routes.get(handshake.path()), handshake);
      if (!admission.accepted()) {
        reason = admission.reason();
      }
    }
    if (reason != null) {
      settings.metrics().handshakeRejected();
      log.debug("refused handshake from {}: {}", conn.getRemoteSocketAddress(), reason);
      throw new InvalidDataException(CloseFrame.POLICY_VALIDATION, reason);
    }
    // Echo only what the client offered: any other answer makes the client fail the connection.
    List<String> offered = subprotocolsOffered(handshake);
    admission.subprotocol().filter(offered::contains)
        .ifPresent(chosen -> response.put("Sec-WebSocket-Protocol", chosen));
    return response;
  }

  private static Admission admit(ConnectionListener listener, Handshake handshake) {
    try {
      return listener.admit(handshake);
    } catch (RuntimeException e) {
      log.warn("listener failed to admit a handshake for {}", handshake.path(), e);
      return Admission.refuse(500, "internal error");
    }
  }

  @Override
  public void onOpen(WebSocket conn, ClientHandshake request) {
    Handshake handshake = Handshake.of(request.getResourceDescriptor(), headers(request), remote(conn));
    ConnectionListener listener = routes.get(handshake.path());
    if (listener == null || stopping) {
      conn.close(CloseCodes.GOING_AWAY, "not accepting connections");
      return;
    }
    InetAddress address = handshake.remoteAddress().getAddress();
    if (open.size() >= settings.maxConnections() || !admit(address)) {
      settings.metrics().handshakeRejected();
      log.debug("refusing {}: connection limit reached", conn.getRemoteSocketAddress());
      conn.close(CloseCodes.TRY_AGAIN_LATER, "too many connections");
      return;
    }
    JavaWsConnection connection =
        new JavaWsConnection("ws-" + ids.incrementAndGet(), (WebSocketImpl) conn, this, handshake, owner);
    Attached attached = new Attached(connection, listener, address);
    // closeConnection runs under the socket's monitor and may race this worker thread (a reset seen
    // by the selector, a timer): attach under the same monitor, and only to a socket still open.
    // A socket dropped before the library set it OPEN may say OPEN (see TrackedSocket); the
    // library never told onClose of that drop and never will, so it must not reach the listener,
    // and leaves the library's own set of connections too.
    synchronized (conn) {
      if (conn.getReadyState() != ReadyState.OPEN || ((TrackedSocket) conn).dropped()) {
        log.debug("{} was dropped before it opened", connection);
        removeConnection(conn);
        release(address);
        return;
      }
      conn.setAttachment(attached);
      open.put(conn, connection);
    }
    try {
      listener.onOpen(connection);
    } catch (RuntimeException e) {
      log.warn("listener failed to open {}", connection, e);
      conn.close(CloseCodes.INTERNAL_ERROR, "internal error");
    }
    Attached.Close early = attached.opened();
    if (early != null) {
      deliverClose(conn, attached, early);
    }
  }

  @Override
  public void onMessage(WebSocket conn, String message) {
    Attached attached = conn.getAttachment();
    if (attached != null) {
      attached.listener().onText(attached.connection(), message);
    }
  }

  @Override
  public void onMessage(WebSocket conn, ByteBuffer message) {
    Attached attached = conn.getAttachment();
    if (attached != null) {
      attached.listener().onBinary(attached.connection(), message);
    }
  }

  @Override
  public void onClose(WebSocket conn, int code, String reason, boolean remote) {
    Attached attached = conn.getAttachment();
    if (attached == null) {
      return;
    }
    // The listener hears the close only after its onOpen returned, and only once.
    if (attached.closed(new Attached.Close(code, reason, remote))) {
      deliverClose(conn, attached, new Attached.Close(code, reason, remote));
    }
  }

  private void deliverClose(WebSocket conn, Attached attached, Attached.Close close) {
    try {
      attached.listener().onClose(attached.connection(), close.code(), close.reason(), close.remote());
    } finally {
      // The slot first: once the count says the connection is gone, a new one from its address fits.
      release(attached.address());
      open.remove(conn);
      if (stopping) {
        synchronized (closedSignal) {
          closedSignal.notifyAll();
        }
      }
    }
  }

  @Override
  public void onError(WebSocket conn, Exception ex) {
    if (conn == null) {
      // Java-WebSocket reports a failure to bind here and then stops itself.
      startFailure = ex;
      started.countDown();
      log.debug("server-level failure", ex);
      return;
    }
    Attached attached = conn.getAttachment();
    if (attached != null) {
      attached.listener().onError(attached.connection(), ex);
    } else {
      log.debug("error before the handshake from {}", conn.getRemoteSocketAddress(), ex);
    }
  }

  @Override
  public void onStart() {
    started.countDown();
  }

  private static List<String> subprotocolsOffered(Handshake handshake) {
    String header = handshake.header("Sec-WebSocket-Protocol").orElse("");
    List<String> offered = new ArrayList<>();
    for (String part : header.split(",")) {
      if (!part.isBlank()) {
        offered.add(part.trim());
      }
    }
    return offered;
  }

  private static Map<String, String> headers(ClientHandshake request) {
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (Iterator<String> names = request.iterateHttpFields(); names.hasNext(); ) {
      String name = names.next();
      headers.put(name, request.getFieldValue(name));
    }
    return headers;
  }

  private static InetSocketAddress remote(WebSocket conn) {
    InetSocketAddress address = conn.getRemoteSocketAddress();
    return address != null ? address : InetSocketAddress.createUnresolved("unknown", 0);
  }

  private boolean admit(InetAddress address) {
    if (address == null) {
      return true;
    }
    int count = perAddress.merge(address, 1, Integer::sum);
    if (count > settings.maxConnectionsPerAddress()) {
      release(address);
      return false;
    }
    return true;
  }

  private void release(InetAddress address) {
    if (address != null) {
      perAddress.computeIfPresent(address, (key, count) -> count <= 1 ? null : count - 1);
    }
  }

  /** A connection handed to a listener, and the order of its open and close callbacks. */
  private static final class Attached {
    record Close(int code, String reason, boolean remote) {}

    private final JavaWsConnection connection;
    private final ConnectionListener listener;
    private final InetAddress address;
    private boolean openDelivered;
    private Close pendingClose;
    private boolean closed;

    Attached(JavaWsConnection connection, ConnectionListener listener, InetAddress address) {
      this.connection = connection;
      this.listener = listener;
      this.address = address;
    }

    JavaWsConnection connection() {
      return connection;
    }

    ConnectionListener listener() {
      return listener;
    }

    InetAddress address() {
      return address;
    }

    /** The listener's onOpen returned; returns a close that arrived meanwhile, to deliver now. */
    synchronized Close opened() {
      openDelivered = true;
      return pendingClose;
    }

    /** A close arrived; returns whether to deliver it now (false if duplicate or deferred). */
    synchronized boolean closed(Close close) {
      if (closed) {
        return false;
      }
      closed = true;
      if (!openDelivered) {
        pendingClose = close;
        return false;
      }
      return true;
    }
  }
}
