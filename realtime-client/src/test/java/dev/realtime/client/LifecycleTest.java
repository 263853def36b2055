package dev.realtime.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import dev.realtime.protocol.CloseCodes;
import dev.realtime.testing.ManualClock;
import dev.realtime.testing.ManualScheduler;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The client's life against a real server: states and callbacks in order, which close codes stop
 * it and which are retried, a clean final close, the bounded queue while not connected, a token
 * per attempt, and a message too large. Timed parts run on a {@link ManualScheduler}.
 */
class LifecycleTest {
  private final ManualScheduler scheduler = new ManualScheduler(new ManualClock(Instant.parse("2026-01-01T00:00:00Z")));
  private final Recorder recorder = new Recorder();
  private final AtomicInteger tokensAsked = new AtomicInteger();
  private final List<RealtimeClient> clients = new ArrayList<>();
  private RoomServer server;

  @BeforeEach
  void start() throws Exception {
    server = RoomServer.start();
  }

  @AfterEach
  void stop() throws Exception {
    clients.forEach(RealtimeClient::close);
    server.close();
  }

  private RealtimeClient.Builder builder(String query) {
    return recorder.on(RealtimeClient.builder(server.uri(query)))
        .scheduler(scheduler)
        .noHeartbeat()
        .token(() -> CompletableFuture.completedFuture(Optional.of("t" + tokensAsked.incrementAndGet())));
  }

  private RealtimeClient connected(RealtimeClient.Builder builder) {
    RealtimeClient client = builder.build();
    clients.add(client);
    client.connect();
    Await.pumping(scheduler, "connected", () -> client.state() == State.CONNECTED);
    server.awaitSettled();
    return client;
  }

  @Test
  void statesAndFramesReachTheirCallbacksInOrderAndAFailingCallbackStopsNothing() {
    List<String> events = new CopyOnWriteArrayList<>();
    RealtimeClient client = connected(builder("username=ann&room=general")
        .on("message", message -> {
          throw new IllegalStateException("a broken handler");
        })
        .on("message", message -> events.add("message " + message.get("content").getAsString()))
        .onText(text -> events.add("text"))
        .onMessage(message -> events.add("any " + message.get("type").getAsString())));
    assertThat(recorder.changes).extracting(change -> change.previous() + ">" + change.current())
        .containsExactly("DISCONNECTED>CONNECTING", "CONNECTING>CONNECTED");

    server.publish("general", "one");
    server.publish("general", "two");
    Await.pumping(scheduler, "two messages", () -> recorder.contents("general").size() == 2);
    assertThat(events).containsExactly("text", "message one", "any message", "text", "message two", "any message");
    assertThat(client.position("general")).hasValueSatisfying(position -> assertThat(position.offset()).isEqualTo(2));
    assertThat(client.rooms()).containsExactly("general");
  }

  @ParameterizedTest
  @ValueSource(ints = {CloseCodes.POLICY_VIOLATION, CloseCodes.UNAUTHORIZED, CloseCodes.FORBIDDEN})
  void aCloseCodeThatForbidsRetryingStopsTheClientUntilToldToConnect(int code) {
    RealtimeClient client = connected(builder("username=ann"));
    server.kick("ann", code);
    Await.pumping(scheduler, "the lost connection", () -> client.state() == State.DISCONNECTED);
    StateChange stopped = recorder.last().orElseThrow();
    assertThat(stopped.closeCode()).hasValue(code);
    assertThat(stopped.reason()).isEqualTo("kicked");
    assertThat(stopped.willRetry()).isFalse();

    assertThat(scheduler.pending()).as("no retry scheduled").isZero();
    scheduler.advance(Duration.ofHours(1));
    assertThat(tokensAsked).as("no attempt in an hour").hasValue(1);
    assertThat(server.attempts).hasValue(1);

    client.connect();
    Await.pumping(scheduler, "connected again", () -> client.state() == State.CONNECTED);
    assertThat(server.attempts).hasValue(2);
  }

  @ParameterizedTest
  @ValueSource(ints = {CloseCodes.GOING_AWAY, CloseCodes.INTERNAL_ERROR, CloseCodes.TRY_AGAIN_LATER, CloseCodes.TOKEN_EXPIRED})
  void otherCloseCodesAreRetriedWithAFreshToken(int code) {
    RealtimeClient client = connected(builder("username=ann"));
    server.kick("ann", code);
    Await.pumping(scheduler, "a scheduled retry", recorder::waitingToRetry);
    assertThat(recorder.last().orElseThrow().closeCode()).hasValue(code);
    scheduler.advance(recorder.last().orElseThrow().retryIn().orElseThrow());
    Await.pumping(scheduler, "connected again", () -> client.state() == State.CONNECTED);
    assertThat(server.handshakes).extracting(RoomServer.Handshaken::token)
        .containsExactly(Optional.of("t1"), Optional.of("t2"));
  }

