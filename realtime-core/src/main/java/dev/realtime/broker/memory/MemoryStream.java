package dev.realtime.broker.memory;

import dev.realtime.broker.ChannelListener;
import dev.realtime.broker.History;
import dev.realtime.broker.Publication;
import dev.realtime.broker.PublishOptions;
import dev.realtime.broker.PublishResult;
import dev.realtime.broker.StreamGap;
import dev.realtime.broker.StreamPosition;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One channel's stream in memory: its epoch and offset, its bounded history, the idempotency keys
 * it has seen and each node's listener. Every method but {@link #deliverPending()} must be called
 * holding this object's monitor; the monitor is what orders a channel's publications identically
 * for every subscribed node.
 *
 * <p>Delivery runs outside the monitor: a publication is queued in offset order under it, and
 * {@link #deliverPending()}, called after the monitor is released, hands the queue to the
 * listeners — by the first thread that finds nobody delivering, for everyone's publications in
 * turn. A publisher never waits for another's delivery (listeners write to hundreds of
 * connections: an event loop blocked on a room's monitor stalled every connection it serves).
 */
final class MemoryStream {

  private static final Logger log = LoggerFactory.getLogger(MemoryStream.class);

  /**
   * A frame of history: its bytes and what a {@link Publication} of it needs beyond the stream's
   * own channel and epoch, 32 bytes beside the payload where a kept publication (with its
   * position and read-only buffer) was 136. A room keeps up to its history size of these. The
   * offset is not kept: history holds consecutive offsets ending at the stream's (every publish
   * with history takes the next offset and is kept, and trimming drops only the oldest), so an
   * entry's offset follows from its place ({@code firstKeptOffset()}).
   */
  private record Stored(byte[] payload, String excludedClient, long storedAtMillis) {
    Publication publication(String channel, long offset, String epoch) {
      return Publication.of(channel, new StreamPosition(offset, epoch), payload,
          Optional.ofNullable(excludedClient), true);
    }
  }

  /** A used idempotency key with what its publish answered. */
  private record Remembered(StreamPosition position, long seenAtMillis) {}

  /** One subscription of a node: a new object on every subscribe, so a later one is told apart. */
  private record Listening(Object node, ChannelListener listener) {}

  /** A publication waiting for delivery, with the subscriptions that held when it was published. */
  private record Pending(Publication publication, List<Listening> to) {}

  private final String channel;
  private final String epoch;
  private final StreamSettings settings;
  // Small initial capacities (they grow as needed): a hub keeps a stream per room and per user
  // bucket, many of them idle with one listener and few or no frames kept (user channels publish
  // without history, and a room per user is common), and the default sizes would give each stream
  // ~190 bytes of empty arrays.
  private final ArrayDeque<Stored> history = new ArrayDeque<>(1);
  private final LinkedHashMap<String, Remembered> idempotency = new LinkedHashMap<>();
  // Keyed by the node (its broker instance), in the order the nodes subscribed.
  private final Map<Object, Listening> listeners = new LinkedHashMap<>(2);
  private final ArrayDeque<Pending> outbox = new ArrayDeque<>(1);
  private boolean delivering;
  private long offset;
  private long lastUsedMillis;
  private boolean removed;

  MemoryStream(String channel, String epoch, StreamSettings settings, long nowMillis) {
    this.channel = channel;
    this.epoch = epoch;
    this.settings = settings;
    this.lastUsedMillis = nowMillis;
  }

  StreamPosition position() {
    return new StreamPosition(offset, epoch);
  }

  /**
   * Publishes: the next offset, history, and the publication queued for the listeners subscribed
   * now, in offset order; {@link #deliverPending()} delivers it once the monitor is released.
   */
  PublishResult publish(byte[] payload, PublishOptions options, long nowMillis) {
    lastUsedMillis = nowMillis;
    expire(nowMillis);
    if (options.idempotencyKey().isPresent()) {
      Remembered seen = idempotency.get(options.idempotencyKey().get());
      if (seen != null) {
        return new PublishResult(seen.position(), true);
      }
    }
    if (options.history()) {
      offset++;
    }
    StreamPosition position = position();
    Publication publication =
        Publication.of(channel, position, payload, options.excludedClient(), options.history());
    if (options.history() && settings.historySize() > 0) {
      history.addLast(new Stored(payload, options.excludedClient().orElse(null), nowMillis));
      while (history.size() > settings.historySize()) {
        history.removeFirst();
      }
    }
    options.idempotencyKey().ifPresent(key -> remember(key, position, nowMillis));
    if (!listeners.isEmpty()) {
      outbox.addLast(new Pending(publication, List.copyOf(listeners.values())));
    }
    return new PublishResult(position, false);
  }

  History history(StreamPosition since, int limit, long nowMillis) {
    lastUsedMillis = nowMillis;
    expire(nowMillis);
    StreamPosition top = position();
    if (!since.sameEpoch(top) || since.offset() > offset) {
      return History.lost(top, StreamGap.Reason.EPOCH_CHANGED);
    }
    long missed = offset - since.offset();
    if (missed == 0) {
      return History.recovered(List.of(), top);
    }
    if (missed > limit) {
      return History.lost(top, StreamGap.Reason.LIMIT_EXCEEDED);
    }
    long first = firstKeptOffset();
    if (history.isEmpty() || first > since.offset() + 1) {
      return History.lost(top, StreamGap.Reason.HISTORY_TRIMMED);
    }
    List<Publication> found = new ArrayList<>((int) missed);
    long at = first;
    for (Stored stored : history) {
      if (at > since.offset()) {
        found.add(stored.publication(channel, at, epoch));
      }
      at++;
    }
    return History.recovered(found, top);
  }

  /** The offset of the oldest publication history keeps (one past the top when it keeps none). */
  private long firstKeptOffset() {
    return offset - history.size() + 1;
  }

  /** Sets a node's listener; false when another one holds the channel on that node. */
  boolean subscribe(Object node, ChannelListener newListener, long nowMillis) {
    lastUsedMillis = nowMillis;
    Listening existing = listeners.get(node);
    if (existing != null) {
      return existing.listener() == newListener;
    }
    listeners.put(node, new Listening(node, newListener));
    return true;
  }

  void unsubscribe(Object node, long nowMillis) {
    lastUsedMillis = nowMillis;
    listeners.remove(node);
  }

  /** Drops history older than the history age and idempotency keys older than their window. */
  void expire(long nowMillis) {
    long oldestKept = nowMillis - settings.historyAge().toMillis();
    while (!history.isEmpty() && history.peekFirst().storedAtMillis() < oldestKept) {
      history.removeFirst();
    }
    if (idempotency.isEmpty()) {
      return; // asking an empty map for its entries would make it keep an entry set (16 bytes)
    }
    long oldestKey = nowMillis - settings.idempotencyWindow().toMillis();
    Iterator<Map.Entry<String, Remembered>> keys = idempotency.entrySet().iterator();
    while (keys.hasNext() && keys.next().getValue().seenAtMillis() < oldestKey) {
      keys.remove();
    }
  }

  /** Returns whether the stream can be forgotten: nobody listens, nothing kept, unused long enough. */
  boolean idle(long nowMillis) {
    return listeners.isEmpty()
        && history.isEmpty()
        && idempotency.isEmpty()
        && nowMillis - lastUsedMillis >= settings.streamTtl().toMillis();
  }

  boolean removed() {
    return removed;
  }

  void markRemoved() {
    removed = true;
  }

  private void remember(String key, StreamPosition position, long nowMillis) {
    idempotency.put(key, new Remembered(position, nowMillis));
    // A bound by count as well as age: a flood of distinct keys cannot grow the map without end.
    Iterator<String> oldest = idempotency.keySet().iterator();
    while (idempotency.size() > settings.idempotencyKeys() && oldest.hasNext()) {
      oldest.next();
      oldest.remove();
    }
  }

  /**
   * Delivers every queued publication in offset order, unless another thread is doing so (it
   * delivers this thread's too). Call without holding the monitor. A subscription that ended
   * before its turn is skipped: a node that unsubscribed (its last member left) gets nothing more.
   */
  void deliverPending() {
    synchronized (this) {
      if (delivering || outbox.isEmpty()) {
        return;
      }
      delivering = true;
    }
    try {
      while (true) {
        Pending next;
        synchronized (this) {
          next = outbox.pollFirst();
          if (next == null) {
            delivering = false;
            return;
          }
        }
        for (Listening to : next.to()) {
          boolean current;
          synchronized (this) {
            current = listeners.get(to.node()) == to;
          }
          if (current) {
            call(to.listener(), next.publication());
          }
        }
      }
    } catch (Error e) {
      // call() contains a listener's exceptions; an Error still must not leave the stream
      // marked as delivering for ever: the next publish delivers the rest.
      synchronized (this) {
        delivering = false;
      }
      throw e;
    }
  }

  private void call(ChannelListener listener, Publication publication) {
    try {
      listener.onPublication(publication);
    } catch (RuntimeException e) {
      log.warn("listener of channel {} failed on {}", channel, publication, e);
    }
  }
}
