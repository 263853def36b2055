package dev.realtime.broker;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * One message on a channel as a broker delivers it to a node or returns it from history.
 *
 * @param channel the channel it was published to
 * @param position its position; its own offset when {@code inHistory}, else the stream's position
 *     when it was published
 * @param payload the published bytes, read-only
 * @param excludedClient the client id the publisher asked nodes to skip, if any
 * @param inHistory whether it was kept in history (and so is delivered in offset order)
 */
public record Publication(
    String channel,
    StreamPosition position,
    ByteBuffer payload,
    Optional<String> excludedClient,
    boolean inHistory) {

  /** Validates the components and keeps a read-only view of the payload. */
  public Publication {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(position, "position");
    Objects.requireNonNull(excludedClient, "excludedClient");
    payload = payload.asReadOnlyBuffer();
  }

  /** Returns a publication of {@code bytes}, which the caller must not change afterwards. */
  public static Publication of(
      String channel,
      StreamPosition position,
      byte[] bytes,
      Optional<String> excludedClient,
      boolean inHistory) {
    return new Publication(channel, position, ByteBuffer.wrap(bytes), excludedClient, inHistory);
  }

  /** Returns the payload as a fresh read-only buffer positioned at its start. */
  @Override
  public ByteBuffer payload() {
    return payload.duplicate();
  }

  /** Returns a copy of the payload bytes. */
  public byte[] payloadBytes() {
    ByteBuffer view = payload.duplicate();
    byte[] bytes = new byte[view.remaining()];
    view.get(bytes);
    return bytes;
  }

  /** Returns the payload decoded as UTF-8 (the hub publishes JSON text frames). */
  public String payloadText() {
    return StandardCharsets.UTF_8.decode(payload.duplicate()).toString();
  }

  /** Returns the payload size in bytes. */
  public int size() {
    return payload.remaining();
  }

  @Override
  public String toString() {
    return "Publication[" + channel + " " + position + ", " + size() + " bytes"
        + excludedClient.map(id -> ", excluding " + id).orElse("")
        + (inHistory ? "" : ", live only") + "]";
  }
}
