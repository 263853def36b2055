package dev.realtime.broker.redis;

import static dev.realtime.broker.redis.ChatNodes.connect;
import static dev.realtime.broker.redis.ChatNodes.connectLive;
import static dev.realtime.broker.redis.ChatNodes.ids;
import static dev.realtime.broker.redis.ChatNodes.positionOf;
import static dev.realtime.broker.redis.ChatNodes.positioned;
import static dev.realtime.broker.redis.ChatNodes.say;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.realtime.broker.PresenceInfo;
import dev.realtime.broker.StreamPosition;
import dev.realtime.hub.BroadcastOptions;
import dev.realtime.hub.Hub;
import dev.realtime.hub.RoomPresence;
import dev.realtime.testing.TestConnection;
import dev.realtime.testing.redis.RedisExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Three hubs of one application on one Redis: rooms, recovery and presence across nodes. */
class HubOnRedisTest {

  @RegisterExtension static final RedisExtension REDIS = RedisExtension.standalone();

  private ChatNodes nodes;

  @BeforeEach
  void nodes() {
    nodes = new ChatNodes(REDIS.uri(), false);
  }

  @AfterEach
  void close() {
    nodes.close();
  }

  private static JsonObject last(TestConnection connection, String type) {
    List<JsonObject> frames = connection.receivedOfType(type);
    return frames.isEmpty() ? null : frames.get(frames.size() - 1);
  }

  @Test
  void membersOnThreeNodesGetEveryRoomsFramesOnceInTheSameOrder() throws Exception {
    List<Hub> hubs = List.of(nodes.start("a"), nodes.start("b"), nodes.start("c"));
    List<TestConnection> lobby = new ArrayList<>();
    List<TestConnection> kitchen = new ArrayList<>();
    for (Hub hub : hubs) {
      lobby.add(connectLive(hub, "lobby", ""));
      lobby.add(connectLive(hub, "lobby", ""));
      kitchen.add(connectLive(hub, "kitchen", ""));
    }
    // Everyone speaks at once: three threads, one per node, both rooms.
    List<Thread> senders = new ArrayList<>();
    for (int n = 0; n < 3; n++) {
      TestConnection inLobby = lobby.get(2 * n);
      TestConnection inKitchen = kitchen.get(n);
      String node = "abc".substring(n, n + 1);
      senders.add(new Thread(() -> {
        for (int i = 0; i < 40; i++) {
          inLobby.send(say("hi", node + "-lobby-" + i));
          inKitchen.send(say("hi", node + "-kitchen-" + i));
        }
      }));
    }
    senders.forEach(Thread::start);
    for (Thread sender : senders) {
      sender.join(20_000);
    }

    for (List<TestConnection> room : List.of(lobby, kitchen)) {
      for (TestConnection member : room) {
        Await.until("all 120 delivered", () -> member.receivedOfType("said").size() >= 120);
      }
      List<String> order = positioned(room.get(0));
      for (int i = 0; i < order.size(); i++) {
        assertThat(order.get(i)).startsWith((i + 1) + "=");
      }
      for (TestConnection member : room) {
        assertThat(positioned(member)).isEqualTo(order);
      }
      // Each sender's own order is kept.
      for (String node : List.of("a", "b", "c")) {
        List<String> own = ids(room.get(0)).stream().filter(id -> id.startsWith(node + "-")).toList();
        assertThat(own).hasSize(40);
        for (int i = 0; i < own.size(); i++) {
          assertThat(own.get(i)).endsWith("-" + i);
        }
      }
    }
    Await.until("every publish answered", () -> nodes.outcomes.size() == 240);
    assertThat(nodes.failures).as("failed broadcasts").isEmpty();
  }

  @Test
  void aClientResumesOnAnotherNodeWithExactlyWhatItMissed() {
    Hub a = nodes.start("a");
    Hub b = nodes.start("b");
    Hub c = nodes.start("c");
    TestConnection speaker = connect(b, "/ws?room=r");
    TestConnection ann = connectLive(a, "r", "");
    speaker.send(say("seen", "m0"));
    Await.until("ann saw m0", () -> ids(ann).contains("m0"));
    StreamPosition seen = positionOf(ann.receivedOfType("said").get(0));
    ann.disconnect(1001, "network change");
    for (int i = 1; i <= 3; i++) {
      speaker.send(say("missed", "m" + i));
    }
    Await.until("published", () -> nodes.outcomes.size() == 4);

    TestConnection back = connect(c, "/ws?room=r&since=" + seen.offset() + "&epoch=" + seen.epoch());

    Await.until("recovered", () -> last(back, "recovery") != null);
    speaker.send(say("live", "m4"));
    Await.until("live after the recovery", () -> ids(back).contains("m4"));
    List<String> types = back.receivedJson().stream().map(frame -> frame.get("type").getAsString()).toList();
    assertThat(types).containsExactly("said", "said", "said", "recovery", "said");
    assertThat(ids(back)).containsExactly("m1", "m2", "m3", "m4");
    JsonObject recovery = last(back, "recovery");
    assertThat(recovery.get("recovered").getAsBoolean()).isTrue();
    assertThat(positionOf(recovery)).isEqualTo(new StreamPosition(4, seen.epoch()));
  }

