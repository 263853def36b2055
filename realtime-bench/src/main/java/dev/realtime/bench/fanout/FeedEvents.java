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
    if (Probe.startsWith(buffer, from, to, EVENT)) {
      int seq = Probe.indexOf(buffer, from + EVENT.length, to, SEQ);
      int seqEnd = seq < 0 ? -1 : digitsEnd(buffer, seq + SEQ.length, to);
      int sent = seqEnd < 0 ? -1 : Probe.indexOf(buffer, seqEnd, to, SENT);
      int sentEnd = sent < 0 ? -1 : digitsEnd(buffer, sent + SENT.length, to);
      if (sentEnd < 0) {
        return Kind.OTHER;
      }
      out.seq = value(buffer, seq + SEQ.length, seqEnd);
      out.sentNanos = value(buffer, sent + SENT.length, sentEnd);
      return Kind.EVENT;
    }
    if (Probe.startsWith(buffer, from, to, HEARTBEAT)) {
      return Kind.HEARTBEAT;
    }
    if (Probe.startsWith(buffer, from, to, INITIAL)) {
      return Kind.INITIAL_STATS;
    }
    return Probe.startsWith(buffer, from, to, ERROR) ? Kind.ERROR : Kind.OTHER;
  }

  /** The index after the digits at {@code from}, or -1 if there are none. */
  private static int digitsEnd(ByteBuffer buffer, int from, int to) {
    int i = from;
    while (i < to && buffer.get(i) >= '0' && buffer.get(i) <= '9') {
      i++;
    }
    return i == from ? -1 : i;
  }

  /** The number written by the digits in {@code buffer[from, end)}. */
  private static long value(ByteBuffer buffer, int from, int end) {
    long value = 0;
    for (int i = from; i < end; i++) {
      value = value * 10 + (buffer.get(i) - '0');
    }
    return value;
  }
}
