package dev.realtime.bench.fanout;

import java.nio.ByteBuffer;
import java.util.Random;

/**
 * Builds masked client-to-server frames (RFC 6455 §5.2–5.3) and parses unmasked server frames.
 *
 * <p>A client must mask every frame with a fresh key, so unlike a server broadcast each frame is
 * built for one connection.
 */
final class ClientFrames {
  static final int CONTINUATION = 0x0;
  static final int TEXT = 0x1;
  static final int BINARY = 0x2;
  static final int CLOSE = 0x8;
  static final int PING = 0x9;
  static final int PONG = 0xA;

  /** The largest server frame accepted; beyond it the peer is treated as broken. */
  static final int MAX_FRAME = 16 * 1024 * 1024;
  /** The longest possible frame header: 2 + 8 length bytes + 4 mask bytes. */
  static final int MAX_HEADER = 14;

  private ClientFrames() {}

  /** Receives the frames {@link #parse} finds. */
  interface Sink {
    /** One complete frame whose payload is {@code buffer[from, to)}, already unmasked. */
    void frame(LoadConnection connection, boolean fin, int opcode, ByteBuffer buffer, int from, int to);
  }

  /** A masked frame with a final bit and the given opcode. */
  static ByteBuffer masked(int opcode, byte[] payload, int offset, int length, Random random) {
    int header = length < 126 ? 2 : length <= 0xFFFF ? 4 : 10;
    ByteBuffer frame = ByteBuffer.allocate(header + 4 + length);
    frame.put((byte) (0x80 | opcode));
    if (length < 126) {
      frame.put((byte) (0x80 | length));
    } else if (length <= 0xFFFF) {
      frame.put((byte) (0x80 | 126));
      frame.putShort((short) length);
    } else {
      frame.put((byte) (0x80 | 127));
      frame.putLong(length);
    }
    int key = random.nextInt();
    frame.putInt(key);
    byte[] mask = {(byte) (key >>> 24), (byte) (key >>> 16), (byte) (key >>> 8), (byte) key};
    for (int i = 0; i < length; i++) {
      frame.put((byte) (payload[offset + i] ^ mask[i & 3]));
    }
    return frame.flip();
  }

  /** A masked close frame carrying {@code code}. */
  static ByteBuffer close(int code, Random random) {
    return masked(CLOSE, new byte[] {(byte) (code >>> 8), (byte) code}, 0, 2, random);
  }

  /**
   * Hands every complete frame in {@code buffer} (between position and limit) to {@code sink} and
   * advances the position past them.
   *
   * @return 0 if everything was consumed, otherwise the total size the incomplete frame at the
   *     position needs (at least {@link #MAX_HEADER} while its header is incomplete)
   * @throws ProtocolError if a frame is larger than {@link #MAX_FRAME} or has reserved bits set
   */
  static int parse(ByteBuffer buffer, LoadConnection connection, Sink sink) {
    while (true) {
      int start = buffer.position();
      int available = buffer.limit() - start;
      if (available == 0) {
        return 0;
      }
      if (available < 2) {
        return MAX_HEADER;
      }
      int b0 = buffer.get(start) & 0xFF;
      int b1 = buffer.get(start + 1) & 0xFF;
      if ((b0 & 0x70) != 0) {
        throw new ProtocolError("reserved bits set without an extension");
      }
      boolean masked = (b1 & 0x80) != 0;
      long length = b1 & 0x7F;
      int header = 2;
      if (length == 126) {
        if (available < 4) {
          return MAX_HEADER;
        }
        length = buffer.getShort(start + 2) & 0xFFFF;
        header = 4;
      } else if (length == 127) {
        if (available < 10) {
          return MAX_HEADER;
        }
        length = buffer.getLong(start + 2);
        header = 10;
      }
      if (length < 0 || length > MAX_FRAME) {
        throw new ProtocolError("frame of " + length + " bytes is too large");
      }
      int maskAt = start + header;
      if (masked) {
        header += 4;
      }
      int total = header + (int) length;
      if (available < total) {
        return Math.max(total, MAX_HEADER);
      }
      int from = start + header;
      int to = start + total;
      if (masked) {
        // Servers must not mask (RFC 6455 §5.1), but unmasking costs nothing and keeps us lenient.
        for (int i = from; i < to; i++) {
          buffer.put(i, (byte) (buffer.get(i) ^ buffer.get(maskAt + ((i - from) & 3))));
        }
      }
      buffer.position(to);
      sink.frame(connection, (b0 & 0x80) != 0, b0 & 0x0F, buffer, from, to);
    }
  }

  /** The server broke the framing rules; the connection is dropped. */
  static final class ProtocolError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ProtocolError(String message) {
      super(message, null, false, false);
    }
  }
}
