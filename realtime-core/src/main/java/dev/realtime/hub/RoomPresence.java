package dev.realtime.hub;

import dev.realtime.broker.PresenceInfo;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Who is in a room across every node: one entry per connection, and per user how many
 * connections it has there. Hidden clients ({@link Client#setHidden}) are never in it.
 *
 * @param room the room's name
 * @param clients the connections in the room, ordered by client id
 */
public record RoomPresence(String room, List<PresenceInfo> clients) {

  /** Validates and copies the components. */
  public RoomPresence {
    Objects.requireNonNull(room, "room");
    clients = List.copyOf(clients);
  }

  /** Each user in the room once, sorted by name, with its number of connections; clients without a user are left out. */
  public Map<String, Integer> users() {
    Map<String, Integer> users = new TreeMap<>();
    for (PresenceInfo client : clients) {
      if (!client.user().isEmpty()) {
        users.merge(client.user(), 1, Integer::sum);
      }
    }
    return Collections.unmodifiableMap(users);
  }

  /** The number of connections in the room, on every node. */
  public int connections() {
    return clients.size();
  }

  /** The number of connections {@code user} has in the room. */
  public int connectionsOf(String user) {
    Objects.requireNonNull(user, "user");
    int count = 0;
    for (PresenceInfo client : clients) {
      if (client.user().equals(user)) {
        count++;
      }
    }
    return count;
  }
}
