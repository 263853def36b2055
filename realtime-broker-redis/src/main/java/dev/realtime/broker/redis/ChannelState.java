package dev.realtime.broker.redis;

import dev.realtime.broker.ChannelListener;
import dev.realtime.broker.StreamPosition;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What a delivery thread knows about one subscribed channel. Owned by that thread: no locking.
 *
 * <p>A subscription starts {@link Phase#SUBSCRIBING}: once Redis confirmed the SUBSCRIBE, the
 * channel's position is read and becomes the baseline ({@link Phase#LIVE}); from then on {@code
 * offset}/{@code epoch} are the last position delivered to the listener. At most one history read
 * (a fill) is in flight per channel; a reason to read again while one is out sets {@code
 * fillAgain}.
 */
final class ChannelState {

  /** Where a subscription stands. */
  enum Phase {
    SUBSCRIBING,
    LIVE
  }

  final String channel;
  final String pubSubName;
  final ChannelListener listener;
  /** Callers of subscribe waiting for the baseline (failed, and emptied, when a try fails). */
  final List<CompletableFuture<StreamPosition>> waiters = new ArrayList<>();
  Phase phase = Phase.SUBSCRIBING;
  String epoch;
  long offset;
  boolean confirmed;
  boolean subscribeInFlight;
  boolean baselineInFlight;
  boolean messagesWhileSubscribing;
  boolean fillInFlight;
  boolean fillAgain;
  boolean retryScheduled;

  ChannelState(String channel, String pubSubName, ChannelListener listener) {
    this.channel = channel;
    this.pubSubName = pubSubName;
    this.listener = listener;
  }

  StreamPosition position() {
    return new StreamPosition(offset, epoch);
  }
}
