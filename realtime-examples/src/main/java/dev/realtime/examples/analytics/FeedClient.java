package dev.realtime.examples.analytics;

import dev.realtime.examples.analytics.wire.Encoding;
import dev.realtime.examples.feed.Selection;
import dev.realtime.hub.Client;
import dev.realtime.transport.OutboundMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One analytics client on this node: its encoding, its filter, and the frames held back until its
 * {@code initial_stats} has gone out (reading the stats takes a round trip to Redis; events
 * arriving meanwhile wait, so {@code initial_stats} is always the first frame).
 */
final class FeedClient {
  /** The most frames held while the first stats are read; more are dropped and counted. */
  static final int MAX_HELD = 1_024;

  final Client client;
  final Encoding encoding;
  /** Replaced whole by subscribe/unsubscribe (under this object's lock), read without one. */
  volatile Selection selection = Selection.EVERYTHING;
  /** Completes once this client's presence entry is in the broker. */
  volatile CompletionStage<Void> present = CompletableFuture.completedFuture(null);
  private volatile boolean started;
  private List<OutboundMessage> held = new ArrayList<>();
  private int dropped;

  FeedClient(Client client, Encoding encoding) {
    this.client = client;
    this.encoding = encoding;
  }

  /** Sends {@code frame}, or holds it while the client's first frame is not out yet. */
  void send(OutboundMessage frame) {
    if (started) {
      client.send(frame);
      return;
    }
    synchronized (this) {
      if (!started) {
        if (held.size() < MAX_HELD) {
          held.add(frame);
        } else {
          dropped++;
        }
        return;
      }
    }
    client.send(frame);
  }

  /** Sends {@code first}, then everything held; from now on frames go straight out. Returns how many were dropped. */
  synchronized int start(OutboundMessage first) {
    if (started) {
      return 0;
    }
    client.send(first);
    held.forEach(client::send);
    held = null;
    started = true;
    return dropped;
  }
}
