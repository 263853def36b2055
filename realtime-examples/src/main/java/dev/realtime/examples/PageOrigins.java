package dev.realtime.examples;

import dev.realtime.auth.OriginPolicy;
import dev.realtime.transport.Admission;
import dev.realtime.transport.Connection;
import dev.realtime.transport.ConnectionListener;
import dev.realtime.transport.Endpoint;
import dev.realtime.transport.Handshake;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Admits a WebSocket handshake only from a page this example served: {@code
 * OriginPolicy.allowing().withSameHost(pagePort)}, the same host the client addressed and the port
 * pages come from (the one port, or the HTTP port of the two-port layout), so another site cannot
 * open a socket with the user's cookies. Clients that send no {@code Origin} (not browsers) pass.
 * So does a page whose origin is exactly the address the socket was opened to ({@code Origin}
 * matches {@code Host}): the same page reached through a proxy or load balancer on another port,
 * as in front of a cluster of nodes.
 *
 * <p>The check wraps each route rather than living in the hubs because hubs are built before the
 * server binds, and with port 0 the page port is known only after: until {@link #pagesServedOn}
 * every handshake is refused with 503.
 */
final class PageOrigins {
  private volatile OriginPolicy policy;

  /** From now on, admits pages from {@code port} on the addressed host. */
  void pagesServedOn(int port) {
    policy = OriginPolicy.allowing().withSameHost(port);
  }

  /** {@code endpoint}, admitting only this example's pages; its own {@code admit} decides after. */
  Endpoint guard(Endpoint endpoint) {
    Objects.requireNonNull(endpoint, "endpoint");
    return () -> new Guarded(endpoint.listener());
  }

  /** Whether the handshake's {@code Origin} names the very host and port of its {@code Host}. */
  static boolean sameOrigin(Handshake handshake) {
    Optional<String> origin = handshake.header("Origin");
    Optional<String> host = handshake.header("Host");
    if (origin.isEmpty() || host.isEmpty()) {
      return false;
    }
    String authority = host.get().trim();
    int close = authority.lastIndexOf(']');
    int colon = authority.lastIndexOf(':');
    int port;
    if (colon > close && colon >= 0) {
      try {
        port = Integer.parseInt(authority.substring(colon + 1));
      } catch (NumberFormatException e) {
        return false;
      }
    } else {
      port = origin.get().trim().toLowerCase(Locale.ROOT).startsWith("https:") ? 443 : 80;
    }
    return OriginPolicy.allowing().allowMissingOrigin(false).withSameHost(port).allows(handshake);
  }

  private final class Guarded implements ConnectionListener {
    private final ConnectionListener inner;

    Guarded(ConnectionListener inner) {
      this.inner = inner;
    }

    @Override
    public Admission admit(Handshake handshake) {
      OriginPolicy current = policy;
      if (current == null) {
        return Admission.refuse(503, "starting");
      }
      if (!current.allows(handshake) && !sameOrigin(handshake)) {
        String origin = handshake.header("Origin").orElse("");
        return Admission.refuse(403, "origin not allowed: "
            + (origin.length() <= 100 ? origin : origin.substring(0, 100) + "…"));
      }
      return inner.admit(handshake);
    }

    @Override
    public void onOpen(Connection connection) {
      inner.onOpen(connection);
    }

    @Override
    public void onText(Connection connection, String text) {
      inner.onText(connection, text);
    }

    @Override
    public void onBinary(Connection connection, ByteBuffer data) {
      inner.onBinary(connection, data);
    }

    @Override
    public void onClose(Connection connection, int code, String reason, boolean remote) {
      inner.onClose(connection, code, reason, remote);
    }

    @Override
    public void onError(Connection connection, Throwable error) {
      inner.onError(connection, error);
    }
  }
}
