package dev.realtime.examples.analytics.wire;

import dev.realtime.transport.Handshake;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * How a client's frames are encoded, chosen at the handshake by WebSocket subprotocol: a client
 * offering {@value #PROTOBUF_PROTOCOL} gets binary Protocol Buffers frames; every other client
 * (offering {@value #JSON_PROTOCOL} or nothing) gets JSON text frames.
 */
public enum Encoding {
  /** JSON text frames, the default. */
  JSON(JsonFrames.INSTANCE),
  /** One protobuf {@code ServerFrame} per binary frame. */
  PROTOBUF(ProtobufFrames.INSTANCE);

  /** The subprotocol that asks for JSON explicitly. */
  public static final String JSON_PROTOCOL = "analytics.v1.json";
  /** The subprotocol that asks for Protocol Buffers. */
  public static final String PROTOBUF_PROTOCOL = "analytics.v1.protobuf";

  private final FrameEncoder frames;

  Encoding(FrameEncoder frames) {
    this.frames = frames;
  }

  /** The frames in this encoding. */
  public FrameEncoder frames() {
    return frames;
  }

  /** The subprotocol to echo from those {@code offered}, if it is one of the feed's. */
  public static Optional<String> select(List<String> offered) {
    Objects.requireNonNull(offered, "offered");
    if (offered.contains(PROTOBUF_PROTOCOL)) {
      return Optional.of(PROTOBUF_PROTOCOL);
    }
    return offered.contains(JSON_PROTOCOL) ? Optional.of(JSON_PROTOCOL) : Optional.empty();
  }

  /** The encoding a handshake chose (the same choice {@link #select} echoed). */
  public static Encoding of(Handshake handshake) {
    List<String> offered = handshake.header("Sec-WebSocket-Protocol")
        .map(header -> Arrays.stream(header.split(",")).map(String::trim).map(name -> name.toLowerCase(Locale.ROOT)).toList())
        .orElse(List.of());
    return select(offered).filter(PROTOBUF_PROTOCOL::equals).isPresent() ? PROTOBUF : JSON;
  }
}
