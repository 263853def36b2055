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
 * it has seen and the node's listener. Every method must be called holding this object's monitor;
 * the monitor is what orders a channel's publications identically for every subscriber.
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
  private long offset;
  private ChannelListener listener;
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

  /** Sets the listener; false when another one holds the channel. */
  boolean subscribe(ChannelListener newListener, long nowMillis) {
    lastUsedMillis = nowMillis;
    if (listener != null && listener != newListener) {
      return false;
    }
    listener = newListener;
    return true;
  }

  void unsubscribe(long nowMillis) {
    lastUsedMillis = nowMillis;
    listener = null;
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
    return listener == null
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
    ChannelListener current = listener;
    if (current == null) {
      return;
    }
    try {
      current.onPublication(publication);
    } catch (RuntimeException e) {
      log.warn("listener of channel {} failed on {}", channel, publication, e);
    }
  }
}
