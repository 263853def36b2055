package dev.realtime.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.realtime.broker.PresenceInfo;
import dev.realtime.broker.memory.InMemoryBroker;
import dev.realtime.protocol.Json;
import dev.realtime.testing.InMemoryTransport;
import dev.realtime.testing.ManualClock;
import dev.realtime.testing.ManualScheduler;
import dev.realtime.testing.TestConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Cluster-wide presence: entries per visible member, deltas coalesced per room and interval,
 * hidden clients left out. Time moves by hand ({@link ManualScheduler}), so nothing sleeps.
 */
class HubPresenceTest {
  private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final ManualScheduler scheduler = new ManualScheduler(clock);
  private final InMemoryBroker nodeA = InMemoryBroker.builder().nodeId("a").clock(clock).build();
  private final InMemoryBroker nodeB = nodeA.newNode("b");
  private final List<Hub> hubs = new ArrayList<>();

  /** One handler call: its room, who joined and left (as {@code user@node}), and the users after. */
  record Call(String room, List<String> joined, List<String> left, Map<String, Integer> users) {}

  @AfterEach
  void close() {
    hubs.forEach(Hub::close);
    nodeA.close();
    nodeB.close();
  }

  private Hub hub(InMemoryBroker broker, List<Call> calls) {
    Hub hub = Hub.builder()
        .name("chat")
        .broker(broker)
        .clock(clock)
        .scheduler(scheduler)
        .presenceInterval(Duration.ofSeconds(1))
        .presenceResync(Duration.ofSeconds(10))
        .onConnect(ctx -> {
          Client client = ctx.client();
          client.setUser(client.handshake().query("user").orElseThrow());
          if (client.handshake().query("probe").isPresent()) {
            client.setHidden(true);
          }
          client.join(client.handshake().query("room").orElse("r"));
        })
        .onPresence(ctx -> calls.add(new Call(
            ctx.room().name(), names(ctx.joined()), names(ctx.left()), ctx.presence().users())))
        .build();
    hubs.add(hub);
    return hub;
  }

  private static List<String> names(List<PresenceInfo> clients) {
    return clients.stream().map(client -> client.user() + "@" + client.nodeId()).sorted().toList();
  }

  private static RoomPresence presence(Hub hub, String room) {
    return hub.room(room).presence().toCompletableFuture().join();
  }

  @Test
  void theViewIsClusterWideWithOneEntryPerUserAndItsConnections() {
    List<Call> calls = new CopyOnWriteArrayList<>();
    Hub a = hub(nodeA, calls);
    Hub b = hub(nodeB, calls);
    new InMemoryTransport(a).connect("/ws?user=ann");
    new InMemoryTransport(b).connect("/ws?user=ann");
    new InMemoryTransport(b).connect("/ws?user=bob");

    for (Hub node : List.of(a, b)) {
      RoomPresence view = presence(node, "r");
      assertThat(view.users()).containsExactly(Map.entry("ann", 2), Map.entry("bob", 1));
      assertThat(view.connections()).isEqualTo(3);
      assertThat(view.connectionsOf("ann")).isEqualTo(2);
    }
    // A room without members here is read from the broker.
    assertThat(presence(a, "nobody-here").clients()).isEmpty();
  }

  @Test
  void theViewSharesItsStringsWithTheLocalClientsAndOneNodeIdPerNode() {
    Hub a = hub(nodeA, new CopyOnWriteArrayList<>());
    Hub b = hub(nodeB, new CopyOnWriteArrayList<>());
    new InMemoryTransport(a).connect("/ws?user=ann");
    new InMemoryTransport(b).connect("/ws?user=bob");
    new InMemoryTransport(b).connect("/ws?user=cid");
    scheduler.advance(Duration.ofSeconds(1));

    List<PresenceInfo> view = presence(a, "r").clients();
    assertThat(view).hasSize(3);
    PresenceInfo ann = view.stream().filter(info -> info.user().equals("ann")).findFirst().orElseThrow();
    Client local = a.clients().iterator().next();
    assertThat(ann.clientId()).isSameAs(local.id());
    assertThat(ann.user()).isSameAs(local.user().orElseThrow());
    assertThat(ann.nodeId()).isSameAs(nodeA.nodeId());
    List<PresenceInfo> remote = view.stream().filter(info -> info.nodeId().equals("b")).toList();
    assertThat(remote).hasSize(2);
    assertThat(remote.get(0).nodeId()).isSameAs(remote.get(1).nodeId());
    assertThat(remote.get(0).data()).isSameAs(remote.get(1).data()).isEmpty();
  }

  @Test
  void changesAreCoalescedPerRoomIntoOneCallPerInterval() {
    List<Call> seenByA = new CopyOnWriteArrayList<>();
    List<Call> seenByB = new CopyOnWriteArrayList<>();
    Hub a = hub(nodeA, seenByA);
    Hub b = hub(nodeB, seenByB);
    new InMemoryTransport(a).connect("/ws?user=ann");
    new InMemoryTransport(b).connect("/ws?user=bob");
    scheduler.advance(Duration.ofSeconds(1));
    seenByA.clear();
    seenByB.clear();

    TestConnection carol = new InMemoryTransport(a).connect("/ws?user=carol");
    new InMemoryTransport(b).connect("/ws?user=dave");
    TestConnection passing = new InMemoryTransport(b).connect("/ws?user=eve");
    passing.disconnect(1000, "gone within the interval");
    new InMemoryTransport(a).connect("/ws?user=ann"); // ann's second connection
    scheduler.advance(Duration.ofMillis(999));
    assertThat(seenByA).isEmpty();

    scheduler.advance(Duration.ofMillis(1));

    for (List<Call> calls : List.of(seenByA, seenByB)) {
      assertThat(calls).containsExactly(new Call(
          "r", List.of("ann@a", "carol@a", "dave@b"), List.of(),
          Map.of("ann", 2, "bob", 1, "carol", 1, "dave", 1)));
    }

    carol.disconnect(1000, "");
    scheduler.advance(Duration.ofSeconds(1));
    assertThat(seenByB.get(1).left()).containsExactly("carol@a");
    assertThat(seenByB).hasSize(2);
    scheduler.advance(Duration.ofSeconds(5));
    assertThat(seenByB).as("nothing changed, nothing to say").hasSize(2);
  }

