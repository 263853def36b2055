package dev.realtime.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.realtime.broker.Broker;
import dev.realtime.broker.memory.InMemoryBroker;
import dev.realtime.protocol.ErrorCodes;
import dev.realtime.testing.InMemoryTransport;
import dev.realtime.testing.TestConnection;
import dev.realtime.transport.OutboundMessage;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Several hubs of one application, each on its own node of an in-memory cluster: what crosses
 * nodes, in which order, and how each node's subscriptions follow its members. No sockets, no
 * waiting: the in-memory broker delivers on the publishing thread.
 */
class HubClusterTest {
  private final InMemoryBroker nodeA = InMemoryBroker.builder().nodeId("a").build();
  private final InMemoryBroker nodeB = nodeA.newNode("b");
  private final InMemoryBroker nodeC = nodeA.newNode("c");
  private final List<Hub> hubs = new ArrayList<>();

  @AfterEach
  void close() {
    hubs.forEach(Hub::close);
    nodeA.close();
    nodeB.close();
    nodeC.close();
  }

  /** A chat-like hub: {@code ?user=} and {@code ?room=} on connect, {@code say} broadcasts to the room. */
  private Hub hub(Broker broker) {
    Hub hub = Hub.builder()
        .name("chat")
        .broker(broker)
        .onConnect(ctx -> {
          ctx.client().setUser(ctx.client().handshake().query("user").orElse("anon"));
          ctx.client().handshake().query("room").ifPresent(ctx.client()::join);
        })
        .on("say", ctx -> ctx.broadcast("r", said(ctx.message().get("text").getAsString())))
        .on("join", ctx -> ctx.client().join("r"))
        .on("leave", ctx -> ctx.client().leave("r"))
        .build();
    hubs.add(hub);
    return hub;
  }

  private static JsonObject said(String text) {
    JsonObject frame = new JsonObject();
    frame.addProperty("type", "said");
    frame.addProperty("text", text);
    return frame;
  }

  private static List<String> texts(TestConnection connection) {
    return connection.receivedOfType("said").stream()
        .map(frame -> frame.get("offset").getAsLong() + ":" + frame.get("text").getAsString())
        .toList();
  }

  private static Client clientOf(Hub hub, TestConnection connection) {
    return hub.clients().stream().filter(client -> client.connection() == connection).findFirst().orElseThrow();
  }

