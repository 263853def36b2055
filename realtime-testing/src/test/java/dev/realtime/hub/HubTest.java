package dev.realtime.hub;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import dev.realtime.auth.OriginPolicy;
import dev.realtime.broker.StreamPosition;
import dev.realtime.protocol.CloseCodes;
import dev.realtime.protocol.ProtocolException;
import dev.realtime.testing.HandshakeRefused;
import dev.realtime.testing.InMemoryTransport;
import dev.realtime.testing.TestConnection;
import dev.realtime.transport.ConnectionListener;
import dev.realtime.transport.OutboundMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HubTest {

  private static JsonObject json(String type) {
    JsonObject object = new JsonObject();
    object.addProperty("type", type);
    return object;
  }

  private static Hub roomHub() {
    return Hub.builder()
        .onConnect(
            ctx -> {
              Client client = ctx.client();
              client.setUser(client.handshake().query("user").orElse("anon"));
              client.join(client.handshake().query("room").orElse("lobby"));
            })
        .on(
            "say",
            ctx -> {
              JsonObject out = json("said");
              out.addProperty("text", ctx.message().get("text").getAsString());
              for (String room : ctx.client().rooms()) {
                ctx.hub().room(room).broadcast(out);
              }
            })
        .on("join", ctx -> ctx.client().join(ctx.message().get("room").getAsString()))
        .on("leave", ctx -> ctx.client().leave(ctx.message().get("room").getAsString()))
        .build();
  }

  @Test
  void routesByTypeToTheRegisteredHandler() {
    List<String> seen = new ArrayList<>();
    Hub hub =
        Hub.builder()
            .on("a", ctx -> seen.add(ctx.type() + ":" + ctx.message().get("n").getAsInt()))
            .on("b", ctx -> seen.add(ctx.type()))
            .build();
    TestConnection connection = new InMemoryTransport(hub).connect("/ws");
    connection.send("{\"type\":\"a\",\"n\":1}");
    connection.send("{\"type\":\"b\"}");
    connection.send("{\"type\":\"a\",\"n\":2}");
    assertThat(seen).containsExactly("a:1", "b", "a:2");
  }

  @Test
  void badInputAnswersAnErrorAndTheConnectionKeepsWorking() {
    AtomicInteger handled = new AtomicInteger();
    Hub hub = Hub.builder().on("ok", ctx -> handled.incrementAndGet()).build();
    TestConnection connection = new InMemoryTransport(hub).connect("/ws");

    connection.send("{not json");
    connection.send("[1,2,3]");
    connection.send("\"just a string\"");
    connection.send("{\"content\":\"no type\"}");
    connection.send("{\"type\":42}");
    connection.send("{\"type\":\"nope\",\"id\":7}");
    connection.send("{\"type\":\"ok\"} trailing");
    connection.send("");

    List<String> codes = new ArrayList<>();
    for (JsonObject frame : connection.receivedJson()) {
      assertThat(frame.get("type").getAsString()).isEqualTo("error");
      assertThat(frame.get("message").getAsString()).isNotBlank();
      codes.add(frame.get("code").getAsString());
    }
    assertThat(codes)
        .containsExactly(
            "invalid_json",
            "not_an_object",
            "not_an_object",
            "missing_type",
            "missing_type",
            "unknown_type",
            "invalid_json",
            "invalid_json");
    assertThat(connection.receivedJson().get(5).get("id").getAsInt()).isEqualTo(7);

    connection.send("{\"type\":\"ok\"}");
    assertThat(handled).hasValue(1);
    assertThat(connection.isOpen()).isTrue();
  }

  @Test
  void handlerFailuresAnswerErrorsWithoutClosing() {
    Hub hub =
        Hub.builder()
            .on("boom", ctx -> {
              throw new IllegalStateException("bug");
            })
            .on("refuse", ctx -> {
              throw new ProtocolException("forbidden", "not allowed");
            })
            .build();
    TestConnection connection = new InMemoryTransport(hub).connect("/ws");
    connection.send("{\"type\":\"boom\"}");
    connection.send("{\"type\":\"refuse\"}");
    assertThat(connection.receivedJson())
        .extracting(frame -> frame.get("code").getAsString())
        .containsExactly("internal_error", "forbidden");
    assertThat(connection.isOpen()).isTrue();
  }

  @Test
  void answersApplicationPings() {
    Hub hub = Hub.builder().build();
    TestConnection connection = new InMemoryTransport(hub).connect("/ws");
    connection.send("{\"type\":\"ping\",\"id\":\"p1\"}");
    JsonObject pong = connection.lastJson().orElseThrow();
    assertThat(pong.get("type").getAsString()).isEqualTo("pong");
    assertThat(pong.get("id").getAsString()).isEqualTo("p1");
  }

  @Test
  void rawTextHandlerSeesEveryFrameUnparsed() {
    Hub hub =
        Hub.builder()
            .onText(ctx -> ctx.client().send(OutboundMessage.text(ctx.text())))
            .build();
    TestConnection connection = new InMemoryTransport(hub).connect("/echo");
    connection.send("not { json");
    connection.send("{\"type\":\"x\"}");
    assertThat(connection.received()).containsExactly("not { json", "{\"type\":\"x\"}");
  }

  @Test
  void binaryWithoutAHandlerClosesWith1003() {
    Hub hub = Hub.builder().build();
    TestConnection connection = new InMemoryTransport(hub).connect("/ws");
    connection.sendBinary(new byte[] {1, 2, 3});
    assertThat(connection.closeCode()).hasValue(CloseCodes.UNSUPPORTED_DATA);
    assertThat(hub.clientCount()).isZero();
  }

  @Test
  void roomsAreCreatedOnFirstJoinAndRemovedWhenEmpty() {
    Hub hub = roomHub();
    InMemoryTransport transport = new InMemoryTransport(hub);
    TestConnection alice = transport.connect("/ws?user=alice&room=r1");
    TestConnection bob = transport.connect("/ws?user=bob&room=r1");
    assertThat(hub.roomNames()).containsExactly("r1");
    assertThat(hub.room("r1").userNames()).containsExactly("alice", "bob");

    alice.send("{\"type\":\"join\",\"room\":\"r2\"}");
    assertThat(hub.roomNames()).containsExactlyInAnyOrder("r1", "r2");
    alice.send("{\"type\":\"leave\",\"room\":\"r2\"}");
    assertThat(hub.roomNames()).containsExactly("r1");

    alice.disconnect(1000, "bye");
    assertThat(hub.room("r1").userNames()).containsExactly("bob");
    bob.disconnect(1000, "bye");
    assertThat(hub.roomNames()).isEmpty();
    assertThat(hub.clientCount()).isZero();
  }

  @Test
  void roomBroadcastReachesMembersOnly() {
    Hub hub = roomHub();
    InMemoryTransport transport = new InMemoryTransport(hub);
    TestConnection a = transport.connect("/ws?user=a&room=one");
    TestConnection b = transport.connect("/ws?user=b&room=one");
    TestConnection c = transport.connect("/ws?user=c&room=two");
    a.send("{\"type\":\"say\",\"text\":\"hi\"}");
    assertThat(a.receivedOfType("said")).hasSize(1);
    assertThat(b.receivedOfType("said")).hasSize(1);
    assertThat(c.receivedOfType("said")).isEmpty();
  }

  @Test
  void broadcastCanExcludeTheSenderAndSharesOnePayload() {
    Hub hub = roomHub();
    InMemoryTransport transport = new InMemoryTransport(hub);
    TestConnection a = transport.connect("/ws?user=a&room=one");
    TestConnection b = transport.connect("/ws?user=b&room=one");
    TestConnection c = transport.connect("/ws?user=c&room=one");
    Client sender = hub.clients().stream().filter(x -> x.user().orElseThrow().equals("a")).findFirst().orElseThrow();
    OutboundMessage message = OutboundMessage.text("{\"type\":\"x\"}");
    StreamPosition position = hub.room("one").broadcast(message, sender).toCompletableFuture().join();
    assertThat(a.receivedMessages()).isEmpty();
    // One frame built once for every member: the message with its position added.
    OutboundMessage delivered = b.receivedMessages().get(0);
    assertThat(b.receivedMessages()).singleElement().isSameAs(c.receivedMessages().get(0));
    assertThat(delivered.text())
        .isEqualTo("{\"type\":\"x\",\"offset\":" + position.offset() + ",\"epoch\":\"" + position.epoch() + "\"}");
  }

  @Test
  void sendsToEveryConnectionOfOneUser() {
    Hub hub = roomHub();
    InMemoryTransport transport = new InMemoryTransport(hub);
    TestConnection phone = transport.connect("/ws?user=alice");
    TestConnection laptop = transport.connect("/ws?user=alice");
    TestConnection other = transport.connect("/ws?user=bob");
    assertThat(hub.clientsOf("alice")).hasSize(2);
    hub.sendToUser("alice", OutboundMessage.text("x"));
    assertThat(phone.received()).containsExactly("x");
    assertThat(laptop.received()).containsExactly("x");
    assertThat(other.received()).isEmpty();
    phone.disconnect(1000, "");
    assertThat(hub.clientsOf("alice")).hasSize(1);
    laptop.disconnect(1000, "");
    assertThat(hub.clientsOf("alice")).isEmpty();
  }

  @Test
  void aSlowConsumerIsDisconnectedWith1013WithoutSlowingOthers() {
    CountingMetrics metrics = new CountingMetrics();
    Hub hub =
        Hub.builder()
            .settings(HubSettings.DEFAULTS.withMaxQueuedMessages(10))
            .metrics(metrics)
            .onConnect(ctx -> ctx.client().join("r"))
            .build();
    InMemoryTransport transport = new InMemoryTransport(hub);
    TestConnection fast = transport.connect("/ws");
    TestConnection slow = transport.connect("/ws");
    slow.pauseReading();
    for (int i = 0; i < 50; i++) {
      hub.room("r").broadcast(OutboundMessage.text("m" + i));
    }
    assertThat(fast.received()).hasSize(50);
    assertThat(slow.closeCode()).hasValue(CloseCodes.TRY_AGAIN_LATER);
    assertThat(slow.queuedMessages()).isEqualTo(10);
    assertThat(metrics.slowConsumers.get()).isEqualTo(1);
    assertThat(hub.room("r").size()).isEqualTo(1);
  }

  @Test
  void byteLimitAlsoTriggersThePolicyAndDropPolicyKeepsTheClient() {
    CountingMetrics metrics = new CountingMetrics();
    Hub hub =
        Hub.builder()
            .settings(
                HubSettings.DEFAULTS
                    .withMaxQueuedBytes(100)
                    .withSlowConsumerPolicy(SlowConsumerPolicy.DROP))
            .metrics(metrics)
            .build();
    TestConnection slow = new InMemoryTransport(hub).connect("/ws");
    slow.pauseReading();
    String fortyBytes = "x".repeat(40);
    for (int i = 0; i < 5; i++) {
      hub.broadcast(OutboundMessage.text(fortyBytes));
    }
    assertThat(slow.queuedBytes()).isEqualTo(80);
    assertThat(slow.isOpen()).isTrue();
    assertThat(metrics.dropped.get()).isEqualTo(3);
    slow.resumeReading();
    assertThat(slow.received()).hasSize(2);
  }

  @Test
  void aMessageLargerThanTheLimitStillGoesToAnIdleClient() {
    Hub hub = Hub.builder().settings(HubSettings.DEFAULTS.withMaxQueuedBytes(10)).build();
    TestConnection connection = new InMemoryTransport(hub).connect("/ws");
    hub.broadcast(OutboundMessage.text("a".repeat(100)));
    assertThat(connection.received()).containsExactly("a".repeat(100));
  }

  @Test
  void connectHandlerFailureRefusesTheClient() {
    Hub hub =
        Hub.builder()
            .onConnect(ctx -> {
              throw new ProtocolException("unauthorized", "who are you?");
            })
            .build();
    TestConnection connection = new InMemoryTransport(hub).connect("/ws");
    assertThat(connection.receivedOfType("error")).singleElement()
        .satisfies(e -> assertThat(e.get("code").getAsString()).isEqualTo("unauthorized"));
    assertThat(connection.closeCode()).hasValue(CloseCodes.POLICY_VIOLATION);
    assertThat(hub.clientCount()).isZero();
  }

  @Test
  void joinLeaveAndDisconnectHandlersSeeJoinsAndLeaves() {
    List<String> events = new ArrayList<>();
    Hub hub =
        Hub.builder()
            .onConnect(ctx -> ctx.client().join("r"))
            .onJoin(ctx -> events.add("+" + ctx.room().name()))
            .onLeave(ctx -> events.add("-" + ctx.room().name()))
            .onDisconnect(ctx -> events.add("closed " + ctx.rooms() + " " + ctx.code() + " " + ctx.remote()))
            .build();
    TestConnection connection = new InMemoryTransport(hub).connect("/ws");
    connection.disconnect(1001, "away");
    assertThat(events).containsExactly("+r", "-r", "closed [r] 1001 true");
  }

  @Test
  void statsListRoomsUsersAndTotals() {
    Hub hub = roomHub();
    InMemoryTransport transport = new InMemoryTransport(hub);
    transport.connect("/ws?user=alice&room=a");
    transport.connect("/ws?user=bob&room=a");
    transport.connect("/ws?user=carol&room=b");
    HubStats stats = hub.stats();
    assertThat(stats.totalClients()).isEqualTo(3);
    assertThat(stats.totalUsers()).isEqualTo(3);
    assertThat(stats.rooms()).containsOnlyKeys("a", "b");
    assertThat(stats.rooms().get("a").clientCount()).isEqualTo(2);
    assertThat(stats.rooms().get("a").clients()).containsExactly("alice", "bob");
  }

  @Test
  void serverCloseInsideAHandlerIsDeliveredAfterIt() {
    List<String> events = new ArrayList<>();
    Hub hub =
        Hub.builder()
            .on("quit", ctx -> {
              ctx.client().close(1000, "bye");
              events.add("handler done");
            })
            .onDisconnect(ctx -> events.add("disconnected " + ctx.code() + " " + ctx.remote()))
            .build();
    TestConnection connection = new InMemoryTransport(hub).connect("/ws");
    connection.send("{\"type\":\"quit\"}");
    assertThat(events).containsExactly("handler done", "disconnected 1000 false");
    assertThat(connection.closeReason()).hasValue("bye");
  }

  @Test
  void aRoomHandleIsCheapAndNeverStale() {
    Hub hub = roomHub();
    Room early = hub.room("later");
    assertThat(early.size()).isZero();
    early.broadcast(OutboundMessage.text("nobody"));
    assertThat(hub.roomNames()).isEmpty();

    TestConnection ann = new InMemoryTransport(hub).connect("/ws?user=ann&room=later");
    assertThat(early.size()).isEqualTo(1);
    assertThat(early.userNames()).containsExactly("ann");
    early.broadcast(OutboundMessage.text("hi"));
    assertThat(ann.received()).containsExactly("hi");
    assertThat(early).isEqualTo(hub.room("later")).hasSameHashCodeAs(hub.room("later"));
    assertThat(early).isNotEqualTo(hub.room("other")).isNotEqualTo(roomHub().room("later"));

    ann.disconnect(1000, "");
    assertThat(early.size()).isZero();
    assertThat(early.members()).isEmpty();
  }

  @Test
  void aMessageContextRepliesWithTheRequestId() {
    Hub hub =
        Hub.builder()
            .on("ask", ctx -> {
              JsonObject answer = json("answer");
              answer.addProperty("had_id", ctx.id().isPresent());
              ctx.reply(answer);
            })
            .on("fail", ctx -> {
              throw ProtocolException.invalid("no " + ctx.type());
            })
            .build();
    TestConnection connection = new InMemoryTransport(hub).connect("/ws");
    connection.send("{\"type\":\"ask\",\"id\":\"q1\"}");
    connection.send("{\"type\":\"ask\"}");
    connection.send("{\"type\":\"fail\",\"id\":9}");
    List<JsonObject> frames = connection.receivedJson();
    assertThat(frames.get(0).get("id").getAsString()).isEqualTo("q1");
    assertThat(frames.get(0).get("had_id").getAsBoolean()).isTrue();
    assertThat(frames.get(1).has("id")).isFalse();
    assertThat(frames.get(1).get("had_id").getAsBoolean()).isFalse();
    assertThat(frames.get(2).get("code").getAsString()).isEqualTo("invalid_message");
    assertThat(frames.get(2).get("message").getAsString()).isEqualTo("no fail");
    assertThat(frames.get(2).get("id").getAsInt()).isEqualTo(9);
  }

  @Test
  void aForeignOriginIsRefusedWith403AtTheHandshake() {
    Hub hub = Hub.builder().originPolicy(OriginPolicy.allowing("https://app.example.com")).build();
    InMemoryTransport transport = new InMemoryTransport(hub);
    assertThat(transport.connect("/ws", Map.of("Origin", "https://app.example.com")).isOpen()).isTrue();
    assertThat(transport.connect("/ws").isOpen()).isTrue();
    assertThatThrownBy(() -> transport.connect("/ws", Map.of("Origin", "https://evil.example.net")))
        .isInstanceOfSatisfying(HandshakeRefused.class, refused -> {
          assertThat(refused.status()).isEqualTo(403);
          assertThat(refused.reason()).contains("https://evil.example.net");
        });
    assertThat(hub.clientCount()).isEqualTo(2);
  }

  @Test
  void theHubChoosesTheSubprotocolAmongThoseOffered() {
    Hub hub = Hub.builder()
        .subprotocols(offered -> offered.contains("bearer") ? Optional.of("bearer") : Optional.of("made-up"))
        .build();
    InMemoryTransport transport = new InMemoryTransport(hub);
    assertThat(transport.connect("/ws", Map.of("Sec-WebSocket-Protocol", "bearer, some.token.value")).subprotocol())
        .hasValue("bearer");
    // an answer the client did not offer is never echoed
    assertThat(transport.connect("/ws", Map.of("Sec-WebSocket-Protocol", "chat")).subprotocol()).isEmpty();
    assertThat(transport.connect("/ws").subprotocol()).isEmpty();
  }

  @Test
  void aHubIsAnEndpointNotAListenerAndHasAName() {
    Hub hub = Hub.builder().name("chat").build();
    assertThat(hub).isNotInstanceOf(ConnectionListener.class);
    assertThat(hub.listener()).isSameAs(hub.listener());
    assertThat(hub.name()).isEqualTo("chat");
    assertThat(Hub.builder().build().name()).isEqualTo("hub");
    hub.close();
    hub.close();
  }
}
