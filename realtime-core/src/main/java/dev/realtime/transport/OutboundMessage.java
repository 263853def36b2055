package dev.realtime.transport;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Function;

/**
 * An immutable message to send, encoded once and shared by every recipient of a broadcast.
 *
 * <p>A transport may cache its own wire encoding of the message with {@link #encoded}, so a
 * broadcast to thousands of connections builds its frame once.
 */
public final class OutboundMessage {
  private final boolean text;
  private final String string;
  private final byte[] bytes;
  private volatile CachedEncoding cache;

  private record CachedEncoding(Object encoder, Object value) {}

  private OutboundMessage(boolean text, String string, byte[] bytes) {
    this.text = text;
    this.string = string;
    this.bytes = bytes;
  }

  /** A text message. */
  public static OutboundMessage text(String text) {
    Objects.requireNonNull(text, "text");
    return new OutboundMessage(true, text, text.getBytes(StandardCharsets.UTF_8));
  }

  /** A binary message; the array is copied. */
  public static OutboundMessage binary(byte[] data) {
    Objects.requireNonNull(data, "data");
    return new OutboundMessage(false, null, data.clone());
  }

  /** A binary message holding the remaining bytes of a buffer, which is not modified. */
  public static OutboundMessage binary(ByteBuffer data) {
    ByteBuffer copy = data.duplicate();
    byte[] array = new byte[copy.remaining()];
    copy.get(array);
    return new OutboundMessage(false, null, array);
  }

  /** Whether this is a text message. */
  public boolean isText() {
    return text;
  }

  /** The text of a text message. */
  public String text() {
    if (!text) {
      throw new IllegalStateException("binary message has no text");
    }
    return string;
  }

  /** A read-only view of the payload (UTF-8 for text messages). */
  public ByteBuffer payload() {
    return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
  }

  /** The payload size in bytes. */
  public int size() {
    return bytes.length;
  }

  /**
   * Returns this message's encoding by {@code encoder}, computing it at most once per encoder.
   *
   * <p>The encoder must be a pure function and the result must not be mutated by callers.
   */
  @SuppressWarnings("unchecked")
  public <T> T encoded(Function<OutboundMessage, T> encoder) {
    CachedEncoding current = cache;
    if (current != null && current.encoder() == encoder) {
      return (T) current.value();
    }
    T value = encoder.apply(this);
    if (current == null) {
      cache = new CachedEncoding(encoder, value);
    }
    return value;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof OutboundMessage that
        && text == that.text
        && Arrays.equals(bytes, that.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes) * 31 + (text ? 1 : 0);
  }

  @Override
  public String toString() {
    return text ? "text(" + string + ")" : "binary(" + bytes.length + " bytes)";
  }
}