  @Test
  void theContextSaysWhichUsersAppearedAndDisappearedAndTellsThisNodesMembers() {
    List<PresenceHandler.Context> contexts = new CopyOnWriteArrayList<>();
    Hub a = Hub.builder().name("chat").broker(nodeA).clock(clock).scheduler(scheduler)
        .onConnect(ctx -> {
          ctx.client().setUser(ctx.client().handshake().query("user").orElseThrow());
          ctx.client().join("r");
        })
        .onPresence(ctx -> {
          contexts.add(ctx);
          JsonObject frame = new JsonObject();
          frame.addProperty("type", "presence");
          frame.add("joined", Json.gson().toJsonTree(ctx.usersJoined()));
          frame.add("left", Json.gson().toJsonTree(ctx.usersLeft()));
          ctx.sendToMembers(frame);
        })
        .build();
    hubs.add(a);
    TestConnection first = new InMemoryTransport(a).connect("/ws?user=ann");
    scheduler.advance(Duration.ofSeconds(1));
    TestConnection second = new InMemoryTransport(a).connect("/ws?user=ann");
    new InMemoryTransport(a).connect("/ws?user=bob");
    scheduler.advance(Duration.ofSeconds(1));
    assertThat(contexts.get(contexts.size() - 1).usersJoined()).containsExactly("bob");
    JsonObject told = second.receivedOfType("presence").get(0);
    assertThat(told.get("joined").toString()).isEqualTo("[\"bob\"]");
    assertThat(first.receivedOfType("presence")).hasSize(2);

    first.disconnect(1000, "");
    scheduler.advance(Duration.ofSeconds(1));
    assertThat(contexts.get(contexts.size() - 1).usersLeft()).as("ann still has a connection").isEmpty();
    second.disconnect(1000, "");
    scheduler.advance(Duration.ofSeconds(1));
    assertThat(contexts.get(contexts.size() - 1).usersLeft()).containsExactly("ann");
    assertThat(contexts.get(contexts.size() - 1).presence().users()).containsOnlyKeys("bob");
  }

  @Test
  void aChangedUserIsOneLeftAndOneJoined() {
    List<Call> calls = new CopyOnWriteArrayList<>();
    Hub a = hub(nodeA, calls);
    TestConnection ann = new InMemoryTransport(a).connect("/ws?user=ann");
    scheduler.advance(Duration.ofSeconds(1));
    calls.clear();
    a.clients().iterator().next().setUser("annie");
    scheduler.advance(Duration.ofSeconds(1));
    assertThat(calls).containsExactly(new Call("r", List.of("annie@a"), List.of("ann@a"), Map.of("annie", 1)));
    assertThat(ann.isOpen()).isTrue();
  }

  @Test
  void hiddenClientsGetFramesButAreInNoPresenceUserListOrCount() {
    List<Call> calls = new CopyOnWriteArrayList<>();
    Hub a = hub(nodeA, calls);
    Hub b = hub(nodeB, calls);
    TestConnection ann = new InMemoryTransport(a).connect("/ws?user=ann");
    scheduler.advance(Duration.ofSeconds(1));
    calls.clear();

    TestConnection probe = new InMemoryTransport(b).connect("/ws?user=Anonymous&probe=1");
    scheduler.advance(Duration.ofSeconds(2));

    assertThat(calls).isEmpty();
    assertThat(presence(a, "r").users()).containsOnlyKeys("ann");
    assertThat(presence(b, "r").users()).containsOnlyKeys("ann");
    assertThat(b.room("r").userNames()).isEmpty();
    assertThat(b.room("r").size()).isEqualTo(1);
    assertThat(b.stats().rooms()).isEmpty();
    a.room("r").broadcast(Json.parseObject("{\"type\":\"hello\"}"));
    assertThat(probe.receivedOfType("hello")).hasSize(1);
    assertThat(ann.receivedOfType("hello")).hasSize(1);

    probe.disconnect(1000, "");
    scheduler.advance(Duration.ofSeconds(2));
    assertThat(calls).isEmpty();
  }

  @Test
  void aNodeThatGoesAwayLeavesEveryOtherNodesViewAtTheNextResync() {
    List<Call> seenByA = new CopyOnWriteArrayList<>();
    Hub a = hub(nodeA, seenByA);
    Hub b = hub(nodeB, new CopyOnWriteArrayList<>());
    new InMemoryTransport(a).connect("/ws?user=ann");
    new InMemoryTransport(b).connect("/ws?user=bob");
    scheduler.advance(Duration.ofSeconds(1));
    assertThat(presence(a, "r").users()).containsOnlyKeys("ann", "bob");
    seenByA.clear();

    // Node b's broker is gone without its hub saying goodbye: its entries go, no leave delta is sent.
    nodeB.close();
    assertThat(presence(a, "r").users()).as("not yet re-read").containsOnlyKeys("ann", "bob");

    scheduler.advance(Duration.ofSeconds(10));
    scheduler.advance(Duration.ofSeconds(1));
    assertThat(presence(a, "r").users()).containsOnlyKeys("ann");
    assertThat(seenByA).containsExactly(new Call("r", List.of(), List.of("bob@b"), Map.of("ann", 1)));
  }
}
