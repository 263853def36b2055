package dev.realtime.transport.netty;

import dev.realtime.transport.OutboundMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.nio.ByteBuffer;
import java.util.function.Function;

/**
 * Encodes a message once as a complete, unmasked RFC 6455 frame in direct memory shared by every
 * recipient.
 *
 * <p>Server frames are never masked, so the bytes are the same for every connection that does not
 * compress. The frame lives in a direct buffer so the socket writes it without first copying it
 * into one (Netty copies heap buffers before a write); the buffer cannot be released (nor, by convention, written: it is never handed out), and its
 * memory is returned when the message is garbage collected, which is what lets a broadcast share it
 * with thousands of connections without reference counting. Each recipient writes its own {@link
 * ByteBuf#duplicate() duplicate}: independent read positions over the same memory.
 */
final class SharedFrame implements Function<OutboundMessage, ByteBuf> {
  static final SharedFrame ENCODER = new SharedFrame();
  private static final int FIN = 0x80;
  private static final int TEXT = 0x1;
  private static final int BINARY = 0x2;
  private static final int CLOSE = 0x8;
  private static final int PING = 0x9;
  private static final int PONG = 0xA;
  private static final int MAX_CONTROL_PAYLOAD = 125;

  private SharedFrame() {}

  /** The shared frame for {@code message}, built on first use; write a duplicate, never this one. */
  static ByteBuf of(OutboundMessage message) {
    return message.encoded(ENCODER);
  }

  /**
   * A control frame (close, ping, pong; at most 125 payload bytes, RFC 6455 5.5) as its unmasked
   * wire bytes, for a pipeline without Netty's frame encoder. The frame itself is not released.
   */
  static ByteBuf control(ByteBufAllocator alloc, WebSocketFrame frame) {
    int opcode = frame instanceof CloseWebSocketFrame ? CLOSE
        : frame instanceof PingWebSocketFrame ? PING
        : frame instanceof PongWebSocketFrame ? PONG
        : -1;
    ByteBuf payload = frame.content();
    int length = payload.readableBytes();
    if (opcode < 0 || length > MAX_CONTROL_PAYLOAD) {
      throw new IllegalArgumentException("not a control frame: " + frame);
    }
    ByteBuf out = alloc.buffer(2 + length);
    out.writeByte(FIN | opcode);
    out.writeByte(length);
    out.writeBytes(payload, payload.readerIndex(), length);
    return out;
  }

  @Override
  public ByteBuf apply(OutboundMessage message) {
    ByteBuffer payload = message.payload();
    int length = payload.remaining();
    int header = length < 126 ? 2 : length <= 0xFFFF ? 4 : 10;
    ByteBuffer frame = ByteBuffer.allocateDirect(header + length);
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
    frame.flip();
    return Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(frame));
  }
}
