package dev.realtime.hub;

import com.google.common.base.Utf8;
import dev.realtime.auth.OriginPolicy;
import dev.realtime.auth.Principal;
import dev.realtime.metrics.RealtimeMetrics;
import dev.realtime.protocol.CloseCodes;
import dev.realtime.protocol.Json;
import dev.realtime.transport.Admission;
import dev.realtime.transport.Connection;
import dev.realtime.transport.ConnectionListener;
import dev.realtime.transport.Handshake;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The transport's side of a hub: admits handshakes, registers and unregisters clients, applies
 * the inbound rate limit and hands frames to the {@link Dispatcher}.
 */
final class HubListener implements ConnectionListener {
  private final Hub hub;
  private final Registry registry;
  private final Dispatcher dispatcher;
  private final RealtimeMetrics metrics;
  private final LongSupplier ticker;
  private final OriginPolicy originPolicy;
  private final Function<List<String>, Optional<String>> subprotocols;
  private final AuthGate auth;
  private final AtomicLong nextId = new AtomicLong();

  HubListener(Hub hub, Hub.Builder builder, AuthGate auth) {
    this.hub = hub;
    this.registry = hub.registry();
    this.dispatcher = hub.dispatcher();
    this.metrics = builder.metrics;
    this.ticker = builder.ticker;
    this.originPolicy = builder.originPolicy;
    this.subprotocols = builder.subprotocols;
    this.auth = auth;
  }

  /** Refuses a foreign origin with 403; picks the subprotocol to echo from those offered. */
  @Override
  public Admission admit(Handshake handshake) {
    if (!originPolicy.allows(handshake)) {
      return Admission.refuse(403, "origin not allowed: " + Dispatcher.truncate(handshake.header("Origin").orElse("")));
    }
    List<String> offered = offered(handshake);
    if (offered.isEmpty()) {
      return Admission.accept();
    }
    return subprotocols.apply(offered).filter(offered::contains).map(Admission::accept).orElse(Admission.accept());
  }

  /** Authenticates (if the hub has an authenticator), registers the client, runs the connect handlers. */
  @Override
  public void onOpen(Connection connection) {
    Principal principal = null;
    if (auth != null) {
      Optional<Principal> accepted = auth.admit(connection);
      if (accepted.isEmpty()) {
        return;
      }
      principal = accepted.get();
    }
    // Unique across the cluster, so a publication excluding it skips it on whichever node it is.
    String id = hub.nodeId() + "-" + nextId.incrementAndGet();
    Client client = new Client(id, connection, hub, principal);
    registry.add(client);
    // A close that came before the client was registered found no client to remove; a transport
    // says closed before it calls onClose, so asking after registering catches it (one that comes
    // later finds the client and removes it): the hub never keeps a client whose close it heard.
    if (!connection.isOpen() && registry.remove(connection) != null) {
      return;
    }
    hub.fanOut().clientOpened();
    metrics.connectionOpened();
    client.principal().ifPresent(p -> client.setUser(p.userId()));
    // The expiry timer starts after the connect handlers, so their frames come before a
    // token_expired, and only for a client they accepted and that is still connected.
    if (dispatcher.connected(client) && auth != null && !client.isDisconnected()) {
      auth.opened(client);
      if (client.isDisconnected()) {
        auth.closed(client); // closed meanwhile, perhaps before the timer was set: cancel it
      }
    }
  }

  /** Routes a text frame: a token refresh to the auth gate, anything else to the dispatcher. */
  @Override
  public void onText(Connection connection, String text) {
    Client client = registry.byConnection(connection);
    if (client == null) {
      return;
    }
    metrics.messageReceived(Utf8.encodedLength(text));
    if (!throttle(client)) {
      return;
    }
    if (auth != null && auth.intercept(client, text)) {
      return;
    }
    dispatcher.text(client, text);
  }

  /** Routes a binary frame to the binary handler, or closes with 1003 if there is none. */
  @Override
  public void onBinary(Connection connection, ByteBuffer data) {
    Client client = registry.byConnection(connection);
    if (client == null) {
      return;
    }
    metrics.messageReceived(data.remaining());
    if (!throttle(client)) {
      return;
    }
    if (!dispatcher.binary(client, data)) {
      metrics.error();
      client.close(CloseCodes.UNSUPPORTED_DATA, "binary messages are not accepted");
    }
  }

  /** Removes the client from its rooms and user, then runs the disconnect handlers. */
  @Override
  public void onClose(Connection connection, int code, String reason, boolean remote) {
    Client client = registry.remove(connection);
    if (client == null) {
      return;
    }
    if (auth != null) {
      auth.closed(client);
    }
    Set<String> roomsLeft = Set.copyOf(client.rooms());
    for (String room : roomsLeft) {
      client.leave(room);
    }
    client.user().ifPresent(user -> registry.removeFromUser(client, user));
    metrics.connectionClosed();
    dispatcher.disconnected(client, roomsLeft, code, reason, remote);
  }

  /** Counts a transport error; the transport closes the connection if it cannot go on. */
  @Override
  public void onError(Connection connection, Throwable error) {
    metrics.error();
    Dispatcher.log.debug("transport error on {}", connection.id(), error);
  }

  /** Applies the client's rate limit; returns whether the frame may be handled. */
  private boolean throttle(Client client) {
    long now = ticker.getAsLong();
    switch (client.throttle(now).onMessage(now)) {
      case ACCEPT:
        return true;
      case REFUSE:
        metrics.error();
        client.send(Json.error("rate_limited", "too many messages; slow down", null));
        return false;
      default:
        metrics.error();
        client.close(CloseCodes.POLICY_VIOLATION, "rate limit exceeded");
        return false;
    }
  }

  private static List<String> offered(Handshake handshake) {
    List<String> offered = new ArrayList<>();
    for (String part : handshake.header("Sec-WebSocket-Protocol").orElse("").split(",")) {
      if (!part.isBlank()) {
        offered.add(part.trim());
      }
    }
    return offered;
  }
}
