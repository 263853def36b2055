package dev.realtime.examples;

import dev.realtime.auth.OriginPolicy;
import dev.realtime.transport.Admission;
import dev.realtime.transport.Connection;
import dev.realtime.transport.ConnectionListener;
import dev.realtime.transport.Endpoint;
import dev.realtime.transport.Handshake;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Admits a WebSocket handshake only from a page this example served: {@code
 * OriginPolicy.allowing().withSameHost(pagePort)}, the same host the client addressed and the port
 * pages come from (the one port, or the HTTP port of the two-port layout), so another site cannot
 * open a socket with the user's cookies. Clients that send no {@code Origin} (not browsers) pass.
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
      if (!current.allows(handshake)) {
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
