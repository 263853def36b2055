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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One channel's stream in memory: its epoch and offset, its bounded history, the idempotency keys
 * it has seen and each node's listener. Every method must be called holding this object's monitor;
 * the monitor is what orders a channel's publications identically for every subscribed node.
 */
final class MemoryStream {

  private static final Logger log = LoggerFactory.getLogger(MemoryStream.class);

  /** A publication kept in history with the time it was stored. */
  private record Stored(Publication publication, long storedAtMillis) {}

  /** A used idempotency key with what its publish answered. */
  private record Remembered(StreamPosition position, long seenAtMillis) {}

  private final String channel;
  private final String epoch;
  private final StreamSettings settings;
  private final ArrayDeque<Stored> history = new ArrayDeque<>();
  private final LinkedHashMap<String, Remembered> idempotency = new LinkedHashMap<>();
  // Keyed by the node (its broker instance), in the order the nodes subscribed.
  private final Map<Object, ChannelListener> listeners = new LinkedHashMap<>();
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

  /** Publishes and delivers to the listener before returning, so delivery order is offset order. */
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
      history.addLast(new Stored(publication, nowMillis));
      while (history.size() > settings.historySize()) {
        history.removeFirst();
      }
    }
    options.idempotencyKey().ifPresent(key -> remember(key, position, nowMillis));
    deliver(publication);
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
    Stored first = history.peekFirst();
    if (first == null || first.publication().position().offset() > since.offset() + 1) {
      return History.lost(top, StreamGap.Reason.HISTORY_TRIMMED);
    }
    List<Publication> found = new ArrayList<>((int) missed);
    for (Stored stored : history) {
      if (stored.publication().position().offset() > since.offset()) {
        found.add(stored.publication());
      }
    }
    return History.recovered(found, top);
  }

  /** Sets a node's listener; false when another one holds the channel on that node. */
  boolean subscribe(Object node, ChannelListener newListener, long nowMillis) {
    lastUsedMillis = nowMillis;
    ChannelListener existing = listeners.get(node);
    if (existing != null && existing != newListener) {
      return false;
    }
    listeners.put(node, newListener);
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

  private void deliver(Publication publication) {
    if (listeners.isEmpty()) {
      return;
    }
    if (listeners.size() == 1) {
      call(listeners.values().iterator().next(), publication);
      return;
    }
    // A node may unsubscribe (its last member left) while another node's listener runs.
    for (Map.Entry<Object, ChannelListener> entry : List.copyOf(listeners.entrySet())) {
      if (listeners.get(entry.getKey()) == entry.getValue()) {
        call(entry.getValue(), publication);
      }
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
