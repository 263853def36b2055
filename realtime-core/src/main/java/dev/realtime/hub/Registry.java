package dev.realtime.hub;

import dev.realtime.protocol.ProtocolException;
import dev.realtime.transport.Connection;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The clients of one hub on this node: by connection (the connection's attachment where its
 * transport keeps one, else a map) and id, each room's local members, and each user's connections.
 *
 * <p>No global lock: a room's membership changes inside {@code compute} on the room's key, so a
 * room appears with its first member and disappears with its last atomically, and a join never
 * lands in a room that is being removed. A client that disconnects while it joins never stays in
 * the room: the disconnect marks the client before it reads the client's rooms, and the join looks
 * at the mark again after it added the client, undoing the join if it lost the race. A user's
 * connections change the same way, inside {@code compute} on the user's key.
 */
final class Registry {

  /**
   * Learns when a room or user gains its first local connection and loses its last. Each call is
   * made under that room's or user's lock, so for one name they strictly alternate; it must only
   * record the change, and returns the work (broker calls) to run once the lock is released.
   */
  interface Lifecycle {
    /** {@code room} now has one local member. */
    Runnable firstLocalMember(String room);

    /** {@code room} has no local member left. */
    Runnable lastLocalMemberLeft(String room);

    /** {@code user} now has one local connection. */
    Runnable firstConnectionOf(String user);

    /** {@code user} has no local connection left. */
    Runnable lastConnectionOf(String user);
  }

  private final HubSettings settings;
  private final Lifecycle lifecycle;
  private final Map<Connection, Client> byConnection = new ConcurrentHashMap<>();
  private final Map<String, Client> byId = new ConcurrentHashMap<>();
  private final Map<String, Set<Client>> rooms = new ConcurrentHashMap<>();
  // A user's connections as a OneOrMore (the client itself while there is one, as for most
  // users), replaced under the user's lock.
  private final Map<String, Object> byUser = new ConcurrentHashMap<>();

  Registry(HubSettings settings, Lifecycle lifecycle) {
    this.settings = settings;
    this.lifecycle = lifecycle;
  }

  // ---- clients ----

  void add(Client client) {
    // By id first: a remove that finds the connection then always finds the id to remove too.
    if (byId.putIfAbsent(client.id(), client) != null) {
      throw new IllegalStateException("client id taken: " + client.id());
    }
    Connection connection = client.connection();
    // The connection keeps its client where the transport can (no map entry, no lookup per
    // message), else the map does. A transport opens a connection once, from one thread, so
    // looking at the attachment before attaching is enough to catch a second open.
    boolean openedTwice = connection.attachment() instanceof Client
        || (!connection.attach(client) && byConnection.putIfAbsent(connection, client) != null);
    if (openedTwice) {
      byId.remove(client.id(), client);
      throw new IllegalStateException("connection opened twice: " + connection.id());
    }
  }

  /** Removes the connection's client and marks it disconnected; null if it was never added. */
  Client remove(Connection connection) {
    Client client;
    if (connection.attachment() instanceof Client attached) {
      // Two removes may race (a close heard while the hub registers the connection): the mark is
      // the one step only one of them wins, as the map's remove is on the other path.
      if (!attached.markDisconnected()) {
        return null;
      }
      connection.attach(null);
      client = attached;
    } else {
      client = byConnection.remove(connection);
      if (client == null) {
        return null;
      }
      client.markDisconnected();
    }
    byId.remove(client.id(), client);
    return client;
  }

  Client byConnection(Connection connection) {
    return connection.attachment() instanceof Client client ? client : byConnection.get(connection);
  }

  Client byId(String id) {
    return byId.get(id);
  }

  Collection<Client> clients() {
    return byId.values();
  }

  int clientCount() {
    return byId.size();
  }

  // ---- rooms ----

  /** The live member set of {@code room}, empty if it has none; callers never modify it. */
  Set<Client> members(String room) {
    Set<Client> members = rooms.get(room);
    return members == null ? Set.of() : members;
  }

  Set<String> roomNames() {
    return rooms.keySet();
  }

  int roomCount() {
    return rooms.size();
  }

  /** Adds {@code client} to {@code room}; false if it was a member already or is gone. */
  boolean join(Client client, String room) {
    Objects.requireNonNull(room, "room");
    if (client.isDisconnected()) {
      return false;
    }
    Set<String> joined = client.rooms();
    if (!joined.contains(room) && joined.size() >= settings.maxRoomsPerClient()) {
      throw new ProtocolException(
          "too_many_rooms", "a connection may be in at most " + settings.maxRoomsPerClient() + " rooms");
    }
    boolean[] added = new boolean[1];
    Runnable[] after = new Runnable[1];
    rooms.compute(room, (name, existing) -> {
      Set<Client> members = existing;
      if (members == null) {
        members = ConcurrentHashMap.newKeySet();
        after[0] = lifecycle.firstLocalMember(name);
      }
      added[0] = members.add(client);
      if (added[0]) {
        client.addRoom(name);
      }
      return members;
    });
    run(after[0]);
    if (!added[0]) {
      return false;
    }
    if (client.isDisconnected()) {
      // Lost a race with the disconnect's cleanup: undo, so no room keeps a dead client.
      leave(client, room);
      return false;
    }
    return true;
  }

  /** Removes {@code client} from {@code room}; false if it was not a member. */
  boolean leave(Client client, String room) {
    Objects.requireNonNull(room, "room");
    boolean[] removed = new boolean[1];
    Runnable[] after = new Runnable[1];
    rooms.computeIfPresent(room, (name, members) -> {
      removed[0] = members.remove(client);
      client.removeRoom(name);
      if (members.isEmpty()) {
        after[0] = lifecycle.lastLocalMemberLeft(name);
        return null;
      }
      return members;
    });
    run(after[0]);
    return removed[0];
  }

  // ---- users ----

  Set<Client> connectionsOf(String user) {
    return OneOrMore.asSet(byUser.get(user));
  }

  int userCount() {
    return byUser.size();
  }

  /** Moves {@code client} from {@code oldUser} (null for none) to {@code newUser}. */
  void changeUser(Client client, String oldUser, String newUser) {
    if (oldUser != null) {
      removeFromUser(client, oldUser);
    }
    if (!client.isDisconnected()) {
      Runnable[] after = new Runnable[1];
      // Most users hold one or two connections: the client, or an immutable set replaced under
      // the user's lock (a copy-on-write set is 80 bytes, a concurrent one more).
      byUser.compute(newUser, (user, existing) -> {
        if (existing == null) {
          after[0] = lifecycle.firstConnectionOf(user);
          return client;
        }
        return OneOrMore.contains(existing, client) ? existing : with(OneOrMore.asSet(existing), client);
      });
      run(after[0]);
      if (client.isDisconnected()) {
        removeFromUser(client, newUser);
      }
    }
  }

  void removeFromUser(Client client, String user) {
    Runnable[] after = new Runnable[1];
    byUser.computeIfPresent(user, (name, existing) -> {
      Set<Client> clients = OneOrMore.asSet(existing);
      if (!clients.contains(client)) {
        return existing;
      }
      if (clients.size() == 1) {
        after[0] = lifecycle.lastConnectionOf(name);
        return null;
      }
      Set<Client> rest = new HashSet<>(clients);
      rest.remove(client);
      return OneOrMore.keep(rest);
    });
    run(after[0]);
  }

  private static Set<Client> with(Set<Client> clients, Client client) {
    Set<Client> more = new HashSet<>(clients);
    more.add(client);
    return Set.copyOf(more);
  }

  private static void run(Runnable work) {
    if (work != null) {
      work.run();
    }
  }
}
