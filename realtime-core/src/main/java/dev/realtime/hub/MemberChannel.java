package dev.realtime.hub;

import dev.realtime.broker.Publication;
import dev.realtime.broker.StreamPosition;
import dev.realtime.transport.OutboundMessage;
import java.nio.ByteBuffer;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A user bucket's channel or the hub-wide one on this node: each publication becomes one shared
 * frame, as published, for the local connections it addresses (on a bucket's channel, those of
 * the user it names, see {@link RoomFrames#encodeFor}). These channels are live only (no history,
 * no position on the frames).
 */
final class MemberChannel extends Subscription {
  private static final Logger log = LoggerFactory.getLogger(MemberChannel.class);

  private final Registry registry;
  private final boolean users;
  /**
   * How many local users of the bucket have a connection; guarded by the owner's map entry for
   * this channel (counted inside its {@code compute}), so the subscribe and unsubscribe decisions
   * follow the count.
   */
  int localUsers;

  /** A user bucket's channel ({@code users}), or the hub-wide one. */
  MemberChannel(String channel, FanOut owner, Registry registry, boolean users) {
    super(channel, owner);
    this.registry = registry;
    this.users = users;
  }

  @Override
  public void onPublication(Publication publication) {
    String excluded = publication.excludedClient().orElse(null);
    if (!users) {
      send(RoomFrames.plain(publication), registry.clients(), excluded);
      return;
    }
    ByteBuffer payload = publication.payload();
    String user = RoomFrames.addressee(payload);
    if (user == null) {
      log.debug("{}: dropped a publication that names no user", channel);
      return;
    }
    Set<Client> connections = registry.connectionsOf(user);
    if (!connections.isEmpty()) { // most of a bucket's messages are for users elsewhere
      send(RoomFrames.plain(payload), connections, excluded);
    }
  }

  private static void send(OutboundMessage frame, Iterable<Client> recipients, String excluded) {
    for (Client client : recipients) {
      if (excluded == null || !excluded.equals(client.id())) {
        client.send(frame);
      }
    }
  }

  @Override
  void onLive(StreamPosition baseline, boolean afterFailure) {}
}
