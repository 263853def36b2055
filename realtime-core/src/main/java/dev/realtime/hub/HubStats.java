package dev.realtime.hub;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A snapshot of a hub for monitoring.
 *
 * @param rooms each room with members, by name, sorted
 * @param totalClients connected clients
 * @param totalUsers distinct users among them
 */
public record HubStats(Map<String, RoomStats> rooms, int totalClients, int totalUsers) {

  /** Copies the map. */
  public HubStats {
    rooms = Collections.unmodifiableMap(new LinkedHashMap<>(rooms));
  }

  /**
   * One room in the snapshot.
   *
   * @param clientCount connections in the room
   * @param clients user names of the members that have one, sorted
   */
  public record RoomStats(int clientCount, List<String> clients) {
    /** Copies the list. */
    public RoomStats {
      clients = List.copyOf(clients);
    }
  }
}
