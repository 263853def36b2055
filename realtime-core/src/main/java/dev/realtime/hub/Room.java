package dev.realtime.hub;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.realtime.broker.StreamPosition;
import dev.realtime.protocol.Json;
import dev.realtime.transport.OutboundMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A handle on a named group of clients that receive the same broadcasts, on every node.
 *
 * <p>A room exists on a node while it has members there: the first join creates it, the last
 * leave removes it. The handle is only a name: {@link Hub#room} gives one for any name, each call
 * looks the room up again (so a handle is never stale), and handles are equal when they name the
 * same room of the same hub. {@link #size}, {@link #members} and {@link #userNames} are this
 * node's members; {@link #presence} is the whole cluster's.
 *
 * <p>A broadcast goes through the hub's broker: it is numbered in the room's stream, kept in its
 * history, and delivered to the members on every node in the same order; a JSON object frame
 * reaches them with {@code "offset"} and {@code "epoch"} added (see {@code docs/protocol.md}).
 * The returned stage completes with the frame's position, or fails (with {@code
 * BrokerUnavailableException} when the broker cannot be reached): then nobody got it, and the
 * sender must be told ({@link MessageHandler.Context#broadcast} does that for a handler).
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

  /** The number of members on this node now, hidden ones included. */
  public int size() {
    return hub.registry().members(name).size();
  }

  /** Whether {@code client} is a member now. */
  public boolean contains(Client client) {
    return hub.registry().members(name).contains(Objects.requireNonNull(client, "client"));
  }

  /** A snapshot of the members on this node. */
  public Set<Client> members() {
    return Set.copyOf(hub.registry().members(name));
  }

  /** The user names of this node's visible members, sorted, one entry per connection that has a user. */
  public List<String> userNames() {
    List<String> names = new ArrayList<>();
    for (Client member : hub.registry().members(name)) {
      if (!member.isHidden()) {
        member.user().ifPresent(names::add);
      }
    }
    names.sort(null);
    return List.copyOf(names);
  }

  /**
   * Who is in the room on every node (visible clients only), without blocking. With presence
   * handlers and members here, from this node's view: at once, or, while the node is starting to
   * follow the room, once the view is loaded, so that this answer plus the changes the handlers
   * hear afterwards is the whole story. Otherwise read from the broker.
   */
  public CompletionStage<RoomPresence> presence() {
    return hub.presenceTracker().presence(name);
  }

  /** The room's current stream position (the offset of its last frame and the epoch). */
  public CompletionStage<StreamPosition> position() {
    try {
      return hub.fanOut().broker().position(hub.fanOut().names().room(name));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Sends {@code message} to every member on every node; completes with its position. */
  public CompletionStage<StreamPosition> broadcast(OutboundMessage message) {
    return broadcast(message, BroadcastOptions.none());
  }

  /** Sends {@code message} to every member except {@code excluded}. */
  public CompletionStage<StreamPosition> broadcast(OutboundMessage message, Client excluded) {
    return broadcast(message, BroadcastOptions.excluding(excluded));
  }

  /**
   * Sends {@code message} as {@code options} say.
   *
   * @throws IllegalArgumentException if the frame is a JSON object with a top-level {@code offset}
   *     or {@code epoch} (the hub's fields)
   */
  public CompletionStage<StreamPosition> broadcast(OutboundMessage message, BroadcastOptions options) {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(options, "options");
    return hub.fanOut().toRoom(name, message, options);
  }

  /** Encodes {@code message} once and sends it to every member. */
  public CompletionStage<StreamPosition> broadcast(JsonElement message) {
    return broadcast(message, BroadcastOptions.none());
  }

  /** Encodes {@code message} once and sends it to every member except {@code excluded}. */
  public CompletionStage<StreamPosition> broadcast(JsonElement message, Client excluded) {
    return broadcast(message, BroadcastOptions.excluding(excluded));
  }

  /** Encodes {@code message} once and sends it as {@code options} say. */
  public CompletionStage<StreamPosition> broadcast(JsonElement message, BroadcastOptions options) {
    Objects.requireNonNull(message, "message");
    if (message instanceof JsonObject object) {
      RoomFrames.requireNoPosition(object);
    }
    return broadcast(Json.message(message), options);
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
