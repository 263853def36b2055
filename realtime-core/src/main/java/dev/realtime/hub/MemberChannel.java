package dev.realtime.hub;

import dev.realtime.broker.Publication;
import dev.realtime.broker.StreamPosition;
import dev.realtime.transport.OutboundMessage;

/**
 * A user's channel or the hub-wide one on this node: each publication becomes one shared frame,
 * as published, for the local connections it addresses. These channels are live only (no
 * history, no position on the frames).
 */
final class MemberChannel extends Subscription {
  // The user whose connections receive; null for the hub-wide channel (every client). A name, not
  // a lambda, and the registry from the owner, not a field: there is one of these per local user.
  private final String user;

  /** The channel of {@code user}'s connections, or with {@code user} null the hub-wide one. */
  MemberChannel(String channel, FanOut owner, String user) {
    super(channel, owner);
    this.user = user;
  }

  private Iterable<Client> recipients() {
    Registry registry = owner.registry();
    return user == null ? registry.clients() : registry.connectionsOf(user);
  }

  @Override
  public void onPublication(Publication publication) {
    OutboundMessage frame = RoomFrames.plain(publication);
    String excluded = publication.excludedClient().orElse(null);
    for (Client client : recipients()) {
      if (excluded == null || !excluded.equals(client.id())) {
        client.send(frame);
      }
    }
  }

  @Override
  void onLive(StreamPosition baseline, boolean afterFailure) {}
}
