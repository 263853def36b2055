package dev.realtime.hub;

import dev.realtime.broker.Publication;
import dev.realtime.broker.StreamPosition;
import dev.realtime.transport.OutboundMessage;
import java.util.function.Supplier;

/**
 * A user's channel or the hub-wide one on this node: each publication becomes one shared frame,
 * as published, for the local connections it addresses. These channels are live only (no
 * history, no position on the frames).
 */
final class MemberChannel extends Subscription {
  private final Supplier<Iterable<Client>> recipients;

  MemberChannel(String channel, FanOut owner, Supplier<Iterable<Client>> recipients) {
    super(channel, owner);
    this.recipients = recipients;
  }

  @Override
  public void onPublication(Publication publication) {
    OutboundMessage frame = RoomFrames.plain(publication);
    String excluded = publication.excludedClient().orElse(null);
    for (Client client : recipients.get()) {
      if (excluded == null || !excluded.equals(client.id())) {
        client.send(frame);
      }
    }
  }

  @Override
  void onLive(StreamPosition baseline, boolean afterFailure) {}
}