  @Test
  void aPositionHistoryNoLongerCoversOrFromALostStreamIsAnsweredUnrecovered() {
    UnaryOperator<RedisBrokerBuilder> small = builder -> builder.historySize(3);
    Hub a = nodes.start("a", small, UnaryOperator.identity());
    Hub b = nodes.start("b", small, UnaryOperator.identity());
    TestConnection speaker = connect(a, "/ws?room=r");
    speaker.send(say("seen", "m0"));
    Await.until("m0 back", () -> ids(speaker).contains("m0"));
    StreamPosition seen = positionOf(speaker.receivedOfType("said").get(0));
    for (int i = 1; i <= 5; i++) {
      speaker.send(say("trimmed away", "m" + i));
    }
    Await.until("published", () -> ids(speaker).size() == 6);

    TestConnection late = connect(b, "/ws?room=r&since=" + seen.offset() + "&epoch=" + seen.epoch());
    Await.until("answered", () -> last(late, "recovery") != null);
    assertThat(late.receivedOfType("said")).as("no partial replay").isEmpty();
    assertThat(last(late, "recovery").get("recovered").getAsBoolean()).isFalse();
    assertThat(last(late, "recovery").get("reason").getAsString()).isEqualTo("history_trimmed");
    assertThat(positionOf(last(late, "recovery"))).isEqualTo(new StreamPosition(6, seen.epoch()));

    // Redis loses everything: every member is told to resync, and an old position is not trusted.
    REDIS.flushAllNodes();
    speaker.send(say("new epoch", "n1"));
    Await.until("the gap reported", () -> last(late, "recovery").get("reason").getAsString().equals("epoch_changed"));
    Await.until("n1 delivered", () -> ids(late).contains("n1"));
    TestConnection stale = connect(b, "/ws?room=r&since=" + seen.offset() + "&epoch=" + seen.epoch());
    Await.until("answered", () -> last(stale, "recovery") != null);
    assertThat(last(stale, "recovery").get("recovered").getAsBoolean()).isFalse();
    assertThat(last(stale, "recovery").get("reason").getAsString()).isEqualTo("epoch_changed");
    assertThat(last(stale, "recovery").get("epoch").getAsString()).isNotEqualTo(seen.epoch());
  }

  @Test
  void anExcludedClientIsSkippedOnItsNodeAndARepeatedKeyIsDeliveredOnce() {
    Hub a = nodes.start("a");
    Hub b = nodes.start("b");
    TestConnection ann = connectLive(a, "r", "");
    TestConnection bob = connectLive(b, "r", "");
    var annClient = a.clients().iterator().next();
    JsonObject frame = new JsonObject();
    frame.addProperty("type", "said");
    frame.addProperty("id", "x1");
    b.room("r").broadcast(frame, BroadcastOptions.excluding(annClient)).toCompletableFuture().join();
    BroadcastOptions keyed = BroadcastOptions.none().withIdempotencyKey("retry-1");
    frame.addProperty("id", "x2");
    StreamPosition first = a.room("r").broadcast(frame, keyed).toCompletableFuture().join();
    StreamPosition again = b.room("r").broadcast(frame, keyed).toCompletableFuture().join();
    frame.addProperty("id", "x3");
    b.room("r").broadcast(frame).toCompletableFuture().join();

    Await.until("delivered", () -> ids(bob).size() == 3 && ids(ann).size() == 2);
    assertThat(again).isEqualTo(first);
    assertThat(ids(bob)).containsExactly("x1", "x2", "x3");
    assertThat(ids(ann)).containsExactly("x2", "x3");
  }

  @Test
  void presenceIsClusterWideWithHiddenClientsLeftOutAndChangesCoalesced() {
    List<PresenceCall> calls = new CopyOnWriteArrayList<>();
    UnaryOperator<Hub.Builder> withPresence = builder -> builder
        .presenceInterval(Duration.ofMillis(200))
        .onPresence(ctx -> calls.add(new PresenceCall(ctx.room().hub().nodeId(), names(ctx.joined()), names(ctx.left()))));
    Hub a = nodes.start("a", UnaryOperator.identity(), withPresence);
    Hub b = nodes.start("b", UnaryOperator.identity(), withPresence);
    connect(a, "/ws?user=ann");
    connect(b, "/ws?user=ann");
    connect(a, "/ws?user=probe&hidden=1");
    // A node with members answers from its own view, once loaded: from then on it hears every change.
    for (Hub hub : List.of(a, b)) {
      Await.untilEquals("presence on " + hub.nodeId(), Map.of("ann", 2),
          () -> hub.room("r").presence().toCompletableFuture().join().users());
    }

    TestConnection bob = connect(b, "/ws?user=bob");
    Await.until("a heard bob join", () -> heard(calls, "a", PresenceCall::joined, "bob@b"));
    for (Hub hub : List.of(a, b)) {
      Await.untilEquals("presence on " + hub.nodeId(), Map.of("ann", 2, "bob", 1),
          () -> hub.room("r").presence().toCompletableFuture().join().users());
    }
    RoomPresence view = a.room("r").presence().toCompletableFuture().join();
    assertThat(view.clients()).extracting(client -> client.nodeId()).containsOnly("a", "b");

    bob.disconnect(1000, "");
    Await.until("a heard bob leave", () -> heard(calls, "a", PresenceCall::left, "bob@b"));
    assertThat(calls).noneMatch(call -> call.joined().stream().anyMatch(name -> name.startsWith("probe")));
  }

  private static List<String> names(List<PresenceInfo> clients) {
    return clients.stream().map(client -> client.user() + "@" + client.nodeId()).toList();
  }

  private static boolean heard(
      List<PresenceCall> calls, String node, Function<PresenceCall, List<String>> which, String name) {
    return calls.stream().anyMatch(call -> call.node().equals(node) && which.apply(call).contains(name));
  }

  /** What one node's presence handler heard. */
  record PresenceCall(String node, List<String> joined, List<String> left) {}
}
