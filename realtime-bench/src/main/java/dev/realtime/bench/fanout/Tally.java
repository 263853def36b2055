package dev.realtime.bench.fanout;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one selector thread observed; merged into the run's totals when the threads have stopped.
 *
 * <p>Fields are plain because only the owning thread writes them; the few figures shown while the
 * run is in progress are copied to volatile fields once per selector loop.
 */
final class Tally {
  long connected;
  long failed;
  final Map<String, Long> failures = new TreeMap<>();
  long delivered;
  long warmupDelivered;
  long duplicates;
  long misrouted;
  long otherMessages;
  long errorFrames;
  long otherFrames;
  long pingsAnswered;
  long ioErrors;
  /** Analytics: events that arrived after one with a higher sequence number, and heartbeats. */
  long outOfOrder;
  long heartbeats;
  /** Connections whose room's user list arrived, and when the last one did ({@link RunState#nanos()}). */
  long listed;
  long lastListedNanos;
  final Map<Integer, Long> serverCloses = new TreeMap<>();
  final Map<String, Long> errorCodes = new TreeMap<>();
  final LatencyHistogram latency = new LatencyHistogram();
  /** Sampled: from our send to the server's timestamp, and from it to our read. */
  final LatencyHistogram toServer = new LatencyHistogram();
  final LatencyHistogram fromServer = new LatencyHistogram();
  /** With several nodes: deliveries to a receiver on the sender's node, and on another node. */
  final LatencyHistogram sameNode = new LatencyHistogram();
  final LatencyHistogram otherNode = new LatencyHistogram();
  /** The worst latency (µs) of messages sent in each second of the measured phase. */
  long[] worstBySecond = new long[0];

  volatile long publishedDelivered;
  volatile long publishedFrames;
  volatile long publishedListed;
  volatile long publishedLastListed;

  void fail(String reason) {
    failed++;
    failures.merge(reason, 1L, Long::sum);
  }

  void serverClosed(int code) {
    serverCloses.merge(code, 1L, Long::sum);
  }

  void recordSecond(int second, long micros) {
    if (second >= worstBySecond.length) {
      worstBySecond = Arrays.copyOf(worstBySecond, Math.max(second + 1, worstBySecond.length * 2));
    }
    worstBySecond[second] = Math.max(worstBySecond[second], micros);
  }

  void publish() {
    publishedDelivered = delivered;
    publishedFrames = otherFrames + otherMessages + errorFrames + delivered + warmupDelivered;
    publishedListed = listed;
    publishedLastListed = lastListedNanos;
  }

  void add(Tally other) {
    connected += other.connected;
    failed += other.failed;
    other.failures.forEach((reason, count) -> failures.merge(reason, count, Long::sum));
    delivered += other.delivered;
    warmupDelivered += other.warmupDelivered;
    duplicates += other.duplicates;
    misrouted += other.misrouted;
    otherMessages += other.otherMessages;
    errorFrames += other.errorFrames;
    otherFrames += other.otherFrames;
    pingsAnswered += other.pingsAnswered;
    ioErrors += other.ioErrors;
    outOfOrder += other.outOfOrder;
    heartbeats += other.heartbeats;
    listed += other.listed;
    lastListedNanos = Math.max(lastListedNanos, other.lastListedNanos);
    other.serverCloses.forEach((code, count) -> serverCloses.merge(code, count, Long::sum));
    other.errorCodes.forEach((code, count) -> errorCodes.merge(code, count, Long::sum));
    latency.add(other.latency);
    toServer.add(other.toServer);
    fromServer.add(other.fromServer);
    sameNode.add(other.sameNode);
    otherNode.add(other.otherNode);
    for (int second = 0; second < other.worstBySecond.length; second++) {
      recordSecond(second, other.worstBySecond[second]);
    }
  }
}
