package dev.realtime.client;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** {@link RoomProtocol#chat()}: the chat example's rooms. Immutable. */
final class ChatRoomProtocol implements RoomProtocol {
  static final String ROOM = "room";
  static final String SINCE = "since";
  static final String EPOCH = "epoch";

  @Override
  public Optional<String> roomOf(JsonObject frame) {
    JsonElement room = frame.get(ROOM);
    if (room != null && room.isJsonPrimitive() && room.getAsJsonPrimitive().isString()) {
      return Optional.of(room.getAsString());
    }
    return Optional.empty();
  }

  @Override
  public URI connectUri(URI base, Map<String, RoomPosition> connectRooms) {
    // The URL's room, or, when it names none, the one room the server chose for the client.
    Optional<String> named = QueryParameters.first(base, ROOM).map(String::trim).filter(room -> !room.isEmpty());
    RoomPosition position = named.isPresent() ? connectRooms.get(named.get())
        : connectRooms.size() == 1 ? connectRooms.values().iterator().next() : null;
    if (position == null) {
      return base;
    }
    Map<String, String> resume = new LinkedHashMap<>();
    resume.put(SINCE, Long.toString(position.offset()));
    resume.put(EPOCH, position.epoch());
    return QueryParameters.with(base, resume);
  }

  @Override
  public JsonObject joinFrame(String room, Optional<RoomPosition> since) {
    JsonObject metadata = new JsonObject();
    metadata.addProperty(ROOM, room);
    since.ifPresent(position -> {
      metadata.addProperty(SINCE, position.offset());
      metadata.addProperty(EPOCH, position.epoch());
    });
    return frame("join_room", metadata);
  }

  @Override
  public JsonObject leaveFrame(String room) {
    JsonObject metadata = new JsonObject();
    metadata.addProperty(ROOM, room);
    return frame("leave_room", metadata);
  }

  private static JsonObject frame(String type, JsonObject metadata) {
    JsonObject frame = new JsonObject();
    frame.addProperty("type", type);
    frame.add("metadata", metadata);
    return frame;
  }
}
