package dev.realtime.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import dev.realtime.broker.StreamGap;
import dev.realtime.broker.StreamPosition;
import dev.realtime.broker.memory.InMemoryBroker;
import dev.realtime.testing.InMemoryTransport;
import dev.realtime.testing.ManualClock;
import dev.realtime.testing.TestConnection;
import dev.realtime.transport.OutboundMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The recovery protocol on one node: a join with a position, without sockets or waiting. */
class HubRecoveryTest {
  private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));

  /** A hub whose clients join {@code ?room=} (with {@code &since=&epoch=} when given) and {@code say} text. */
  private static Hub hub(Hub.Builder builder) {
    return builder
        .onConnect(ctx -> {
          Client client = ctx.client();
          String room = client.handshake().query("room").orElse("r");
          if (client.handshake().query("since").isPresent()) {
            client.join(room, new StreamPosition(
                Long.parseLong(client.handshake().query("since").get()), client.handshake().query("epoch").get()));
          } else {
            client.join(room);
          }
        })
        .on("say", ctx -> ctx.broadcast(ctx.client().rooms().iterator().next(), said(ctx.message().get("text").getAsString())))
        .build();
  }

  private static JsonObject said(String text) {
    JsonObject frame = new JsonObject();
    frame.addProperty("type", "said");
    frame.addProperty("text", text);
    return frame;
  }

  private static String say(String text) {
    return "{\"type\":\"say\",\"text\":\"" + text + "\"}";
  }

  private static String resume(StreamPosition position) {
    return "/ws?room=r&since=" + position.offset() + "&epoch=" + position.epoch();
  }

  private static StreamPosition positionOf(JsonObject frame) {
    return new StreamPosition(frame.get("offset").getAsLong(), frame.get("epoch").getAsString());
  }

  /** What a client got, as {@code said:text} and {@code recovery:true|false}. */
  private static List<String> summary(TestConnection connection) {
    List<String> seen = new ArrayList<>();
    for (JsonObject frame : connection.receivedJson()) {
      String type = frame.get("type").getAsString();
      seen.add(type.equals("said") ? "said:" + frame.get("text").getAsString() : type + ":" + frame.get("recovered").getAsBoolean());
    }
    return seen;
  }

  private static JsonObject recoveryFrame(TestConnection connection) {
    return connection.receivedOfType("recovery").get(0);
  }

  @Test
  void roomFramesCarryTheirPositionSoAClientKnowsWhereItIs() {
    Hub hub = hub(Hub.builder());
    TestConnection ann = new InMemoryTransport(hub).connect("/ws");
    ann.send(say("one"));
    ann.send(say("two"));
    List<JsonObject> frames = ann.receivedOfType("said");
    assertThat(frames).extracting(frame -> frame.get("offset").getAsLong()).containsExactly(1L, 2L);
    assertThat(frames.get(0).get("epoch").getAsString()).isEqualTo(frames.get(1).get("epoch").getAsString()).isNotBlank();
    assertThat(frames.get(0).get("text").getAsString()).isEqualTo("one");
    // Payloads that are not JSON objects travel untouched.
    hub.room("r").broadcast(OutboundMessage.text("plain"));
    hub.room("r").broadcast(OutboundMessage.text("[1,2]"));
    hub.room("r").broadcast(OutboundMessage.binary(new byte[] {1, 2}));
    hub.room("r").broadcast(OutboundMessage.text(" {} "));
    assertThat(ann.received()).contains("plain", "[1,2]");
    assertThat(ann.received().get(ann.received().size() - 1)).matches(" \\{\"offset\":6,\"epoch\":\"[^\"]+\"\\}");
    assertThat(ann.receivedMessages().get(4).isText()).isFalse();
  }

  @Test
  void aFrameSettingTheHubsFieldsIsRefused() {
    Hub hub = hub(Hub.builder());
    JsonObject frame = said("x");
    frame.addProperty("offset", 3);
    assertThatThrownBy(() -> hub.room("r").broadcast(frame)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> hub.room("r").broadcast(OutboundMessage.text("{\"epoch\":\"e\"}")))
        .isInstanceOf(IllegalArgumentException.class);
    // Nested fields of the same name are the application's.
    hub.room("r").broadcast(OutboundMessage.text("{\"type\":\"x\",\"data\":{\"offset\":1}}")).toCompletableFuture().join();
  }

  @Test
  void aClientResumingFromAPositionGetsWhatItMissedInOrderThenRecoveredTrue() {
    Hub hub = hub(Hub.builder());
    InMemoryTransport transport = new InMemoryTransport(hub);
    TestConnection ann = transport.connect("/ws");
    TestConnection bob = transport.connect("/ws");
    ann.send(say("before"));
    StreamPosition seen = positionOf(bob.receivedOfType("said").get(0));
    bob.disconnect(1001, "train tunnel");
    ann.send(say("m1"));
    ann.send(say("m2"));
    ann.send(say("m3"));

    TestConnection back = transport.connect(resume(seen));

    assertThat(summary(back)).containsExactly("said:m1", "said:m2", "said:m3", "recovery:true");
    JsonObject recovery = recoveryFrame(back);
    assertThat(recovery.get("room").getAsString()).isEqualTo("r");
    assertThat(positionOf(recovery)).isEqualTo(new StreamPosition(4, seen.epoch()));
    assertThat(recovery.has("reason")).isFalse();
    assertThat(back.receivedOfType("said")).extracting(frame -> frame.get("offset").getAsLong()).containsExactly(2L, 3L, 4L);

    ann.send(say("live"));
    assertThat(summary(back)).endsWith("recovery:true", "said:live");
  }

  @Test
  void nothingMissedIsRecoveredWithNothingReplayed() {
    Hub hub = hub(Hub.builder());
    InMemoryTransport transport = new InMemoryTransport(hub);
    TestConnection ann = transport.connect("/ws");
    ann.send(say("only"));
    TestConnection back = transport.connect(resume(positionOf(ann.receivedOfType("said").get(0))));
    assertThat(summary(back)).containsExactly("recovery:true");
  }

  @Test
  void historyTrimmedBelowThePositionIsNotRecoveredAndNothingIsReplayed() {
    Hub hub = hub(Hub.builder().broker(InMemoryBroker.builder().historySize(3).build()));
    InMemoryTransport transport = new InMemoryTransport(hub);
    TestConnection ann = transport.connect("/ws");
    ann.send(say("seen"));
    StreamPosition seen = positionOf(ann.receivedOfType("said").get(0));
    for (int i = 0; i < 5; i++) {
      ann.send(say("m" + i));
    }

    TestConnection back = transport.connect(resume(seen));

    assertThat(summary(back)).containsExactly("recovery:false");
    JsonObject recovery = recoveryFrame(back);
    assertThat(recovery.get("reason").getAsString()).isEqualTo("history_trimmed");
    assertThat(positionOf(recovery)).isEqualTo(new StreamPosition(6, seen.epoch()));
    ann.send(say("next"));
    assertThat(back.receivedOfType("said").get(0).get("offset").getAsLong()).isEqualTo(7);
  }

  @Test
  void historyOlderThanItsAgeIsNotRecovered() {
    Hub hub = hub(Hub.builder().broker(InMemoryBroker.builder().historyAge(Duration.ofMinutes(1)).clock(clock).build()));
    InMemoryTransport transport = new InMemoryTransport(hub);
    TestConnection ann = transport.connect("/ws");
    ann.send(say("seen"));
    StreamPosition seen = positionOf(ann.receivedOfType("said").get(0));
    ann.send(say("missed"));
    clock.advance(Duration.ofMinutes(2));

    TestConnection back = transport.connect(resume(seen));

    assertThat(summary(back)).containsExactly("recovery:false");
    assertThat(recoveryFrame(back).get("reason").getAsString()).isEqualTo("history_trimmed");
  }

  @Test
  void anotherEpochIsNotRecovered() {
    Hub hub = hub(Hub.builder());
    InMemoryTransport transport = new InMemoryTransport(hub);
    TestConnection ann = transport.connect("/ws");
    ann.send(say("x"));
    StreamPosition current = positionOf(ann.receivedOfType("said").get(0));

    TestConnection stale = transport.connect(resume(new StreamPosition(1, "lost-epoch")));

    assertThat(summary(stale)).containsExactly("recovery:false");
    assertThat(recoveryFrame(stale).get("reason").getAsString()).isEqualTo("epoch_changed");
    assertThat(positionOf(recoveryFrame(stale))).isEqualTo(current);
  }

  @Test
  void moreMissedThanTheRecoveryLimitIsNotRecovered() {
    Hub hub = hub(Hub.builder().recoveryLimit(2));
    InMemoryTransport transport = new InMemoryTransport(hub);
    TestConnection ann = transport.connect("/ws");
    ann.send(say("seen"));
    StreamPosition seen = positionOf(ann.receivedOfType("said").get(0));
    ann.send(say("a"));
    ann.send(say("b"));
    assertThat(summary(transport.connect(resume(seen)))).containsExactly("said:a", "said:b", "recovery:true");
    ann.send(say("c"));
    TestConnection far = transport.connect(resume(seen));
    assertThat(summary(far)).containsExactly("recovery:false");
    assertThat(recoveryFrame(far).get("reason").getAsString()).isEqualTo("limit_exceeded");
  }

  @Test
  void liveFramesDuringTheReplayFollowItWithoutGapOrDuplicate() {
    ControlledBroker broker = new ControlledBroker(InMemoryBroker.create());
    Hub hub = hub(Hub.builder().broker(broker));
    InMemoryTransport transport = new InMemoryTransport(hub);
    TestConnection ann = transport.connect("/ws");
    ann.send(say("seen"));
    StreamPosition seen = positionOf(ann.receivedOfType("said").get(0));
    ann.send(say("missed"));

    broker.holdHistory();
    TestConnection first = transport.connect(resume(seen));
    ann.send(say("live1"));
    ann.send(say("live2"));
    assertThat(first.received()).isEmpty();
    broker.releaseHistory(); // reads now: history holds live1 and live2 too, which were also buffered
    assertThat(summary(first)).containsExactly("said:missed", "said:live1", "said:live2", "recovery:true");
    assertThat(positionOf(recoveryFrame(first)).offset()).isEqualTo(4);
    ann.send(say("after"));
    assertThat(summary(first)).endsWith("recovery:true", "said:after");
    assertThat(first.receivedOfType("said")).extracting(frame -> frame.get("offset").getAsLong())
        .containsExactly(2L, 3L, 4L, 5L);
  }

  @Test
  void aLiveBurstBeyondTheBufferEndsTheRecoveryUnrecoveredAfterTheBurst() {
    ControlledBroker broker = new ControlledBroker(InMemoryBroker.create());
    CountingMetrics metrics = new CountingMetrics();
    Hub hub = hub(Hub.builder().broker(broker).metrics(metrics).settings(HubSettings.DEFAULTS.withMaxQueuedMessages(3)));
    InMemoryTransport transport = new InMemoryTransport(hub);
    TestConnection ann = transport.connect("/ws");
    ann.send(say("seen"));
    StreamPosition seen = positionOf(ann.receivedOfType("said").get(0));
    broker.holdHistory();
    TestConnection back = transport.connect(resume(seen));
    for (int i = 0; i < 5; i++) {
      hub.room("r").broadcast(said("burst" + i));
    }
    broker.releaseHistory();

    assertThat(summary(back)).containsExactly("recovery:false");
    assertThat(recoveryFrame(back).get("reason").getAsString()).isEqualTo("limit_exceeded");
    assertThat(positionOf(recoveryFrame(back)).offset()).isEqualTo(6);
    assertThat(metrics.dropped.get()).isEqualTo(5);
    hub.room("r").broadcast(said("next"));
    assertThat(back.receivedOfType("said")).extracting(frame -> frame.get("offset").getAsLong()).containsExactly(7L);
  }

  @Test
  void aGapTheBrokerCannotFillTellsEveryMemberToResync() {
    ControlledBroker broker = new ControlledBroker(InMemoryBroker.create());
    Hub hub = hub(Hub.builder().broker(broker));
    InMemoryTransport transport = new InMemoryTransport(hub);
    TestConnection ann = transport.connect("/ws");
    TestConnection bob = transport.connect("/ws");
    ann.send(say("x"));

    broker.reportGap("hub:room:r", StreamGap.Reason.HISTORY_TRIMMED);

    for (TestConnection member : List.of(ann, bob)) {
      JsonObject recovery = member.lastJson().orElseThrow();
      assertThat(recovery.get("type").getAsString()).isEqualTo("recovery");
      assertThat(recovery.get("recovered").getAsBoolean()).isFalse();
      assertThat(recovery.get("reason").getAsString()).isEqualTo("history_trimmed");
      assertThat(recovery.get("offset").getAsLong()).isEqualTo(1);
    }
  }

  @Test
  void aJoinWithAPositionWhileTheBrokerIsDownIsAnsweredUnrecoveredWithoutAPosition() {
    ControlledBroker broker = new ControlledBroker(InMemoryBroker.create());
    Hub hub = hub(Hub.builder().broker(broker));
    InMemoryTransport transport = new InMemoryTransport(hub);
    broker.goDown();
    TestConnection back = transport.connect(resume(new StreamPosition(3, "e")));
    assertThat(summary(back)).containsExactly("recovery:false");
    assertThat(recoveryFrame(back).get("reason").getAsString()).isEqualTo("unavailable");
    assertThat(recoveryFrame(back).has("offset")).isFalse();
    assertThat(back.isOpen()).isTrue();
    hub.close();
  }
}
