package dev.realtime.hub;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.realtime.broker.Publication;
import dev.realtime.broker.StreamGap;
import dev.realtime.broker.StreamPosition;
import dev.realtime.protocol.Json;
import dev.realtime.protocol.ProtocolException;
import dev.realtime.transport.OutboundMessage;
import java.nio.ByteBuffer;
import java.util.Locale;

/**
 * How frames travel through the broker and what the recovery protocol adds to them.
 *
 * <p>A published payload is one kind byte ({@code t} text, {@code b} binary) and the frame's bytes,
 * so a node rebuilds the same kind of message it was given. A room frame that is a JSON object
 * (its text starts with <code>{</code> and ends with <code>}</code>, ignoring whitespace) is
 * delivered with {@code "offset":N,"epoch":"E"} spliced in before its final <code>}</code>,
 * without parsing it; any other payload (binary, a JSON array, plain text) is delivered exactly as
 * published, without a position. The hub owns those two fields: a room frame that already has
 * either at its top level is refused when it is broadcast.
 */
final class RoomFrames {
  private static final byte TEXT = 't';
  private static final byte BINARY = 'b';

  private RoomFrames() {}

  /** The payload to publish for {@code message}. */
  static byte[] encode(OutboundMessage message) {
    ByteBuffer payload = message.payload();
    byte[] bytes = new byte[payload.remaining() + 1];
    bytes[0] = message.isText() ? TEXT : BINARY;
    payload.get(bytes, 1, bytes.length - 1);
    return bytes;
  }

  /**
   * The payload to publish on a user's channel, which the users of one bucket share: the user's
   * name (4 bytes of its UTF-8 length, then the bytes), then {@link #encode}'s payload.
   */
  static byte[] encodeFor(String user, OutboundMessage message) {
    byte[] name = user.getBytes(UTF_8);
    ByteBuffer frame = message.payload();
    ByteBuffer bytes = ByteBuffer.allocate(Integer.BYTES + name.length + 1 + frame.remaining());
    bytes.putInt(name.length).put(name).put(message.isText() ? TEXT : BINARY).put(frame);
    return bytes.array();
  }

  /**
   * The user a payload of {@link #encodeFor} is for, leaving {@code payload} at the message; null
   * if it is not one (published there by something else).
   */
  static String addressee(ByteBuffer payload) {
    if (payload.remaining() < Integer.BYTES) {
      return null;
    }
    int length = payload.getInt();
    if (length < 0 || length >= payload.remaining()) {
      return null; // the name, then at least the kind byte
    }
    ByteBuffer name = payload.slice(payload.position(), length);
    payload.position(payload.position() + length);
    return UTF_8.decode(name).toString();
  }

  /** The message a publication carries, as published. */
  static OutboundMessage plain(Publication publication) {
    return plain(publication.payload());
  }

  /** The message of a payload of {@link #encode} from its position on. */
  static OutboundMessage plain(ByteBuffer payload) {
    byte kind = payload.get();
    if (kind == BINARY) {
      return OutboundMessage.binary(payload);
    }
    return OutboundMessage.text(UTF_8.decode(payload).toString());
  }

  /** The message a room publication carries, with its position when it is a JSON object. */
  static OutboundMessage positioned(Publication publication) {
    ByteBuffer payload = publication.payload();
    if (payload.get(payload.position()) != TEXT) {
      return plain(publication);
    }
    payload.get();
    String text = UTF_8.decode(payload).toString();
    int close = lastNonSpace(text, text.length() - 1);
    int open = firstNonSpace(text);
    if (close <= open || text.charAt(open) != '{' || text.charAt(close) != '}') {
      return OutboundMessage.text(text);
    }
    boolean empty = lastNonSpace(text, close - 1) == open;
    StreamPosition position = publication.position();
    StringBuilder spliced = new StringBuilder(text.length() + 40)
        .append(text, 0, close)
        .append(empty ? "" : ",")
        .append("\"offset\":")
        .append(position.offset())
        .append(",\"epoch\":")
        .append(Json.encode(new JsonPrimitive(position.epoch())))
        .append('}');
    return OutboundMessage.text(spliced.toString());
  }

  /**
   * Refuses a room frame that sets {@code offset} or {@code epoch} at its top level; only frames
   * that mention either name are parsed.
   */
  static void requireNoPosition(OutboundMessage message) {
    if (!message.isText()) {
      return;
    }
    String text = message.text();
    if (!text.contains("\"offset\"") && !text.contains("\"epoch\"")) {
      return;
    }
    JsonElement value;
    try {
      value = Json.parse(text);
    } catch (ProtocolException notJson) {
      return; // not JSON: delivered as is, nothing spliced into it
    }
    if (value.isJsonObject()) {
      requireNoPosition(value.getAsJsonObject());
    }
  }

  static void requireNoPosition(JsonObject frame) {
    if (frame.has("offset") || frame.has("epoch")) {
      throw new IllegalArgumentException(
          "a room frame must not set 'offset' or 'epoch': the hub adds the frame's stream position");
    }
  }

  /**
   * The frame that ends a recovery or reports a gap: {@code
   * {"type":"recovery","room":R,"recovered":…,"offset":N,"epoch":"E"}}, with a {@code reason} when
   * not recovered; without a position when none is known.
   */
  static OutboundMessage recovery(String room, boolean recovered, StreamPosition position, String reason) {
    JsonObject frame = new JsonObject();
    frame.addProperty("type", "recovery");
    frame.addProperty("room", room);
    frame.addProperty("recovered", recovered);
    if (position != null) {
      frame.addProperty("offset", position.offset());
      frame.addProperty("epoch", position.epoch());
    }
    if (!recovered) {
      frame.addProperty("reason", reason);
    }
    return Json.message(frame);
  }

  /** The wire name of a reason a recovery failed: {@code epoch_changed}, {@code history_trimmed}, {@code limit_exceeded}. */
  static String reason(StreamGap.Reason reason) {
    return reason.name().toLowerCase(Locale.ROOT);
  }

  private static int firstNonSpace(String text) {
    int i = 0;
    while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    return i;
  }

  private static int lastNonSpace(String text, int from) {
    int i = from;
    while (i >= 0 && Character.isWhitespace(text.charAt(i))) {
      i--;
    }
    return i;
  }
}
