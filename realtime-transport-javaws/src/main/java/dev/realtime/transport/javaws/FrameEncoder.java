package dev.realtime.transport.javaws;

import dev.realtime.transport.OutboundMessage;
import java.nio.ByteBuffer;
import java.util.function.Function;

/**
 * Encodes a message as one unmasked RFC 6455 frame, once per message.
 *
 * <p>Server frames are never masked, so every recipient of a broadcast can share the same bytes;
 * this is what lets a broadcast to thousands of connections build its frame a single time.
 */
final class FrameEncoder implements Function<OutboundMessage, byte[]> {
  static final FrameEncoder INSTANCE = new FrameEncoder();
  private static final int FIN = 0x80;
  private static final int TEXT = 0x1;
  private static final int BINARY = 0x2;

  private FrameEncoder() {}

  @Override
  public byte[] apply(OutboundMessage message) {
    ByteBuffer payload = message.payload();
    int length = payload.remaining();
    int header = length < 126 ? 2 : length <= 0xFFFF ? 4 : 10;
    ByteBuffer frame = ByteBuffer.allocate(header + length);
    frame.put((byte) (FIN | (message.isText() ? TEXT : BINARY)));
    if (length < 126) {
      frame.put((byte) length);
    } else if (length <= 0xFFFF) {
      frame.put((byte) 126);
      frame.putShort((short) length);
    } else {
      frame.put((byte) 127);
      frame.putLong(length);
    }
    frame.put(payload);
    return frame.array();
  }
}
