package dev.realtime.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The application heartbeat against a real server: while pings are answered the connection
 * stays; once the server stops answering (its process alive, its TCP connection open — a hung
 * server that TCP alone would not notice for minutes) the client gives up on the connection within
 * the timeout, reports 4000 and reconnects.
 */
class HeartbeatTest {

  @Test
  void aServerThatStopsAnsweringPingsIsDroppedAndTheClientReconnects() throws Exception {
    try (RoomServer server = RoomServer.start()) {
      Recorder recorder = new Recorder();
      try (RealtimeClient client = recorder.on(RealtimeClient.builder(server.uri("username=ann")))
          // a timeout of seconds: a pong that a loaded machine delays must not drop a live connection
          .heartbeat(Duration.ofMillis(50), Duration.ofSeconds(3))
          .reconnectDelay(Duration.ofMillis(10), Duration.ofMillis(50))
          .build()) {
        client.connect();
        Await.until("five answered pings", () -> server.pings.get() >= 5);
        assertThat(client.state()).isEqualTo(State.CONNECTED);
        assertThat(recorder.reached(State.CONNECTED)).isEqualTo(1);
        assertThat(recorder.texts).as("heartbeat answers are the client's own business").noneMatch(text -> text.contains("pong"));

        server.silent.set(true);
        Await.until("the heartbeat timeout", () -> recorder.changes.stream()
            .anyMatch(change -> change.closeCode().orElse(0) == Session.HEARTBEAT_TIMEOUT));
        StateChange lost = recorder.changes.stream()
            .filter(change -> change.closeCode().orElse(0) == Session.HEARTBEAT_TIMEOUT).findFirst().orElseThrow();
        assertThat(lost.previous()).isEqualTo(State.CONNECTED);
        assertThat(lost.current()).isEqualTo(State.CONNECTING);
        assertThat(lost.reason()).startsWith("heartbeat timeout");
        assertThat(lost.willRetry()).isTrue();

        server.silent.set(false);
        Await.until("connected again", () -> recorder.reached(State.CONNECTED) == 2 && client.state() == State.CONNECTED);
        int answered = server.pings.get();
        Await.until("pings on the new connection", () -> server.pings.get() >= answered + 3);
        assertThat(client.state()).isEqualTo(State.CONNECTED);
        assertThat(server.handshakes).hasSizeGreaterThanOrEqualTo(2);
      }
    }
  }
}
