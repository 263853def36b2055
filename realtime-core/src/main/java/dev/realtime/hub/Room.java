package dev.realtime.hub;

import com.google.gson.JsonElement;
import dev.realtime.protocol.Json;
import dev.realtime.transport.OutboundMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A handle on a named group of clients that receive the same broadcasts.
 *
 * <p>A room exists while it has members: the first join creates it, the last leave removes it.
 * The handle is only a name: {@link Hub#room} gives one for any name, each call looks the room up
 * again (so a handle is never stale), and handles are equal when they name the same room of the
 * same hub. Broadcasting to a room without members reaches nobody.
 */
public final class Room {
  private final Hub hub;
  private final String name;

  Room(Hub hub, String name) {
    this.hub = hub;
    this.name = Objects.requireNonNull(name, "name");
  }

  /** The room's name. */
  public String name() {
    return name;
  }

  /** The hub the room belongs to. */
  public Hub hub() {
    return hub;
  }

  /** The number of members now. */
  public int size() {
    return hub.registry().members(name).size();
  }

  /** Whether {@code client} is a member now. */
  public boolean contains(Client client) {
    return hub.registry().members(name).contains(Objects.requireNonNull(client, "client"));
  }

  /** A snapshot of the members. */
  public Set<Client> members() {
    return Set.copyOf(hub.registry().members(name));
  }

  /** The user names of the members, sorted, one entry per connection that has a user. */
  public List<String> userNames() {
    List<String> names = new ArrayList<>();
    for (Client member : hub.registry().members(name)) {
      member.user().ifPresent(names::add);
    }
    names.sort(null);
    return List.copyOf(names);
  }

  /** Sends {@code message} to every member; returns how many accepted it. */
  public int broadcast(OutboundMessage message) {
    return hub.fanOut().toRoom(name, Objects.requireNonNull(message, "message"), null);
  }

  /** Sends {@code message} to every member except {@code excluded}. */
  public int broadcast(OutboundMessage message, Client excluded) {
    Objects.requireNonNull(message, "message");
    return hub.fanOut().toRoom(name, message, Objects.requireNonNull(excluded, "excluded"));
  }

  /** Encodes {@code message} once and sends it to every member. */
  public int broadcast(JsonElement message) {
    return broadcast(Json.message(message));
  }

  /** Encodes {@code message} once and sends it to every member except {@code excluded}. */
  public int broadcast(JsonElement message, Client excluded) {
    return broadcast(Json.message(message), excluded);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Room that && hub == that.hub && name.equals(that.name);
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(hub) * 31 + name.hashCode();
  }

  @Override
  public String toString() {
    return "Room[" + name + ", " + size() + " members]";
  }
}
