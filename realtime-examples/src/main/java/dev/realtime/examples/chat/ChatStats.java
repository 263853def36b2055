package dev.realtime.examples.chat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.realtime.broker.Broker;
import dev.realtime.broker.PresenceInfo;
import dev.realtime.hub.Client;
import dev.realtime.hub.Hub;
import dev.realtime.hub.HubStats;
import dev.realtime.protocol.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chat's {@code /stats}: this node's rooms and connections, and on a cluster everyone's.
 *
 * <p>Each node keeps a summary of its own visible clients (probes and other hidden clients left
 * out) in the broker's presence of one channel, {@value #NODES_CHANNEL}, as one entry with its
 * node id: rewritten at most once per interval after a change, refreshed by the broker, gone at
 * once when the node stops and within the presence TTL when it dies. {@code /stats} on any node
 * reads them all and adds them up, so it answers for the whole cluster with one read, at most an
 * interval behind.
 */
final class ChatStats {
  /** The presence channel of the nodes' summaries (no hub channel is named so). */
  static final String NODES_CHANNEL = "chat:nodes";
  private static final Logger log = LoggerFactory.getLogger(ChatStats.class);
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(3);

  private final Hub hub;
  private final Optional<Broker> broker;
  private final ScheduledExecutorService scheduler;
  private final Duration interval;
  private final AtomicBoolean pending = new AtomicBoolean();

  ChatStats(Hub hub, Optional<Broker> broker, ScheduledExecutorService scheduler, Duration interval) {
    this.hub = hub;
    this.broker = broker;
    this.scheduler = scheduler;
    this.interval = interval;
  }

  /** Membership changed here: rewrite this node's summary within one interval. */
  void changed() {
    if (broker.isEmpty() || !pending.compareAndSet(false, true)) {
      return;
    }
    try {
      scheduler.schedule(this::publish, interval.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      pending.set(false); // shutting down
    }
  }

  private void publish() {
    pending.set(false); // first: a change while this runs schedules the next rewrite
    Broker node = broker.orElseThrow();
    PresenceInfo summary = new PresenceInfo(node.nodeId(), "", node.nodeId(), Json.encode(local()));
    node.presence().add(NODES_CHANNEL, summary).whenComplete((ignored, failure) -> {
      if (failure != null) {
        log.debug("could not store this node's chat summary; the broker rewrites it when back: {}", failure.toString());
      }
    });
  }

  /**
   * This node's summary: {@code rooms} (name → {@code client_count} and {@code clients}, one
   * name per connection), {@code total_clients} (visible connections, each once) and {@code
   * total_users} (distinct names among the rooms' members).
   */
  JsonObject local() {
    HubStats stats = hub.stats();
    JsonObject rooms = new JsonObject();
    stats.rooms().forEach((name, room) -> {
      JsonObject entry = new JsonObject();
      entry.addProperty("client_count", room.clientCount());
      entry.add("clients", Json.gson().toJsonTree(room.clients()));
      rooms.add(name, entry);
    });
    Set<String> users = new HashSet<>();
    stats.rooms().values().forEach(room -> users.addAll(room.clients()));
    int clients = 0;
    for (Client client : hub.clients()) {
      if (!client.isHidden()) {
        clients++;
      }
    }
    JsonObject summary = new JsonObject();
    summary.add("rooms", rooms);
    summary.addProperty("total_clients", clients);
    summary.addProperty("total_users", users.size());
    return summary;
  }

  /**
   * The {@code /stats} document. The seed's fields, for the whole cluster: {@code rooms} (each
   * with {@code client_count} and {@code clients}) and {@code total_clients}; then {@code
   * total_users}, {@code node} (who answered), {@code cluster}, {@code nodes} (each node's {@code
   * total_clients}, {@code total_users} and per-room {@code rooms} counts) and {@code complete}
   * (false when the other nodes could not be read: then it is this node's alone).
   */
  JsonObject document() {
    String self = hub.nodeId();
    Map<String, JsonObject> nodes = new TreeMap<>();
    boolean complete = true;
    if (broker.isPresent()) {
      try {
        for (PresenceInfo entry : broker.get().presence().list(NODES_CHANNEL)
            .get(READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
          if (!entry.nodeId().equals(self)) {
            nodes.put(entry.nodeId(), Json.parseObject(entry.data()));
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        complete = false;
      } catch (ExecutionException | TimeoutException | RuntimeException e) {
        log.debug("could not read the other nodes' chat summaries: {}", e.toString());
        complete = false;
      }
    }
    nodes.put(self, local()); // this node's own, fresher than what it stored
    return merge(nodes, self, broker.isPresent(), complete);
  }

  private static JsonObject merge(Map<String, JsonObject> nodes, String self, boolean cluster, boolean complete) {
    Map<String, List<String>> roomClients = new TreeMap<>();
    Map<String, Integer> roomCounts = new TreeMap<>();
    Set<String> users = new HashSet<>();
    int totalClients = 0;
    JsonObject perNode = new JsonObject();
    for (Map.Entry<String, JsonObject> node : nodes.entrySet()) {
      JsonObject summary = node.getValue();
      JsonObject counts = new JsonObject();
      for (Map.Entry<String, JsonElement> room : summary.getAsJsonObject("rooms").entrySet()) {
        JsonObject entry = room.getValue().getAsJsonObject();
        int count = entry.get("client_count").getAsInt();
        roomCounts.merge(room.getKey(), count, Integer::sum);
        List<String> names = roomClients.computeIfAbsent(room.getKey(), name -> new ArrayList<>());
        entry.getAsJsonArray("clients").forEach(name -> {
          names.add(name.getAsString());
          users.add(name.getAsString());
        });
        counts.addProperty(room.getKey(), count);
      }
      int clients = summary.get("total_clients").getAsInt();
      totalClients += clients;
      JsonObject nodeEntry = new JsonObject();
      nodeEntry.addProperty("total_clients", clients);
      nodeEntry.addProperty("total_users", summary.get("total_users").getAsInt());
      nodeEntry.add("rooms", counts);
      perNode.add(node.getKey(), nodeEntry);
    }
    JsonObject rooms = new JsonObject();
    roomCounts.forEach((name, count) -> {
      List<String> names = roomClients.get(name);
      names.sort(null);
      JsonArray list = new JsonArray();
      names.forEach(list::add);
      JsonObject entry = new JsonObject();
      entry.addProperty("client_count", count);
      entry.add("clients", list);
      rooms.add(name, entry);
    });
    JsonObject body = new JsonObject();
    body.add("rooms", rooms);
    body.addProperty("total_clients", totalClients);
    body.addProperty("total_users", users.size());
    body.addProperty("node", self);
    body.addProperty("cluster", cluster);
    body.add("nodes", perNode);
    body.addProperty("complete", complete);
    return body;
  }
}