  @Test
  void closeSendsWhatIsQueuedThenClosesNormallyAndIsFinal() throws Exception {
    RealtimeClient client = connected(builder("username=ann"));
    for (String content : List.of("a", "b", "c")) {
      assertThat(client.send(chat(content))).isEqualTo(SendResult.SENT);
    }
    client.close();
    assertThat(client.send(chat("late"))).isEqualTo(SendResult.CLOSED);
    assertThatThrownBy(client::connect).isInstanceOf(IllegalStateException.class);
    Await.pumping(scheduler, "terminated", () -> client.terminated().toCompletableFuture().isDone());

    assertThat(client.state()).isEqualTo(State.CLOSED);
    assertThat(recorder.last().orElseThrow().current()).isEqualTo(State.CLOSED);
    Await.pumping(scheduler, "the server's view of the close", () -> !server.closeCodes.isEmpty());
    assertThat(server.closeCodes).containsExactly(CloseCodes.NORMAL);
    assertThat(server.received).containsExactly("a", "b", "c");
    client.close(); // again: nothing happens
    assertThat(recorder.reached(State.CLOSED)).isEqualTo(1);
  }

  @Test
  void whileNotConnectedMessagesQueueUpToTheLimitOverflowIsRefusedAndTheRestGoesOutInOrder() {
    RealtimeClient client = builder("username=ann&room=general").maxQueued(3, 1_000).build();
    clients.add(client);
    assertThat(List.of("a", "b", "c")).allSatisfy(content ->
        assertThat(client.send(chat(content))).isEqualTo(SendResult.QUEUED));
    assertThat(client.send(chat("d"))).isEqualTo(SendResult.QUEUE_FULL);
    assertThat(client.queueSize()).isEqualTo(3);

    client.connect();
    Await.pumping(scheduler, "connected", () -> client.state() == State.CONNECTED);
    Await.pumping(scheduler, "three messages on the server", () -> server.received.size() == 3);
    assertThat(server.received).containsExactly("a", "b", "c");
    Await.pumping(scheduler, "an empty queue", () -> client.queueSize() == 0);

    // The same across a reconnect: queued behind the room joins, sent on the new connection.
    client.join("side");
    Await.pumping(scheduler, "the join", () -> server.hub.room("side").size() == 1);
    server.kick("ann", CloseCodes.GOING_AWAY);
    Await.pumping(scheduler, "a scheduled retry", recorder::waitingToRetry);
    assertThat(client.send(chat("e"))).isEqualTo(SendResult.QUEUED);
    assertThat(client.send(chat("f"))).isEqualTo(SendResult.QUEUED);
    assertThat(client.send("x".repeat(999))).as("past the character limit").isEqualTo(SendResult.QUEUE_FULL);
    scheduler.advance(recorder.last().orElseThrow().retryIn().orElseThrow());
    Await.pumping(scheduler, "five messages on the server", () -> server.received.size() == 5);
    assertThat(server.received).containsExactly("a", "b", "c", "e", "f");
    Await.pumping(scheduler, "joined again", () -> server.hub.room("side").size() == 1);
    assertThat(client.send(chat("g"))).isEqualTo(SendResult.SENT);
  }

  @Test
  void aMessageLargerThanTheLimitClosesWith1009AndStops() {
    RealtimeClient client = connected(builder("username=ann&room=general").maxMessageChars(200));
    server.publish("general", "x".repeat(300));
    Await.pumping(scheduler, "stopped", () -> client.state() == State.DISCONNECTED);
    assertThat(recorder.last().orElseThrow().closeCode()).hasValue(CloseCodes.MESSAGE_TOO_BIG);
    assertThat(recorder.contents("general")).isEmpty();
  }

  @Test
  void nothingListeningIsAFailedAttemptThatIsRetried() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    RealtimeClient client = recorder.on(RealtimeClient.builder(URI.create("ws://127.0.0.1:" + port + "/ws")))
        .scheduler(scheduler).noHeartbeat().build();
    clients.add(client);
    client.connect();
    Await.pumping(scheduler, "a failed attempt", recorder::waitingToRetry);
    assertThat(recorder.last().orElseThrow().reason()).isEqualTo("connection refused");
    assertThat(recorder.last().orElseThrow().closeCode()).isEmpty();
    client.close();
    Await.pumping(scheduler, "terminated", () -> client.terminated().toCompletableFuture().isDone());
    client.terminated().toCompletableFuture().get(1, TimeUnit.SECONDS);
  }

  private static JsonObject chat(String content) {
    JsonObject message = new JsonObject();
    message.addProperty("type", "message");
    message.addProperty("content", content);
    return message;
  }
}
