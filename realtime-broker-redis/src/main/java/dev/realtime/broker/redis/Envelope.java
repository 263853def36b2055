package dev.realtime.broker.redis;

import dev.realtime.broker.BrokerException;
import dev.realtime.broker.Publication;
import dev.realtime.broker.StreamPosition;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads the pub/sub message that {@code publish.lua} sends, a text header and the raw payload:
 *
 * <pre>
 * r1 KIND OFFSET EPOCH N:EXCLUDED PAYLOAD
 * </pre>
 *
 * where {@code KIND} is {@code h} (kept in history; {@code OFFSET} is its own) or {@code l} (live
 * only; {@code OFFSET} is the stream's top), {@code N} the byte length of the excluded client id
 * (0 and nothing for none), and each field is followed by one space. The payload is not copied:
 * the publication wraps the message's bytes.
 */
final class Envelope {

  private static final byte SPACE = ' ';

  private Envelope() {}

  static Publication decode(String channel, byte[] message) {
    if (message.length < 3 || message[0] != 'r' || message[1] != '1' || message[2] != SPACE) {
      throw new BrokerException("not a broker message on " + channel);
    }
    int[] at = {3};
    String kind = token(message, at);
    long offset = Long.parseLong(token(message, at));
    String epoch = token(message, at);
    int colon = indexOf(message, (byte) ':', at[0]);
    int length = Integer.parseInt(new String(message, at[0], colon - at[0], StandardCharsets.US_ASCII));
    int excludedStart = colon + 1;
    if (excludedStart + length >= message.length || message[excludedStart + length] != SPACE) {
      throw new BrokerException("malformed broker message on " + channel);
    }
    Optional<String> excluded =
        length == 0
            ? Optional.empty()
            : Optional.of(new String(message, excludedStart, length, StandardCharsets.UTF_8));
    int payloadStart = excludedStart + length + 1;
    ByteBuffer payload = ByteBuffer.wrap(message, payloadStart, message.length - payloadStart).slice();
    return new Publication(
        channel, new StreamPosition(offset, epoch), payload, excluded, kind.equals("h"));
  }

  private static String token(byte[] message, int[] at) {
    int end = indexOf(message, SPACE, at[0]);
    String token = new String(message, at[0], end - at[0], StandardCharsets.US_ASCII);
    at[0] = end + 1;
    return token;
  }

  private static int indexOf(byte[] message, byte wanted, int from) {
    for (int i = from; i < message.length; i++) {
      if (message[i] == wanted) {
        return i;
      }
    }
    throw new BrokerException("truncated broker message");
  }
}
