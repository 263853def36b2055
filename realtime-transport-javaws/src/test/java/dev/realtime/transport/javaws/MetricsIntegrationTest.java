package dev.realtime.transport.javaws;

import dev.realtime.testing.transport.WsTestClient;
import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.hub.Hub;
import dev.realtime.metrics.InMemoryMetrics;
import dev.realtime.metrics.MetricsSnapshot;
import dev.realtime.transport.OutboundMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Many real clients connect, send, are answered and close at the same time; once everything has
 * settled, every total in {@link InMemoryMetrics} is exact.
 */
class MetricsIntegrationTest {
  private static final int CLIENTS = 48;
  private static final int MESSAGES = 40;
  private static final int REJECTED = 6;

  private final InMemoryMetrics metrics = new InMemoryMetrics();
  private final Hub hub = Hub.builder()
      .metrics(metrics)
      .onText(ctx -> ctx.client().send(OutboundMessage.text(ctx.text())))
      .build();
  private JavaWsServer server;
  private ExecutorService pool;

  @AfterEach
  void tearDown() throws Exception {
    if (pool != null) {
      pool.shutdownNow();
    }
    if (server != null) {
      server.stop(Duration.ofSeconds(2));
    }
  }

  /** A message whose UTF-8 size differs from its length, so byte totals are checked too. */
  private static String message(int client, int index) {
    return "client " + client + " says ✓ #" + index + " " + "x".repeat((client * 7 + index) % 50);
  }

  /** One client's life: connect, send everything, read every echo, then close or drop. */
  private long runClient(int id) throws Exception {
    long bytes = 0;
    WsTestClient client = WsTestClient.connect(server.port(), "/ws?client=" + id);
    try {
      for (int i = 0; i < MESSAGES; i++) {
        String text = message(id, i);
        client.send(text);
        bytes += text.getBytes(StandardCharsets.UTF_8).length;
      }
      for (int i = 0; i < MESSAGES; i++) {
        assertThat(client.nextText()).isEqualTo(message(id, i));
      }
      if (id % 3 == 0) {
        client.close(); // abort: the server sees the TCP connection drop
      } else {
        client.socket.sendClose(1000, "done").get(10, TimeUnit.SECONDS);
        assertThat(client.awaitClose()).isEqualTo(1000);
      }
    } finally {
      client.close();
    }
    return bytes;
  }

  @Test
  void totalsAreExactAfterConcurrentConnectsMessagesAndCloses() throws Exception {
    server = JavaWsServer.builder().host("127.0.0.1").port(0).decoderThreads(4)
        .metrics(metrics).route("/ws", hub).build().start();
    pool = Executors.newFixedThreadPool(16);
    List<Future<Long>> lives = new ArrayList<>();
    for (int id = 0; id < CLIENTS; id++) {
      int client = id;
      lives.add(pool.submit(() -> runClient(client)));
    }
    List<Future<Boolean>> refusals = new ArrayList<>();
    for (int i = 0; i < REJECTED; i++) {
      refusals.add(pool.submit(() -> {
        try {
          WsTestClient.connect(server.port(), "/nowhere").close();
          return false;
        } catch (ExecutionException e) {
          return true; // refused at the handshake, as it should be
        }
      }));
    }
    long bytes = 0;
    for (Future<Long> life : lives) {
      bytes += life.get(60, TimeUnit.SECONDS);
    }
    for (Future<Boolean> refusal : refusals) {
      assertThat(refusal.get(60, TimeUnit.SECONDS)).as("unknown path refused").isTrue();
    }

    // Quiescence: every close has reached the hub, and the server, which forgets a connection only
    // after the hub's onClose returned (so the hub's counts reach zero first).
    Waits.until(() -> hub.clientCount() == 0 && metrics.snapshot().activeConnections() == 0
        && server.connectionCount() == 0, Duration.ofSeconds(20), "all closes");

    MetricsSnapshot snapshot = metrics.snapshot();
    assertThat(snapshot.totalConnections()).isEqualTo(CLIENTS);
    assertThat(snapshot.activeConnections()).isZero();
    assertThat(snapshot.messagesReceived()).isEqualTo((long) CLIENTS * MESSAGES);
    assertThat(snapshot.messagesSent()).isEqualTo((long) CLIENTS * MESSAGES);
    assertThat(snapshot.bytesReceived()).isEqualTo(bytes);
    assertThat(snapshot.bytesSent()).isEqualTo(bytes);
    assertThat(snapshot.handshakesRejected()).isEqualTo(REJECTED);
    assertThat(snapshot.errorsCount()).isZero();
    assertThat(snapshot.slowConsumerDisconnects()).isZero();
    assertThat(snapshot.messagesDropped()).isZero();
    assertThat(snapshot.connectionsPerHour().stream().mapToLong(Long::longValue).sum()).isEqualTo(CLIENTS);
    assertThat(server.connectionCount()).isZero();
  }
}
