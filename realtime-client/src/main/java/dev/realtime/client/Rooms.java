package dev.realtime.client;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The rooms a client is in and its position in each: rooms it joined itself ({@code join_room} on
 * every connection) and rooms the server put it in when it connected (resumed through the connect
 * URL). Positions come from every room frame's {@code offset}/{@code epoch} and from {@code
 * recovery} frames. Changed only on the client's event thread; read from any thread.
 */
final class Rooms {
  /** One room: joined by the client (or by the server at connect), and the last position seen. */
  private record Entry(boolean joined, Optional<RoomPosition> position) {}

  private final RoomProtocol protocol;
  private final Map<String, Entry> rooms = Collections.synchronizedMap(new LinkedHashMap<>());
  /** Rooms the client left: frames still in flight for them must not bring them back. */
  private final Set<String> left = new HashSet<>();

  Rooms(RoomProtocol protocol) {
    this.protocol = protocol;
  }

  /** Notes a join; returns false if the client was in the room already. */
  boolean join(String room) {
    left.remove(room);
    Entry before = rooms.putIfAbsent(room, new Entry(true, Optional.empty()));
    return before == null;
  }

  /** Notes a leave; returns false if the client was not in the room. */
  boolean leave(String room) {
    left.add(room);
    return rooms.remove(room) != null;
  }

  /**
   * Takes the position of a room frame (one with {@code offset} and {@code epoch}); a room frame of
   * a room the client did not join is one the server put it in.
   */
  void observe(JsonObject frame) {
    Optional<String> room = protocol.roomOf(frame);
    Optional<RoomPosition> position = positionOf(frame);
    if (room.isEmpty() || position.isEmpty() || left.contains(room.get())) {
      return;
    }
    rooms.merge(room.get(), new Entry(false, position),
        (known, seen) -> new Entry(known.joined(), position));
  }

  /** The position a frame carries, if it carries a valid one. */
  static Optional<RoomPosition> positionOf(JsonObject frame) {
    JsonElement offset = frame.get("offset");
    JsonElement epoch = frame.get("epoch");
    if (!(offset instanceof JsonPrimitive number) || !number.isNumber()
        || !(epoch instanceof JsonPrimitive text) || !text.isString() || text.getAsString().isEmpty()) {
      return Optional.empty();
    }
    try {
      long value = number.getAsBigDecimal().longValueExact();
      return value < 0 ? Optional.empty() : Optional.of(new RoomPosition(value, text.getAsString()));
    } catch (ArithmeticException notAWholeNumber) {
      return Optional.empty();
    }
  }

  /** The frames that resume the rooms the client joined itself, for a new connection. */
  List<String> joinFrames(Function<JsonObject, String> encoder) {
    List<String> frames = new ArrayList<>();
    rooms.forEach((room, entry) -> {
      if (entry.joined()) {
        frames.add(encoder.apply(protocol.joinFrame(room, entry.position())));
      }
    });
    return frames;
  }

  /** The rooms the server put the client in at connect, with their positions. */
  Map<String, RoomPosition> connectRooms() {
    Map<String, RoomPosition> connect = new LinkedHashMap<>();
    rooms.forEach((room, entry) -> {
      if (!entry.joined()) {
        entry.position().ifPresent(position -> connect.put(room, position));
      }
    });
    return connect;
  }

  /** The position in {@code room}, if one is known. */
  Optional<RoomPosition> position(String room) {
    Entry entry = rooms.get(room);
    return entry == null ? Optional.empty() : entry.position();
  }

  /** Every room the client is in, as far as it knows. */
  Set<String> names() {
    synchronized (rooms) {
      return Collections.unmodifiableSet(new LinkedHashSet<>(rooms.keySet()));
    }
  }
}
