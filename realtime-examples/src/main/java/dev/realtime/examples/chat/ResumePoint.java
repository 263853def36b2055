package dev.realtime.examples.chat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.realtime.broker.StreamPosition;
import dev.realtime.protocol.ProtocolException;
import dev.realtime.transport.Handshake;
import java.util.Optional;

/**
 * Where a client resumes a room: {@code since} (the offset of the last room frame it saw) and
 * {@code epoch}, from the connect URL ({@code ?since=N&epoch=E}, for the connection's first room)
 * or from {@code join_room}'s metadata. Both or neither; anything malformed is refused with
 * {@code invalid_message}, never an exception from deeper down.
 */
final class ResumePoint {
  /** The longest epoch accepted (the brokers' tokens are far shorter). */
  static final int MAX_EPOCH_LENGTH = 64;

  private ResumePoint() {}

  /** The position on the connect URL, if any. */
  static Optional<StreamPosition> fromQuery(Handshake handshake) {
    Optional<String> since = handshake.query("since");
    Optional<String> epoch = handshake.query("epoch");
    if (since.isEmpty() && epoch.isEmpty()) {
      return Optional.empty();
    }
    String offset = since.orElseThrow(() -> both()).trim();
    if (!isOffset(offset)) {
      throw ProtocolException.invalid("since must be a whole number from 0, the offset of the last frame seen");
    }
    return Optional.of(position(Long.parseLong(offset), epoch.orElseThrow(() -> both())));
  }

  /** The position in {@code join_room}'s metadata ({@code "since":N,"epoch":"E"}), if any. */
  static Optional<StreamPosition> fromMetadata(JsonObject metadata) {
    JsonElement since = present(metadata.get("since"));
    JsonElement epoch = present(metadata.get("epoch"));
    if (since == null && epoch == null) {
      return Optional.empty();
    }
    if (since == null || epoch == null) {
      throw both();
    }
    if (!(since instanceof JsonPrimitive number) || !number.isNumber()) {
      throw ProtocolException.invalid("field 'metadata.since' must be a whole number from 0");
    }
    // The number's own digits: no exponent, sign or fraction (and never a huge BigDecimal).
    String digits = number.getAsString();
    if (!isOffset(digits)) {
      throw ProtocolException.invalid("field 'metadata.since' must be a whole number from 0");
    }
    long offset = Long.parseLong(digits);
    if (!(epoch instanceof JsonPrimitive text) || !text.isString()) {
      throw ProtocolException.invalid("field 'metadata.epoch' must be a string");
    }
    return Optional.of(position(offset, text.getAsString()));
  }

  /** Up to 18 decimal digits: every such number fits a long. */
  private static boolean isOffset(String text) {
    return !text.isEmpty() && text.length() <= 18 && text.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  private static StreamPosition position(long offset, String epoch) {
    if (epoch.isEmpty() || epoch.length() > MAX_EPOCH_LENGTH || epoch.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
      throw ProtocolException.invalid("epoch must be 1 to " + MAX_EPOCH_LENGTH + " characters without spaces");
    }
    return new StreamPosition(offset, epoch);
  }

  private static JsonElement present(JsonElement element) {
    return element == null || element.isJsonNull() ? null : element;
  }

  private static ProtocolException both() {
    return ProtocolException.invalid("since and epoch go together: give both or neither");
  }
}
