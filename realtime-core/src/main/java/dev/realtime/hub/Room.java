package dev.realtime.hub;

import com.google.gson.JsonElement;
import dev.realtime.protocol.Json;
import dev.realtime.transport.OutboundMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A named group of clients that receive the same broadcasts.
 *
 * <p>A hub creates a room on its first join and removes it when its last member leaves; a removed
 * room has no members and broadcasts to it reach nobody. Membership is a concurrent set, so
 * broadcasts never block joins and unrelated rooms never contend.
 */
public final class Room {
  private final String name;
  final Set<Client> members = ConcurrentHashMap.newKeySet();

  Room(String name) {
    this.name = name;
  }

  /** The room's name. */
  public String name() {
    return name;
  }

  /** The number of members. */
  public int size() {
    return members.size();
  }

  /** Whether {@code client} is a member. */
  public boolean contains(Client client) {
    return members.contains(client);
  }

  /** A snapshot of the members. */
  public Set<Client> members() {
    return Set.copyOf(members);
  }

  /** The user names of the members, sorted, one entry per connection that has a user. */
  public List<String> userNames() {
    List<String> names = new ArrayList<>();
    for (Client member : members) {
      member.user().ifPresent(names::add);
    }
    names.sort(null);
    return List.copyOf(names);
  }

  /** Sends {@code message} to every member; returns how many accepted it. */
  public int broadcast(OutboundMessage message) {
    return broadcast(message, null);
  }

  /** Sends {@code message} to every member except {@code excluded} (may be null). */
  public int broadcast(OutboundMessage message, Client excluded) {
    int delivered = 0;
    for (Client member : members) {
      if (member != excluded && member.send(message)) {
        delivered++;
      }
    }
    return delivered;
  }

  /** Encodes {@code message} once and sends it to every member. */
  public int broadcast(JsonElement message) {
    return broadcast(Json.message(message), null);
  }

  /** Encodes {@code message} once and sends it to every member except {@code excluded}. */
  public int broadcast(JsonElement message, Client excluded) {
    return broadcast(Json.message(message), excluded);
  }

  @Override
  public String toString() {
    return "Room[" + name + ", " + members.size() + " members]";
  }
}
