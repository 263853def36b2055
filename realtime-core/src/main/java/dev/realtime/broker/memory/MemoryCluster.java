package dev.realtime.broker.memory;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the nodes of one in-memory cluster share: the streams, presence, settings and clock.
 *
 * <p>One {@link InMemoryBroker} is one node; {@link InMemoryBroker#newNode} adds another on the
 * same cluster, so tests can run several hubs in one JVM as if on several machines.
 */
final class MemoryCluster {

  private final Map<String, MemoryStream> streams = new ConcurrentHashMap<>();
  private final Set<String> nodeIds = ConcurrentHashMap.newKeySet();
  private final MemoryPresence presence = new MemoryPresence();
  private final AtomicLong lastSweepMillis;
  private final long sweepIntervalMillis;
  private final StreamSettings settings;
  private final Clock clock;

  MemoryCluster(StreamSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    this.lastSweepMillis = new AtomicLong(clock.millis());
    this.sweepIntervalMillis = Math.min(settings.historyAge().toMillis(), Duration.ofMinutes(1).toMillis());
  }

  StreamSettings settings() {
    return settings;
  }

  Clock clock() {
    return clock;
  }

  MemoryPresence presence() {
    return presence;
  }

  /** Claims a node id; false when another node of this cluster has it. */
  boolean claim(String nodeId) {
    return nodeIds.add(nodeId);
  }

  void release(String nodeId) {
    nodeIds.remove(nodeId);
  }

  /** The channel's stream, created with a fresh epoch when the channel is new (or was forgotten). */
  MemoryStream stream(String channel, long now) {
    return streams.computeIfAbsent(channel, name -> new MemoryStream(name, newEpoch(), settings, now));
  }

  /** The channel's stream if it exists. */
  MemoryStream existing(String channel) {
    return streams.get(channel);
  }

  Iterable<MemoryStream> streams() {
    return streams.values();
  }

  int streamCount() {
    return streams.size();
  }

  /** Forgets idle streams, at most once per interval and on one thread at a time. */
  void sweepIfDue(long now) {
    long last = lastSweepMillis.get();
    if (now - last < sweepIntervalMillis || !lastSweepMillis.compareAndSet(last, now)) {
      return;
    }
    for (Map.Entry<String, MemoryStream> entry : streams.entrySet()) {
      MemoryStream stream = entry.getValue();
      synchronized (stream) {
        stream.expire(now);
        if (stream.idle(now)) {
          stream.markRemoved();
          streams.remove(entry.getKey(), stream);
        }
      }
    }
  }

  private static String newEpoch() {
    return Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
  }
}