  @Test
  void aRoomBroadcastReachesMembersOnEveryNodeInOneOrder() {
    List<Hub> nodes = List.of(hub(nodeA), hub(nodeB), hub(nodeC));
    List<TestConnection> members = new ArrayList<>();
    for (Hub node : nodes) {
      InMemoryTransport transport = new InMemoryTransport(node);
      members.add(transport.connect("/ws?room=r"));
      members.add(transport.connect("/ws?room=r"));
    }
    new InMemoryTransport(nodes.get(1)).connect("/ws?room=elsewhere");
    for (int i = 0; i < 9; i++) {
      members.get(i % members.size()).send("{\"type\":\"say\",\"text\":\"m" + i + "\"}");
    }
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      expected.add((i + 1) + ":m" + i);
    }
    for (TestConnection member : members) {
      assertThat(texts(member)).isEqualTo(expected);
    }
    // Encoded once per node: the members of one node share one frame.
    assertThat(members.get(0).receivedMessages().get(0)).isSameAs(members.get(1).receivedMessages().get(0));
    assertThat(members.get(0).receivedMessages().get(0)).isNotSameAs(members.get(2).receivedMessages().get(0));
  }

  @Test
  void clientIdsAreUniqueAcrossNodesSoAnExclusionWorksWhereverTheClientIs() {
    Hub a = hub(nodeA);
    Hub b = hub(nodeB);
    TestConnection annOnA = new InMemoryTransport(a).connect("/ws?room=r");
    TestConnection bobOnA = new InMemoryTransport(a).connect("/ws?room=r");
    TestConnection carolOnB = new InMemoryTransport(b).connect("/ws?room=r");
    Client ann = clientOf(a, annOnA);
    Client carol = clientOf(b, carolOnB);
    assertThat(ann.id()).startsWith("a-");
    assertThat(carol.id()).startsWith("b-");
    assertThat(ann.id()).isNotEqualTo(carol.id());

    a.room("r").broadcast(said("not to ann"), ann);
    a.room("r").broadcast(said("not to carol"), BroadcastOptions.excluding(carol));

    assertThat(texts(annOnA)).containsExactly("2:not to carol");
    assertThat(texts(bobOnA)).containsExactly("1:not to ann", "2:not to carol");
    assertThat(texts(carolOnB)).containsExactly("1:not to ann");
  }

  @Test
  void userSendsAndHubWideBroadcastsReachEveryNodeAsPublished() {
    Hub a = hub(nodeA);
    Hub b = hub(nodeB);
    TestConnection phone = new InMemoryTransport(a).connect("/ws?user=ann");
    TestConnection laptop = new InMemoryTransport(b).connect("/ws?user=ann");
    TestConnection bob = new InMemoryTransport(b).connect("/ws?user=bob");

    a.sendToUser("ann", OutboundMessage.text("{\"type\":\"note\"}")).toCompletableFuture().join();
    b.broadcast(OutboundMessage.text("everyone")).toCompletableFuture().join();

    assertThat(phone.received()).containsExactly("{\"type\":\"note\"}", "everyone");
    assertThat(laptop.received()).containsExactly("{\"type\":\"note\"}", "everyone");
    assertThat(bob.received()).containsExactly("everyone");
  }

  @Test
  void usersOfOneBucketShareItsChannelAndEachGetsOnlyItsOwnMessages() {
    // "Aa" and "BB" have the same String.hashCode, so the same bucket; "ann" another one.
    ControlledBroker broker = new ControlledBroker(nodeA);
    Hub a = hub(broker);
    Hub b = hub(nodeB);
    TestConnection aa = new InMemoryTransport(a).connect("/ws?user=Aa");
    TestConnection bb = new InMemoryTransport(a).connect("/ws?user=BB");
    TestConnection bbElsewhere = new InMemoryTransport(b).connect("/ws?user=BB");
    String bucket = "chat:users:" + Math.floorMod("Aa".hashCode(), ChannelNames.USER_BUCKETS);
    assertThat(broker.calls()).containsExactly("+chat:all", "+" + bucket);

    b.sendToUser("Aa", OutboundMessage.text("for Aa")).toCompletableFuture().join();
    b.sendToUser("BB", OutboundMessage.text("for BB")).toCompletableFuture().join();
    b.sendToUser("ann", OutboundMessage.text("for ann, who is not connected")).toCompletableFuture().join();
    assertThat(aa.received()).containsExactly("for Aa");
    assertThat(bb.received()).containsExactly("for BB");
    assertThat(bbElsewhere.received()).containsExactly("for BB");

    // The bucket stays subscribed while one of its users is still here.
    aa.disconnect(1000, "");
    assertThat(broker.calls()).doesNotContain("-" + bucket);
    a.sendToUser("BB", OutboundMessage.text("still here")).toCompletableFuture().join();
    assertThat(bb.received()).containsExactly("for BB", "still here");
    bb.disconnect(1000, "");
    assertThat(broker.calls()).endsWith("-" + bucket);
    // And back with the next user of the bucket.
    TestConnection again = new InMemoryTransport(a).connect("/ws?user=Aa");
    assertThat(broker.calls()).endsWith("-" + bucket, "+" + bucket);
    b.sendToUser("Aa", OutboundMessage.text("welcome back")).toCompletableFuture().join();
    assertThat(again.received()).containsExactly("welcome back");
  }

  @Test
  void aUserNameOfAnyCharactersIsAddressedExactly() {
    Hub a = hub(nodeA);
    Hub b = hub(nodeB);
    String name = "ann:room:%3A é 🎉";
    TestConnection ann = new InMemoryTransport(a).connect("/ws?user=" + URLEncoder.encode(name, StandardCharsets.UTF_8));
    b.sendToUser(name, OutboundMessage.binary(new byte[] {1, 2, 3})).toCompletableFuture().join();
    b.sendToUser(name + " ", OutboundMessage.text("someone else")).toCompletableFuture().join();
    assertThat(ann.receivedMessages()).hasSize(1);
    OutboundMessage received = ann.receivedMessages().get(0);
    assertThat(received.isText()).isFalse();
    byte[] bytes = new byte[received.size()];
    received.payload().get(bytes);
    assertThat(bytes).containsExactly(1, 2, 3);
  }

  @Test
  void subscriptionsFollowLocalMembershipAndALeaveRacingARejoinEndsSubscribed() {
    ControlledBroker broker = new ControlledBroker(nodeA);
    Hub hub = hub(broker);
    InMemoryTransport transport = new InMemoryTransport(hub);
    TestConnection ann = transport.connect("/ws?user=ann&room=r");
    TestConnection bob = transport.connect("/ws?user=bob&room=r");
    // ann's and bob's user buckets ("ann".hashCode() mod 256 = 225, "bob" 181)
    assertThat(broker.calls()).containsExactly("+chat:all", "+chat:users:225", "+chat:room:r", "+chat:users:181");

    ann.send("{\"type\":\"leave\"}");
    assertThat(broker.calls()).doesNotContain("-chat:room:r");
    // Bob leaves the room last; while its unsubscribe is on its way, ann comes back.
    broker.duringUnsubscribe(() -> clientOf(hub, ann).join("r"));
    bob.send("{\"type\":\"leave\"}");
    assertThat(broker.calls()).endsWith("-chat:room:r", "+chat:room:r");
    TestConnection carol = new InMemoryTransport(hub(nodeB)).connect("/ws?room=r");
    carol.send("{\"type\":\"say\",\"text\":\"still there?\"}");
    assertThat(texts(ann)).containsExactly("1:still there?");

    ann.disconnect(1000, "");
    assertThat(broker.calls()).endsWith("-chat:room:r", "-chat:users:225");
  }

  @Test
  void aPublishWhileTheSubscriptionIsBeingMadeWaitsForItSoTheSendersNodeGetsItToo() {
    ControlledBroker broker = new ControlledBroker(nodeA);
    TestConnection onB = new InMemoryTransport(hub(nodeB)).connect("/ws?room=r");
    broker.holdSubscribes();
    TestConnection ann = new InMemoryTransport(hub(broker)).connect("/ws?room=r");
    ann.send("{\"type\":\"say\",\"text\":\"first words\"}");
    assertThat(onB.received()).as("not published before the subscription is made").isEmpty();

    broker.releaseSubscribes();

    assertThat(texts(ann)).containsExactly("1:first words");
    assertThat(texts(onB)).containsExactly("1:first words");
  }

  @Test
  void aSubscriptionThatFailsFailsItsWaitingPublishesTellsTheirSendersAndRecoversWhenTheBrokerIsBack() {
    ControlledBroker broker = new ControlledBroker(nodeA);
    TestConnection onB = new InMemoryTransport(hub(nodeB)).connect("/ws?room=r");
    broker.holdSubscribes();
    TestConnection ann = new InMemoryTransport(hub(broker)).connect("/ws?room=r");
    ann.send("{\"type\":\"say\",\"text\":\"lost\",\"id\":\"m1\"}");
    broker.goDown();
    broker.releaseSubscribes();

    ann.send("{\"type\":\"say\",\"text\":\"also lost\",\"id\":\"m2\"}");
    List<JsonObject> errors = ann.receivedOfType("error");
    assertThat(errors).extracting(e -> e.get("code").getAsString()).containsExactly(ErrorCodes.UNAVAILABLE, ErrorCodes.UNAVAILABLE);
    assertThat(errors).extracting(e -> e.get("id").getAsString()).containsExactly("m1", "m2");
    assertThat(onB.received()).isEmpty();
    assertThat(ann.isOpen()).isTrue();

    broker.goUp(); // the hub subscribes again; its members may have missed frames, so they resync
    JsonObject resync = ann.lastJson().orElseThrow();
    assertThat(resync.get("type").getAsString()).isEqualTo("recovery");
    assertThat(resync.get("recovered").getAsBoolean()).isFalse();
    assertThat(resync.get("reason").getAsString()).isEqualTo("unavailable");
    ann.send("{\"type\":\"say\",\"text\":\"back\",\"id\":\"m3\"}");
    assertThat(texts(onB)).containsExactly("1:back");
    assertThat(texts(ann)).containsExactly("1:back");
  }

  @Test
  void aBroadcastDuringABrokerOutageAnswersUnavailableWithTheMessageIdAndTheClientStays() {
    ControlledBroker broker = new ControlledBroker(nodeA);
    CountingMetrics metrics = new CountingMetrics();
    Hub hub = Hub.builder().name("chat").broker(broker).metrics(metrics)
        .onConnect(ctx -> ctx.client().join("r"))
        .on("say", ctx -> ctx.broadcast("r", said(ctx.message().get("text").getAsString())))
        .build();
    hubs.add(hub);
    TestConnection ann = new InMemoryTransport(hub).connect("/ws");
    TestConnection bob = new InMemoryTransport(hub).connect("/ws");
    broker.goDown();
    assertThat(hub.brokerState()).isEqualTo(Broker.State.DOWN);

    ann.send("{\"type\":\"say\",\"text\":\"x\",\"id\":7}");

    JsonObject error = ann.lastJson().orElseThrow();
    assertThat(error.get("type").getAsString()).isEqualTo("error");
    assertThat(error.get("code").getAsString()).isEqualTo("unavailable");
    assertThat(error.get("id").getAsInt()).isEqualTo(7);
    assertThat(error.get("message").getAsString()).isNotBlank();
    assertThat(bob.received()).isEmpty();
    assertThat(ann.isOpen()).isTrue();
    assertThat(metrics.errors.get()).isEqualTo(1);

    broker.goUp();
    ann.send("{\"type\":\"say\",\"text\":\"y\",\"id\":8}");
    assertThat(texts(bob)).containsExactly("1:y");
    assertThat(hub.nodeId()).isEqualTo("a");
  }

  @Test
  void aRepeatedBroadcastWithTheSameIdempotencyKeyIsDeliveredOnce() {
    Hub a = hub(nodeA);
    Hub b = hub(nodeB);
    TestConnection onA = new InMemoryTransport(a).connect("/ws?room=r");
    TestConnection onB = new InMemoryTransport(b).connect("/ws?room=r");
    BroadcastOptions keyed = BroadcastOptions.none().withIdempotencyKey("ann:m-1");
    var first = a.room("r").broadcast(said("once"), keyed).toCompletableFuture().join();
    var again = b.room("r").broadcast(said("once"), keyed).toCompletableFuture().join();
    assertThat(again).isEqualTo(first);
    assertThat(texts(onA)).containsExactly("1:once");
    assertThat(texts(onB)).containsExactly("1:once");
  }
}
