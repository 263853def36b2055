package dev.realtime.client;

import com.google.gson.JsonObject;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * How a server names rooms and resumes them: the part of the protocol that is the application's,
 * not the hub's. The hub adds {@code offset} and {@code epoch} to every room frame and answers a
 * resumed room with a {@code recovery} frame; how a client says which room it joins, and from
 * where, is up to the server. {@link #chat()} is the chat example's convention; give the client
 * another implementation for other servers ({@link RealtimeClient.Builder#rooms}).
 *
 * <p>Called on the client's event thread; implementations must not block and should be immutable.
 */
public interface RoomProtocol {

  /** The room a frame from the server belongs to, if it is a room frame (chat: its {@code "room"}). */
  Optional<String> roomOf(JsonObject frame);

  /**
   * The address of the next connection: {@code base} (the URL the client was built with), changed
   * to resume the rooms the server put the client in when it connected ({@code connectRooms}, with
   * their last positions). Return {@code base} when the server has no way to resume them.
   */
  URI connectUri(URI base, Map<String, RoomPosition> connectRooms);

  /** The frame that joins {@code room}, resuming from {@code since} when present. */
  JsonObject joinFrame(String room, Optional<RoomPosition> since);

  /** The frame that leaves {@code room}. */
  JsonObject leaveFrame(String room);

  /**
   * The chat example's convention ({@code docs/protocol.md}): room frames carry {@code "room"};
   * the connect URL's {@code room} parameter names the first room and {@code since=N&epoch=E}
   * resumes it; other rooms are {@code {"type":"join_room","metadata":{"room":R,"since":N,"epoch":E}}}
   * and {@code {"type":"leave_room","metadata":{"room":R}}}.
   */
  static RoomProtocol chat() {
    return new ChatRoomProtocol();
  }
}
