package dev.realtime.broker.redis;

import com.google.gson.JsonObject;
import dev.realtime.broker.StreamPosition;
import dev.realtime.hub.Client;
import dev.realtime.hub.Hub;
import dev.realtime.testing.InMemoryTransport;
import dev.realtime.testing.TestConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Hubs of one chat-like application, each on its own {@link RedisBroker} (a "node"), all on the
 * test's Redis; clients connect through the in-memory transport, so the test drives them without
 * sockets while every frame between nodes goes through Redis.
 *
 * <p>A client connects to {@code /ws?user=U&room=R[&since=N&epoch=E]} and sends {@code
 * {"type":"say","text":…,"id":…[,"room":…]}}; the frame {@code {"type":"said","room","text","id"}}
 * goes to the room through {@code ctx.broadcast}, and {@link #outcomes} records, per id, whether
 * the broadcast succeeded ({@code ok}) or failed (the sender then got an error frame).
 */
final class ChatNodes implements AutoCloseable {
  final Nodes brokers;
  final Map<String, String> outcomes = new ConcurrentHashMap<>();
  /** Why each failed broadcast failed, for failure messages. */
  final Map<String, String> failures = new ConcurrentHashMap<>();
  private final List<Hub> hubs = new ArrayList<>();
  private final Map<String, RedisBroker> byNode = new ConcurrentHashMap<>();

  ChatNodes(String uri, boolean cluster) {
    this.brokers = new Nodes(uri, cluster);
  }

  /** Starts a node with default broker settings. */
  Hub start(String nodeId) {
    return start(nodeId, UnaryOperator.identity(), UnaryOperator.identity());
  }

  /** Starts a node: a broker with {@code broker}'s settings and a hub with {@code hub}'s. */
  Hub start(String nodeId, UnaryOperator<RedisBrokerBuilder> broker, UnaryOperator<Hub.Builder> hub) {
    RedisBroker started = brokers.start(nodeId, broker);
    byNode.put(nodeId, started);
    Hub built = hub.apply(Hub.builder()
            .name("chat")
            .broker(started)
            .onConnect(ctx -> connected(ctx.client()))
            .on("say", ctx -> {
              JsonObject message = ctx.message();
              String room = message.has("room")
                  ? message.get("room").getAsString() : ctx.client().rooms().iterator().next();
              String id = message.get("id").getAsString();
              JsonObject frame = new JsonObject();
              frame.addProperty("type", "said");
              frame.addProperty("room", room);
              frame.addProperty("text", message.get("text").getAsString());
              frame.addProperty("id", id);
              ctx.broadcast(room, frame).whenComplete((position, failure) -> {
                if (failure != null) {
                  failures.put(id, failure.toString());
                }
                outcomes.put(id, failure == null ? "ok" : "failed");
              });
            }))
        .build();
    hubs.add(built);
    return built;
  }

  private static void connected(Client client) {
    client.setUser(client.handshake().query("user").orElse("anon"));
    if (client.handshake().query("hidden").isPresent()) {
      client.setHidden(true);
    }
    String room = client.handshake().query("room").orElse("r");
    if (client.handshake().query("since").isPresent()) {
      client.join(room, new StreamPosition(
          Long.parseLong(client.handshake().query("since").get()), client.handshake().query("epoch").get()));
    } else {
      client.join(room);
    }
  }

  /** The broker of the node {@code nodeId}. */
  RedisBroker broker(String nodeId) {
    return byNode.get(nodeId);
  }

  /** Connects a client to {@code hub}. */
  static TestConnection connect(Hub hub, String requestTarget) {
    return new InMemoryTransport(hub).connect(requestTarget);
  }

  /**
   * Connects a client that joins {@code room} from the room's current position and waits for its
   * {@code recovery} frame: from then on the node's subscription is live, so frames other nodes
   * publish reach it (a plain join would get those published after the node subscribed).
   */
  static TestConnection connectLive(Hub hub, String room, String query) {
    StreamPosition now = hub.room(room).position().toCompletableFuture().join();
    TestConnection connection = connect(hub, "/ws?room=" + room + "&since=" + now.offset() + "&epoch=" + now.epoch()
        + (query.isEmpty() ? "" : "&" + query));
    Await.until("live in " + room, () -> !connection.receivedOfType("recovery").isEmpty());
    return connection;
  }

  static String say(String text, String id) {
    return "{\"type\":\"say\",\"text\":\"" + text + "\",\"id\":\"" + id + "\"}";
  }

  /** The ids of the {@code said} frames a client got, in order. */
  static List<String> ids(TestConnection connection) {
    return connection.receivedOfType("said").stream().map(frame -> frame.get("id").getAsString()).toList();
  }

  /** The {@code said} frames a client got, as {@code offset=id}. */
  static List<String> positioned(TestConnection connection) {
    return connection.receivedOfType("said").stream()
        .map(frame -> frame.get("offset").getAsLong() + "=" + frame.get("id").getAsString())
        .toList();
  }

  static StreamPosition positionOf(JsonObject frame) {
    return new StreamPosition(frame.get("offset").getAsLong(), frame.get("epoch").getAsString());
  }

  /** The ids whose broadcast succeeded, among {@code ids}. */
  List<String> succeeded(List<String> ids) {
    return ids.stream().filter(id -> "ok".equals(outcomes.get(id))).toList();
  }

  @Override
  public void close() {
    hubs.forEach(Hub::close);
    brokers.close();
  }
}
