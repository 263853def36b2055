package dev.realtime.testing;

import dev.realtime.transport.Admission;
import dev.realtime.transport.ConnectionListener;
import dev.realtime.transport.Endpoint;
import dev.realtime.transport.Handshake;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A transport with no sockets, for unit-testing hubs and handlers.
 *
 * <p>{@link #connect} asks the endpoint to admit the handshake, as a real transport does before
 * the upgrade (a refusal throws {@link HandshakeRefused}), and opens a {@link TestConnection} whose
 * client side the test drives: every call runs the hub's handlers synchronously on the calling
 * thread, so assertions need no waiting.
 * Closes the server starts inside a handler are delivered when that handler returns, as a real
 * transport would deliver them later on its own thread.
 */
public final class InMemoryTransport {
  private static final InetSocketAddress DEFAULT_ADDRESS =
      InetSocketAddress.createUnresolved("127.0.0.1", 40000);

  private final ConnectionListener listener;
  private final AtomicLong ids = new AtomicLong();
  private final ThreadLocal<Deferred> deferred = ThreadLocal.withInitial(Deferred::new);

  /** A transport that drives {@code endpoint}'s listener; the endpoint is usually a hub. */
  public InMemoryTransport(Endpoint endpoint) {
    this.listener = Objects.requireNonNull(endpoint, "endpoint").listener();
  }

  /** Opens a connection to a request target such as {@code /ws?username=alice}. */
  public TestConnection connect(String requestTarget) {
    return connect(requestTarget, Map.of());
  }

  /** Opens a connection with request headers. */
  public TestConnection connect(String requestTarget, Map<String, String> headers) {
    return connect(requestTarget, headers, DEFAULT_ADDRESS);
  }

  /**
   * Opens a connection with request headers from a given remote address.
   *
   * @throws HandshakeRefused if the endpoint refused the handshake
   */
  public TestConnection connect(
      String requestTarget, Map<String, String> headers, InetSocketAddress remoteAddress) {
    Handshake handshake = Handshake.of(requestTarget, headers, remoteAddress);
    Admission admission = listener.admit(handshake);
    if (!admission.accepted()) {
      throw new HandshakeRefused(admission.status(), admission.reason());
    }
    TestConnection connection = new TestConnection(
        "mem-" + ids.incrementAndGet(), handshake, admission.subprotocol(), listener, this);
    drive(() -> listener.onOpen(connection));
    return connection;
  }

  /** Runs a client-side action and then delivers any closes it caused. */
  void drive(Runnable action) {
    Deferred pending = deferred.get();
    pending.depth++;
    try {
      action.run();
    } finally {
      pending.depth--;
    }
    if (pending.depth == 0) {
      while (!pending.closes.isEmpty()) {
        Runnable close = pending.closes.remove(0);
        pending.depth++;
        try {
          close.run();
        } finally {
          pending.depth--;
        }
      }
    }
  }

  /** Delivers a server-initiated close now, or after the current callback if inside one. */
  void deliverClose(Runnable close) {
    Deferred pending = deferred.get();
    if (pending.depth > 0) {
      pending.closes.add(close);
    } else {
      drive(close);
    }
  }

  private static final class Deferred {
    int depth;
    final List<Runnable> closes = new ArrayList<>();
  }
}
