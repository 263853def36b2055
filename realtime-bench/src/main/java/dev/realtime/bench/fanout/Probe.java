package dev.realtime.bench.fanout;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * The content the tool sends and recognises: {@code fo.<phase>.<sender>.<seq>.<nanos>.xxx…}.
 *
 * <p>Only ASCII letters, digits and dots, so the server's JSON encoding never escapes it and the
 * tool can find it in the raw bytes of a delivered frame without decoding JSON. The timestamp is
 * this process's {@code System.nanoTime()} relative to the run's start: senders and receivers live
 * in the same process, so no clock synchronisation is needed.
 */
final class Probe {
  /** Phase letter of warm-up messages, which are delivered but not counted. */
  static final byte WARMUP = 'w';
  /** Phase letter of measured messages. */
  static final byte MEASURED = 'm';

  private static final byte[] MARKER = "\"fo.".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] CODE = "\"code\":\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] TYPE = "\"type\":\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] MESSAGE = "message\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ERROR = "error\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] USERS = "users\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] TIMESTAMP = "\"timestamp\":\"".getBytes(StandardCharsets.US_ASCII);

  private Probe() {}

  /** The chat frame a sender sends: {@code {"type":"message","content":"fo.…"}}. */
  static byte[] chatMessage(byte phase, int sender, long seq, long nanos, int payloadBytes) {
    StringBuilder content = new StringBuilder(payloadBytes);
    content.append("fo.").append((char) phase).append('.').append(sender).append('.').append(seq)
        .append('.').append(nanos).append('.');
    while (content.length() < payloadBytes) {
      content.append('x');
    }
    String json = "{\"type\":\"message\",\"content\":\"" + content + "\"}";
    return json.getBytes(StandardCharsets.US_ASCII);
  }

  /** What a delivered text frame turned out to be. */
  enum Kind {
    PROBE,
    OTHER_MESSAGE,
    ERROR,
    /** A room's whole user list, which a joiner receives once it is in the room. */
    USERS,
    OTHER
  }

  /** A decoded probe; fields are valid after {@link #read} returned {@link Kind#PROBE}. */
  static final class Reading {
    byte phase;
    int sender;
    long seq;
    long nanos;
  }

  /**
   * The server's {@code timestamp} field of a chat frame as epoch nanoseconds, or -1 if it is absent
   * or not RFC 3339 with a fraction finer than a millisecond (then it cannot split the latency).
   */
  static long serverStamp(ByteBuffer buffer, int from, int to) {
    int at = indexOf(buffer, from, to, TIMESTAMP);
    if (at < 0) {
      return -1;
    }
    int start = at + TIMESTAMP.length;
    int end = start;
    while (end < to && buffer.get(end) != '"') {
      end++;
    }
    byte[] text = new byte[end - start];
    buffer.get(start, text);
    String stamp = new String(text, StandardCharsets.US_ASCII);
    int dot = stamp.indexOf('.');
    if (dot < 0 || stamp.length() - dot < 5) {
      return -1;
    }
    try {
      Instant instant = OffsetDateTime.parse(stamp).toInstant();
      return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    } catch (DateTimeParseException e) {
      return -1;
    }
  }

  /** The {@code code} string of an error frame, or {@code "?"}; error frames are rare, so it may allocate. */
  static String errorCode(ByteBuffer buffer, int from, int to) {
    int at = indexOf(buffer, from, to, CODE);
    if (at < 0) {
      return "?";
    }
    int start = at + CODE.length;
    int end = start;
    while (end < to && end - start < 64 && buffer.get(end) != '"') {
      end++;
    }
    byte[] code = new byte[end - start];
    buffer.get(start, code);
    return new String(code, StandardCharsets.UTF_8);
  }

  /** Classifies the text frame in {@code buffer[from, to)} and fills {@code out} for a probe. */
  static Kind read(ByteBuffer buffer, int from, int to, Reading out) {
    // One scan for the type: most frames during a ramp are joins, and they must stay cheap.
    int type = indexOf(buffer, from, to, TYPE);
    if (type < 0) {
      return Kind.OTHER;
    }
    type += TYPE.length;
    if (!startsWith(buffer, type, to, MESSAGE)) {
      return startsWith(buffer, type, to, ERROR) ? Kind.ERROR
          : startsWith(buffer, type, to, USERS) ? Kind.USERS : Kind.OTHER;
    }
    int at = indexOf(buffer, from, to, MARKER);
    if (at < 0 || at + MARKER.length + 2 >= to) {
      return Kind.OTHER_MESSAGE;
    }
    int i = at + MARKER.length;
    out.phase = buffer.get(i);
    i += 2;
    long[] number = new long[1];
    if ((i = number(buffer, i, to, number)) < 0) {
      return Kind.OTHER_MESSAGE;
    }
    out.sender = (int) number[0];
    if ((i = number(buffer, i, to, number)) < 0) {
      return Kind.OTHER_MESSAGE;
    }
    out.seq = number[0];
    if (number(buffer, i, to, number) < 0) {
      return Kind.OTHER_MESSAGE;
    }
    out.nanos = number[0];
    return Kind.PROBE;
  }

  /** Parses digits up to a dot; returns the index after the dot, or -1. */
  private static int number(ByteBuffer buffer, int from, int to, long[] out) {
    long value = 0;
    int i = from;
    while (i < to) {
      byte b = buffer.get(i);
      if (b == '.') {
        if (i == from) {
          return -1;
        }
        out[0] = value;
        return i + 1;
      }
      if (b < '0' || b > '9') {
        return -1;
      }
      value = value * 10 + (b - '0');
      i++;
    }
    return -1;
  }

  static boolean startsWith(ByteBuffer buffer, int at, int to, byte[] prefix) {
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

  static int indexOf(ByteBuffer buffer, int from, int to, byte[] needle) {
    int last = to - needle.length;
    outer:
    for (int i = from; i <= last; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (buffer.get(i + j) != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
