package dev.realtime.bench.fanout;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The analytics events the tool publishes and recognises: {@code {"type":"load","visitor_id":"v-N",
 * "data":{"seq":S,"sent":NANOS},"timestamp":MS}}, one JSON event per message as the feed sends it.
 *
 * <p>{@code sent} is this process's {@link RunState#nanos()} at publish time: the publisher and the
 * clients live in one process, so no clock synchronisation is needed. A frame is read from its
 * raw bytes without decoding JSON: the server passes the event's fields on in their order.
 */
final class FeedEvents {
  /** The event type the tool publishes. */
  static final String TYPE = "load";
  /** A type the feed refuses ({@code !} is not allowed): such an event reaches nobody. */
  static final String REFUSED_TYPE = "load!";

  private static final byte[] EVENT = "{\"type\":\"load\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] INITIAL = "{\"type\":\"initial_stats\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] HEARTBEAT = "{\"type\":\"heartbeat\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ERROR = "{\"type\":\"error\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SEQ = "\"seq\":".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SENT = "\"sent\":".getBytes(StandardCharsets.US_ASCII);

  private FeedEvents() {}

  /** What a frame of the feed turned out to be. */
  enum Kind {
    EVENT,
    INITIAL_STATS,
    HEARTBEAT,
    ERROR,
    /** Another frame, or one of our events without readable numbers. */
    OTHER
  }

  /** A decoded event; valid after {@link #read} returned {@link Kind#EVENT}. */
  static final class Reading {
    long seq;
    long sentNanos;
  }

  /** The JSON of event {@code seq}, published at {@code sentNanos} (run time) and {@code wallMillis}. */
  static byte[] event(long seq, long sentNanos, long wallMillis, boolean refused) {
    String json = "{\"type\":\"" + (refused ? REFUSED_TYPE : TYPE) + "\",\"visitor_id\":\"v-" + (seq % 500)
        + "\",\"data\":{\"seq\":" + seq + ",\"sent\":" + sentNanos + "},\"timestamp\":" + wallMillis + "}";
    return json.getBytes(StandardCharsets.US_ASCII);
  }

  /** Classifies the text frame in {@code buffer[from, to)} and fills {@code out} for an event. */
  static Kind read(ByteBuffer buffer, int from, int to, Reading out) {
    if (startsWith(buffer, from, to, EVENT)) {
      int seq = Probe.indexOf(buffer, from + EVENT.length, to, SEQ);
      if (seq < 0) {
        return Kind.OTHER;
      }
      int afterSeq = number(buffer, seq + SEQ.length, to, out, true);
      if (afterSeq < 0) {
        return Kind.OTHER;
      }
      int sent = Probe.indexOf(buffer, afterSeq, to, SENT);
      if (sent < 0 || number(buffer, sent + SENT.length, to, out, false) < 0) {
        return Kind.OTHER;
      }
      return Kind.EVENT;
    }
    if (startsWith(buffer, from, to, HEARTBEAT)) {
      return Kind.HEARTBEAT;
    }
    if (startsWith(buffer, from, to, INITIAL)) {
      return Kind.INITIAL_STATS;
    }
    return startsWith(buffer, from, to, ERROR) ? Kind.ERROR : Kind.OTHER;
  }

  /** Parses the digits at {@code from} into the reading; returns the index after them, or -1. */
  private static int number(ByteBuffer buffer, int from, int to, Reading out, boolean seq) {
    long value = 0;
    int i = from;
    while (i < to) {
      byte b = buffer.get(i);
      if (b < '0' || b > '9') {
        break;
      }
      value = value * 10 + (b - '0');
      i++;
    }
    if (i == from) {
      return -1;
    }
    if (seq) {
      out.seq = value;
    } else {
      out.sentNanos = value;
    }
    return i;
  }

  private static boolean startsWith(ByteBuffer buffer, int at, int to, byte[] prefix) {
    if (to - at < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (buffer.get(at + i) != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
