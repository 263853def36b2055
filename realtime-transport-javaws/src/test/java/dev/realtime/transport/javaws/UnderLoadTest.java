package dev.realtime.transport.javaws;

import dev.realtime.testing.transport.RawSocketClient;
import dev.realtime.testing.transport.WsTestClient;
import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.hub.Client;
import dev.realtime.hub.Hub;
import dev.realtime.hub.HubSettings;
import dev.realtime.metrics.RealtimeMetrics;
import dev.realtime.transport.OutboundMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The slow-consumer policy and graceful shutdown with many real clients and traffic in flight. */
class UnderLoadTest {
  private static final int CLIENTS = 20;
  private static final int STALLED = 2; // 10% stop reading

  @Test
  void stalledClientsAreCutOffWhileTheRestReceiveEverythingAndMemoryStaysBounded() throws Exception {
    AtomicInteger slowConsumers = new AtomicInteger();
    long maxQueuedBytes = 256 * 1024;
    Hub hub = Hub.builder()
        .settings(HubSettings.DEFAULTS.withMaxQueuedBytes(maxQueuedBytes))
        .metrics(new RealtimeMetrics() {
          @Override
          public void slowConsumerDisconnected() {
            slowConsumers.incrementAndGet();
          }
        })
        .onConnect(ctx -> ctx.client().join("feed"))
        .onText(ctx -> {})
        .build();
    JavaWsServer server = JavaWsServer.builder().host("127.0.0.1").port(0)
        .closeTimeout(Duration.ofSeconds(1)).route("/ws", hub).build().start();
    List<WsTestClient> readers = new ArrayList<>();
    List<RawSocketClient> stalled = new ArrayList<>();
    try {
      for (int i = 0; i < STALLED; i++) {
        // a peer process that stopped reading: it completed the handshake and never reads again
        RawSocketClient client = new RawSocketClient(server.port(), "/ws", 4096);
        assertThat(client.readHandshakeResponse()).contains("101");
        stalled.add(client);
      }
      for (int i = STALLED; i < CLIENTS; i++) {
        readers.add(WsTestClient.connect(server.port(), "/ws"));
      }
      awaitClients(hub, CLIENTS);

      String payload = "p".repeat(8 * 1024);
      int messages = 1_000; // 8 MB per client: beyond the kernel's socket buffers plus the queue limit
      long peakQueued = 0;
      for (int seq = 0; seq < messages; seq++) {
        hub.room("feed").broadcast(OutboundMessage.text(seq + ":" + payload));
        if (seq % 20 == 0) {
          for (WsTestClient reader : readers) {
            drainTo(reader, seq);
          }
        }
        long queued = 0;
        for (Client client : hub.clients()) {
          queued += client.queuedBytes();
        }
        peakQueued = Math.max(peakQueued, queued);
      }
      for (WsTestClient reader : readers) {
        drainTo(reader, messages - 1);
      }

      // the stalled clients read nothing, so the evidence is on the server: four 1013 closes
      assertThat(slowConsumers.get()).isEqualTo(STALLED);
      awaitClients(hub, CLIENTS - STALLED);
      // every client's queue is bounded, so the total is too (one message of slack each)
      assertThat(peakQueued).isLessThanOrEqualTo(CLIENTS * (maxQueuedBytes + payload.length() + 64));
    } finally {
      readers.forEach(WsTestClient::close);
      for (RawSocketClient client : stalled) {
        client.close();
      }
      server.stop(Duration.ofSeconds(2));
    }
  }

  /** Reads until the message with sequence {@code last}, checking there is no gap or duplicate. */
  private static void drainTo(WsTestClient reader, int last) throws InterruptedException {
    while (reader.expectedNext <= last) {
      String message = reader.nextText();
      int seq = Integer.parseInt(message.substring(0, message.indexOf(':')));
      assertThat(seq).isEqualTo(reader.expectedNext);
      reader.expectedNext++;
    }
  }

  @Test
  void gracefulShutdownWhileBroadcastingDeliversInOrderThen1001() throws Exception {
    // Queues large enough that the flood below never trips the slow-consumer policy.
    Hub hub = Hub.builder()
        .settings(HubSettings.DEFAULTS.withMaxQueuedMessages(10_000_000).withMaxQueuedBytes(1L << 30))
        .onConnect(ctx -> ctx.client().join("feed"))
        .onText(ctx -> {})
        .build();
    JavaWsServer server = JavaWsServer.builder().host("127.0.0.1").port(0).route("/ws", hub).build().start();
    List<WsTestClient> clients = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      clients.add(WsTestClient.connect(server.port(), "/ws"));
    }
    awaitClients(hub, clients.size());
    AtomicBoolean broadcasting = new AtomicBoolean(true);
    AtomicLong sent = new AtomicLong();
    Thread broadcaster = new Thread(() -> {
      long seq = 0;
      while (broadcasting.get()) {
        hub.room("feed").broadcast(OutboundMessage.text(Long.toString(seq++)));
        sent.set(seq);
      }
    });
    broadcaster.start();
    while (sent.get() < 2_000) {
      Thread.onSpinWait();
    }
    server.stop(Duration.ofSeconds(10));
    broadcasting.set(false);
    broadcaster.join();

    for (WsTestClient client : clients) {
      assertThat(client.awaitClose()).isEqualTo(1001);
      long expected = 0;
      Object message;
      while ((message = client.messages.poll()) != null) {
        assertThat(Long.parseLong((String) message)).isEqualTo(expected++);
      }
      assertThat(expected).as("received a gap-free prefix").isGreaterThan(0);
      client.close();
    }
    assertThat(hub.clientCount()).isZero();
  }

  /** Waits until all have joined the feed (a client is counted before its connect handler joins it). */
  private static void awaitClients(Hub hub, int count) throws InterruptedException {
    Waits.until(() -> hub.room("feed").size() == count, Duration.ofSeconds(15), count + " clients in the feed");
  }
}
