package dev.realtime.hub;

import dev.realtime.broker.BrokerUnavailableException;
import dev.realtime.broker.History;
import dev.realtime.broker.Publication;
import dev.realtime.broker.StreamGap;
import dev.realtime.broker.StreamPosition;
import dev.realtime.transport.OutboundMessage;
import java.util.concurrent.CompletableFuture;

/**
 * A room's channel on this node: each publication becomes one shared frame (with its position)
 * for every local member; gaps the broker cannot fill become {@code recovery} frames with {@code
 * "recovered":false}; recoveries read history once the subscription is live.
 */
final class RoomChannel extends Subscription {
  final String room;
  private volatile StreamPosition last;

  RoomChannel(String room, String channel, FanOut owner) {
    super(channel, owner);
    this.room = room;
  }

  @Override
  public void onPublication(Publication publication) {
    OutboundMessage frame = RoomFrames.positioned(publication);
    StreamPosition position = publication.position();
    last = position;
    String excluded = publication.excludedClient().orElse(null);
    for (Client member : owner.registry().members(room)) {
      if (excluded != null && excluded.equals(member.id())) {
        continue;
      }
      Recovery recovery = member.recovery(room);
      if (recovery == null) {
        member.send(frame);
      } else {
        recovery.offer(frame, position, false);
      }
    }
  }

  @Override
  public void onUnrecoverableGap(StreamGap gap) {
    last = gap.resumedAfter();
    tellMembers(RoomFrames.recovery(room, false, gap.resumedAfter(), RoomFrames.reason(gap.reason())), gap.resumedAfter());
  }

  @Override
  void onLive(StreamPosition baseline, boolean afterFailure) {
    last = baseline;
    if (afterFailure) {
      // Members who joined while the broker was unreachable may have missed frames other nodes
      // published before this subscription went live: they must resync.
      tellMembers(RoomFrames.recovery(room, false, baseline, "unavailable"), baseline);
    }
  }

  /** Starts {@code recovery} once the subscription is live. */
  void recover(Recovery recovery) {
    whenSubscribed(new Waiting() {
      @Override
      public void proceed() {
        if (phase() != Phase.LIVE) {
          recovery.cancel(); // the room has no local member any more
          return;
        }
        CompletableFuture<History> history;
        try {
          history = owner.broker().history(channel, recovery.since, owner.recoveryLimit());
        } catch (RuntimeException e) {
          history = CompletableFuture.failedFuture(e);
        }
        history.whenComplete((found, failure) -> {
          if (failure != null) {
            recovery.unavailable(last);
          } else {
            recovery.complete(found);
          }
        });
      }

      @Override
      public void fail(BrokerUnavailableException failure) {
        recovery.unavailable(null);
      }
    });
  }

  private void tellMembers(OutboundMessage frame, StreamPosition position) {
    for (Client member : owner.registry().members(room)) {
      Recovery recovery = member.recovery(room);
      if (recovery == null) {
        member.send(frame);
      } else {
        recovery.offer(frame, position, true);
      }
    }
  }
}
