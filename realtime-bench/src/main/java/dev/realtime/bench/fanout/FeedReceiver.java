package dev.realtime.bench.fanout;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * What a selector thread does with the text frames of the analytics feed: {@code initial_stats}
 * makes a client ready, and every event is checked against what this client saw before (a bit per
 * sequence number: duplicates and reordering are exact) and timed from its publication.
 */
final class FeedReceiver {
  private final RunState run;
  private final Tally tally;
  private final Reactor io;
  private final FeedEvents.Reading reading = new FeedEvents.Reading();

  FeedReceiver(RunState run, Tally tally, Reactor io) {
    this.run = run;
    this.tally = tally;
    this.io = io;
  }

  void text(LoadConnection connection, ByteBuffer buffer, int from, int to) {
    switch (FeedEvents.read(buffer, from, to, reading)) {
      case EVENT -> event(connection);
      case INITIAL_STATS -> {
        tally.otherFrames++;
        if (!connection.listed) {
          connection.listed = true;
          tally.listed++;
          tally.lastListedNanos = Math.max(tally.lastListedNanos, io.now());
        }
      }
      case HEARTBEAT -> tally.heartbeats++;
      case ERROR -> {
        tally.errorFrames++;
        tally.errorCodes.merge(Probe.errorCode(buffer, from, to), 1L, Long::sum);
      }
      case OTHER -> tally.otherFrames++;
    }
  }

  private void event(LoadConnection connection) {
    long seq = reading.seq;
    if (seq < 0 || seq >= Integer.MAX_VALUE) {
      tally.otherFrames++;
      return;
    }
    int word = (int) (seq >>> 6);
    long[] seen = connection.seen;
    if (seen == null || word >= seen.length) {
      seen = connection.seen = seen == null ? new long[Math.max(word + 1, run.expectedEventWords())]
          : Arrays.copyOf(seen, Math.max(word + 1, seen.length * 2));
    }
    long bit = 1L << (seq & 63);
    if ((seen[word] & bit) != 0) {
      tally.duplicates++;
      return;
    }
    seen[word] |= bit;
    if (seq < connection.lastEvent) {
      tally.outOfOrder++;
    } else {
      connection.lastEvent = seq;
    }
    if (seq >= run.measureFromSeq) {
      long micros = (io.now() - reading.sentNanos) / 1000;
      connection.measuredEvents++;
      tally.delivered++;
      tally.latency.record(micros);
      if (run.options.nodes() > 1 && connection.node == 0) {
        tally.sameNode.record(micros);
      } else if (run.options.nodes() > 1) {
        tally.otherNode.record(micros);
      }
      long second = (reading.sentNanos - run.measureStart) / 1_000_000_000L;
      if (second >= 0 && second < 86_400) {
        tally.recordSecond((int) second, micros);
      }
    } else {
      tally.warmupDelivered++;
    }
  }
}
