package dev.realtime.hub;

import dev.realtime.broker.Broker;
import dev.realtime.broker.PresenceInfo;
import dev.realtime.broker.PublishOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A hub's part in cluster-wide presence.
 *
 * <p>Every visible local member of a room has an entry in the broker's presence for the room
 * (client id, user, node id), added on join, replaced when its user changes, removed on leave;
 * the broker expires the entries of a node that dies. With presence handlers, each such change is
 * also published as a small delta on the room's presence channel, which every node with members
 * in the room follows ({@link PresenceChannel}): the traffic per change is one publication per
 * node, never a list per member. One client's presence operations run one after the other, so its
 * deltas are published in the order they happened.
 */
final class PresenceTracker {
  private static final Logger log = LoggerFactory.getLogger(PresenceTracker.class);

  private final Hub hub;
  private final FanOut fanOut;
  private final Broker broker;
  private final List<PresenceHandler> handlers;
  private final Duration interval;
  private final Supplier<ScheduledExecutorService> scheduler;
  /** One instance of each node id seen in deltas and lists; bounded like {@link #MAX_NODE_IDS}. */
  private final Map<String, String> nodeIds = new ConcurrentHashMap<>();
  /** The most node ids kept for sharing; ids beyond it are used as they came. */
  static final int MAX_NODE_IDS = 1_024;

  PresenceTracker(
      Hub hub, FanOut fanOut, List<PresenceHandler> handlers, Duration interval, Duration resync,
      Supplier<ScheduledExecutorService> scheduler) {
    this.hub = hub;
    this.fanOut = fanOut;
    this.broker = fanOut.broker();
    this.handlers = List.copyOf(handlers);
    this.interval = interval;
    this.scheduler = scheduler;
    if (!this.handlers.isEmpty()) {
      fanOut.followPresence(room -> new PresenceChannel(room, fanOut.names().presence(room), fanOut, this));
      long every = resync.toMillis();
      scheduler.get().scheduleAtFixedRate(this::resyncAll, every, every, TimeUnit.MILLISECONDS);
    }
  }

  /**
   * A member as a room's view keeps it, its strings shared with what this node already holds: a
   * local client's id and user are the client's own, a node id is one instance per node, and empty
   * data is the one empty string. The view holds an entry for every member in the cluster, parsed
   * from deltas and lists; without this, each local member's entry kept four strings of its own
   * (about 190 bytes per connection of the chat example).
   */
  PresenceInfo shared(PresenceInfo parsed) {
    String node = parsed.nodeId();
    String client = parsed.clientId();
    String user = parsed.user();
    if (node.equals(broker.nodeId())) {
      node = broker.nodeId();
      Client local = hub.registry().byId(client);
      if (local != null) {
        client = local.id();
        String localUser = local.user().orElse("");
        user = localUser.equals(user) ? localUser : user;
      }
    } else {
      String known = nodeIds.get(node);
      if (known != null) {
        node = known;
      } else if (nodeIds.size() < MAX_NODE_IDS) {
        String previous = nodeIds.putIfAbsent(node, node);
        node = previous == null ? node : previous;
      }
    }
    String data = parsed.data().isEmpty() ? "" : parsed.data();
    if (client == parsed.clientId() && user == parsed.user() && node == parsed.nodeId() && data == parsed.data()) {
      return parsed;
    }
    return new PresenceInfo(client, user, node, data);
  }

  /** {@code client} is now a member of {@code room}, or its user changed while it is. */
  void present(Client client, String room) {
    if (client.isHidden()) {
      return;
    }
    PresenceInfo info = new PresenceInfo(client.id(), client.user().orElse(""), broker.nodeId(), "");
    String channel = fanOut.names().room(room);
    client.chainPresence(() -> broker.presence().add(channel, info)
        .thenCompose(ignored -> delta(room, PresenceChannel.joinDelta(info))));
  }

  /** {@code client} left {@code room} (or was hidden). */
  void absent(Client client, String room) {
    if (client.isHidden()) {
      return;
    }
    String channel = fanOut.names().room(room);
    client.chainPresence(() -> broker.presence().remove(channel, client.id())
        .thenCompose(ignored -> delta(room, PresenceChannel.leaveDelta(client.id()))));
  }

  /** The room's presence: this node's view when it follows the room, else the broker's list. */
  CompletionStage<RoomPresence> presence(String room) {
    if (fanOut.subscription(fanOut.names().presence(room)) instanceof PresenceChannel channel
        && channel.phase() != Subscription.Phase.IDLE) {
      return channel.view();
    }
    CompletableFuture<RoomPresence> answer = new CompletableFuture<>();
    answerFromBroker(room, answer);
    return answer;
  }

  /** Completes {@code answer} with the broker's list of {@code room}. */
  void answerFromBroker(String room, CompletableFuture<RoomPresence> answer) {
    list(room).whenComplete((clients, failure) -> {
      if (failure != null) {
        answer.completeExceptionally(failure);
      } else {
        answer.complete(new RoomPresence(room, clients));
      }
    });
  }

  CompletableFuture<List<PresenceInfo>> list(String room) {
    try {
      return broker.presence().list(fanOut.names().room(room));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Runs {@code flush} one presence interval from now. */
  void schedule(Runnable flush) {
    try {
      scheduler.get().schedule(flush, interval.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      log.debug("hub closed; a presence flush is dropped");
    }
  }

  /** Hands coalesced changes to the handlers. */
  void fire(String room, List<PresenceInfo> joined, List<PresenceInfo> left, RoomPresence presence) {
    PresenceHandler.Context context = new PresenceHandler.Context(hub.room(room), joined, left, presence);
    for (PresenceHandler handler : handlers) {
      try {
        handler.handle(context);
      } catch (Exception e) {
        log.warn("presence handler failed for room {}", room, e);
      }
    }
  }

  private CompletionStage<?> delta(String room, byte[] delta) {
    if (handlers.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    return fanOut.publish(fanOut.names().presence(room), delta, PublishOptions.defaults());
  }

  private void resyncAll() {
    for (Subscription subscription : fanOut.subscriptions()) {
      if (subscription instanceof PresenceChannel channel && channel.phase() == Subscription.Phase.LIVE) {
        channel.resync();
      }
    }
  }
}
