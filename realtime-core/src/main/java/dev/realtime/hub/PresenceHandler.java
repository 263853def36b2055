package dev.realtime.hub;

import com.google.gson.JsonElement;
import dev.realtime.broker.PresenceInfo;
import dev.realtime.protocol.Json;
import dev.realtime.transport.OutboundMessage;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Runs with a room's presence changes on every node, coalesced: at most once per presence
 * interval ({@link Hub.Builder#presenceInterval}) per room, with what changed since the last call
 * ({@link Hub.Builder#onPresence}).
 *
 * <p>Each node that has members in the room runs it for the changes of the whole cluster, so it
 * should tell only its own members ({@link Context#sendToMembers}); a room broadcast from here
 * would be repeated by every node. A client that joined and left within one interval is in
 * neither list. Runs on the hub's scheduler thread: must not block.
 */
@FunctionalInterface
public interface PresenceHandler {

  /** Reacts to the changes. */
  void handle(Context context) throws Exception;

  /**
   * What a presence handler gets.
   *
   * @param room the room whose presence changed
   * @param joined connections that appeared (a connection whose user changed is in both lists)
   * @param left connections that disappeared, as they were, including those of a node that died
   * @param presence the room's presence after the changes
   */
  record Context(Room room, List<PresenceInfo> joined, List<PresenceInfo> left, RoomPresence presence) {
    /** Rejects nulls and copies the lists. */
    public Context {
      Objects.requireNonNull(room, "room");
      joined = List.copyOf(joined);
      left = List.copyOf(left);
      Objects.requireNonNull(presence, "presence");
    }

    /** The hub of the room. */
    public Hub hub() {
      return room.hub();
    }

    /** Users who had no connection in the room before and have one now, sorted. */
    public Set<String> usersJoined() {
      return users(true);
    }

    /** Users who had a connection in the room before and have none now, sorted. */
    public Set<String> usersLeft() {
      return users(false);
    }

    /** Encodes {@code frame} once and sends it to this node's members of the room; returns how many took it. */
    public int sendToMembers(JsonElement frame) {
      OutboundMessage message = Json.message(frame);
      int sent = 0;
      for (Client member : room.members()) {
        if (member.send(message)) {
          sent++;
        }
      }
      return sent;
    }

    private Set<String> users(boolean appeared) {
      Map<String, Integer> after = presence.users();
      Map<String, Integer> delta = new HashMap<>();
      joined.forEach(client -> delta.merge(client.user(), 1, Integer::sum));
      left.forEach(client -> delta.merge(client.user(), -1, Integer::sum));
      Set<String> users = new TreeSet<>();
      delta.forEach((user, change) -> {
        int now = after.getOrDefault(user, 0);
        int before = now - change;
        if (!user.isEmpty() && (appeared ? before <= 0 && now > 0 : before > 0 && now == 0)) {
          users.add(user);
        }
      });
      return users;
    }
  }
}
