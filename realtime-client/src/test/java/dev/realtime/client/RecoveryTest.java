package dev.realtime.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.hub.Hub;
import dev.realtime.protocol.CloseCodes;
import dev.realtime.testing.ManualClock;
import dev.realtime.testing.ManualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Rooms resumed across reconnects against a real hub with recovery: what was published while the
 * client was away arrives once, in order, then {@code recovered:true}, then live frames; when
 * history cannot cover the gap the application hears {@code recovered:false}. The client runs on a
 * {@link ManualScheduler}, so "while it was away" is exact: it reconnects only when the test moves
 * time by the delay it announced.
 */
class RecoveryTest {
  private final ManualScheduler scheduler = new ManualScheduler(new ManualClock(Instant.parse("2026-01-01T00:00:00Z")));
  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable closeable : open) {
      closeable.close();
    }
  }

  private RoomServer server(int port, UnaryOperator<Hub.Builder> tuning) throws Exception {
    RoomServer server = RoomServer.start(port, tuning);
    open.add(0, server);
    return server;
  }

  private RealtimeClient client(RoomServer server, String query, Recorder recorder) {
    RealtimeClient client = recorder.on(RealtimeClient.builder(server.uri(query)))
        .scheduler(scheduler)
        .noHeartbeat()
        .build();
    open.add(0, client);
    client.connect();
    Await.pumping(scheduler, "connected", () -> client.state() == State.CONNECTED);
    server.awaitSettled();
    return client;
  }

  /** Drops the client's connection from the server's side and waits until it waits to retry. */
  private StateChange dropAndWait(RoomServer server, String user, Recorder recorder) {
    server.kick(user, CloseCodes.GOING_AWAY);
    Await.pumping(scheduler, "a scheduled retry", recorder::waitingToRetry);
    return recorder.last().orElseThrow();
  }

  private void reconnect(StateChange waiting) {
    scheduler.advance(waiting.retryIn().orElseThrow());
  }

  @Test
  void framesPublishedWhileAwayArriveOnceInOrderThenRecoveredThenLive() throws Exception {
    RoomServer server = server(0, UnaryOperator.identity());
    Recorder ann = new Recorder();
    RealtimeClient client = client(server, "username=ann&room=general", ann);
    server.publish("general", "m0");
    Await.pumping(scheduler, "m0", () -> ann.contents("general").size() == 1);
    RoomPosition before = client.position("general").orElseThrow();

    StateChange waiting = dropAndWait(server, "ann", ann);
    assertThat(waiting.closeCode()).hasValue(CloseCodes.GOING_AWAY);
    List<String> missed = IntStream.rangeClosed(1, 20).mapToObj(i -> "m" + i).toList();
    missed.forEach(content -> server.publish("general", content));
    assertThat(ann.contents("general")).containsExactly("m0");

    reconnect(waiting);
    Await.pumping(scheduler, "the recovery", () -> !ann.recoveries.isEmpty());
    server.publish("general", "live");
    Await.pumping(scheduler, "the live frame", () -> ann.contents("general").contains("live"));

    List<String> expected = new ArrayList<>(List.of("m0"));
    expected.addAll(missed);
    expected.add("live");
    assertThat(ann.contents("general")).containsExactlyElementsOf(expected);
    Recovery recovery = ann.recoveries.get(0);
    assertThat(recovery.recovered()).isTrue();
    assertThat(recovery.room()).isEqualTo("general");
    assertThat(recovery.position()).hasValue(new RoomPosition(before.offset() + 20, before.epoch()));
    // The recovery frame comes after the replay and before the live frame.
    List<String> order = ann.frames.stream().map(frame -> frame.get("type").getAsString()
        + (frame.has("content") ? ":" + frame.get("content").getAsString() : "")).toList();
    assertThat(order.indexOf("recovery")).isEqualTo(order.indexOf("message:m20") + 1).isEqualTo(order.indexOf("message:live") - 1);
    assertThat(client.position("general")).hasValue(new RoomPosition(before.offset() + 21, before.epoch()));
    assertThat(server.handshakes.get(1).target())
        .contains("since=" + before.offset()).contains("epoch=" + before.epoch()).contains("room=general");
  }

  @Test
  void aRoomJoinedAfterConnectingIsResumedWithItsOwnPositionToo() throws Exception {
    RoomServer server = server(0, UnaryOperator.identity());
    Recorder ann = new Recorder();
    RealtimeClient client = client(server, "username=ann&room=general", ann);
    client.join("side");
    server.publish("general", "g0");
    Await.pumping(scheduler, "g0", () -> ann.contents("general").size() == 1);
    Await.pumping(scheduler, "the join", () -> server.hub.room("side").size() == 1);
    server.publish("side", "s0");
    Await.pumping(scheduler, "s0", () -> ann.contents("side").size() == 1);
    assertThat(client.rooms()).containsExactlyInAnyOrder("general", "side");

    StateChange waiting = dropAndWait(server, "ann", ann);
    for (int i = 1; i <= 5; i++) {
      server.publish("general", "g" + i);
      server.publish("side", "s" + i);
    }
    reconnect(waiting);
    Await.pumping(scheduler, "both recoveries", () -> ann.recoveries.size() == 2);

    assertThat(ann.contents("general")).containsExactly("g0", "g1", "g2", "g3", "g4", "g5");
    assertThat(ann.contents("side")).containsExactly("s0", "s1", "s2", "s3", "s4", "s5");
    assertThat(ann.recoveries).allMatch(Recovery::recovered)
        .extracting(Recovery::room).containsExactlyInAnyOrder("general", "side");
  }

  @Test
  void moreMissedThanTheRecoveryLimitIsSurfacedAsNotRecoveredWithNothingReplayed() throws Exception {
    RoomServer server = server(0, hub -> hub.recoveryLimit(5));
    Recorder ann = new Recorder();
    RealtimeClient client = client(server, "username=ann&room=general", ann);
    server.publish("general", "m0");
    Await.pumping(scheduler, "m0", () -> ann.contents("general").size() == 1);
    RoomPosition before = client.position("general").orElseThrow();

    StateChange waiting = dropAndWait(server, "ann", ann);
    for (int i = 1; i <= 10; i++) {
      server.publish("general", "m" + i);
    }
    reconnect(waiting);
    Await.pumping(scheduler, "the recovery", () -> !ann.recoveries.isEmpty());
    server.publish("general", "after");
    Await.pumping(scheduler, "the live frame", () -> ann.contents("general").contains("after"));

    Recovery recovery = ann.recoveries.get(0);
    assertThat(recovery.recovered()).isFalse();
    assertThat(recovery.reason()).hasValue("limit_exceeded");
    assertThat(recovery.position()).hasValue(new RoomPosition(before.offset() + 10, before.epoch()));
    assertThat(ann.contents("general")).containsExactly("m0", "after");
    assertThat(client.position("general")).hasValue(new RoomPosition(before.offset() + 11, before.epoch()));
  }

  @Test
  void aRestartedServerHasANewEpochAndTheClientIsToldToResync() throws Exception {
    RoomServer first = server(0, UnaryOperator.identity());
    int port = first.port();
    Recorder ann = new Recorder();
    RealtimeClient client = client(first, "username=ann&room=general", ann);
    first.publish("general", "old");
    Await.pumping(scheduler, "old", () -> ann.contents("general").size() == 1);
    RoomPosition before = client.position("general").orElseThrow();

    first.close();
    open.remove(first);
    Await.pumping(scheduler, "a scheduled retry", ann::waitingToRetry);
    StateChange waiting = ann.last().orElseThrow();
    assertThat(waiting.closeCode()).hasValue(CloseCodes.GOING_AWAY);
    RoomServer second = server(port, UnaryOperator.identity());
    reconnect(waiting);
    Await.pumping(scheduler, "the recovery", () -> !ann.recoveries.isEmpty());

    Recovery recovery = ann.recoveries.get(0);
    assertThat(recovery.recovered()).isFalse();
    assertThat(recovery.reason()).hasValue("epoch_changed");
    assertThat(recovery.position()).isPresent();
    assertThat(recovery.position().orElseThrow().epoch()).isNotEqualTo(before.epoch());
    assertThat(client.position("general")).isEqualTo(recovery.position());
    second.publish("general", "new");
    Await.pumping(scheduler, "new", () -> ann.contents("general").contains("new"));
    assertThat(ann.contents("general")).containsExactly("old", "new");
    assertThat(ann.reached(State.CONNECTED)).isEqualTo(2);
  }
}
