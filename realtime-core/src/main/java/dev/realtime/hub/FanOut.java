package dev.realtime.hub;

import dev.realtime.metrics.RealtimeMetrics;
import dev.realtime.transport.OutboundMessage;

/**
 * Every send that reaches more than one client: a room's broadcast, a user's connections, the
 * whole hub. One immutable message is shared by all recipients, never copied per client.
 *
 * <p>This is the one place that turns "send this frame to room R, except client X" into
 * deliveries, and the one place that hears a room gain its first local member and lose its last
 * ({@link #firstLocalMember}, {@link #lastLocalMemberLeft}). Today every delivery is local; a
 * broker that carries rooms to other nodes plugs in here: a room broadcast publishes to the room's
 * channel instead of delivering, the broker's deliveries come back through {@link #deliverToRoom},
 * and the two lifecycle hooks subscribe and unsubscribe the room's channel.
 */
final class FanOut implements Registry.RoomLifecycle {
  private final RealtimeMetrics metrics;
  private final Registry registry;

  FanOut(HubSettings settings, RealtimeMetrics metrics) {
    this.metrics = metrics;
    this.registry = new Registry(settings, this);
  }

  /** The registry whose local members this fan-out delivers to. */
  Registry registry() {
    return registry;
  }

  /** Sends {@code message} to every member of {@code room} but {@code excluded} (null: none). */
  int toRoom(String room, OutboundMessage message, Client excluded) {
    return deliverToRoom(room, message, excluded);
  }

  /** Sends {@code message} to every connection of {@code user}. */
  int toUser(String user, OutboundMessage message) {
    return deliver(registry.connectionsOf(user), message, null);
  }

  /** Sends {@code message} to every connected client of the hub. */
  int toAll(OutboundMessage message) {
    return deliver(registry.clients(), message, null);
  }

  /** Delivers to this node's members of {@code room}; returns how many accepted the message. */
  int deliverToRoom(String room, OutboundMessage message, Client excluded) {
    return deliver(registry.members(room), message, excluded);
  }

  @Override
  public void firstLocalMember(String room) {
    metrics.roomCreated();
  }

  @Override
  public void lastLocalMemberLeft(String room) {
    metrics.roomRemoved();
  }

  private static int deliver(Iterable<Client> recipients, OutboundMessage message, Client excluded) {
    int delivered = 0;
    for (Client client : recipients) {
      if (client != excluded && client.send(message)) {
        delivered++;
      }
    }
    return delivered;
  }
}
