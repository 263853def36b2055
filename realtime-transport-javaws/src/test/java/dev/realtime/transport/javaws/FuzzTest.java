package dev.realtime.transport.javaws;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.realtime.hub.Hub;
import dev.realtime.hub.HubSettings;
import dev.realtime.hub.RateLimit;
import dev.realtime.metrics.RealtimeMetrics;
import dev.realtime.protocol.ProtocolException;
import dev.realtime.testing.transport.FrameFuzzer;
import dev.realtime.testing.transport.WsTestClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The kit's seeded fuzzer against a full hub on Java-WebSocket: at least 10,000 random and mutated
 * frames over many connections, then a normal client must still be served, with no decoder thread
 * lost, no client or room leaked and every opened connection counted closed.
 */
class FuzzTest {
  private static final long SEED = Long.getLong("fuzz.seed", 20261122L);
  private static final int WORKERS = 8;
  private static final int FRAMES_PER_WORKER = 1_500;
  private static final int DECODERS = 2;

  private final AtomicLong opened = new AtomicLong();
  private final AtomicLong closed = new AtomicLong();

  private Hub hub() {
    return Hub.builder()
        .settings(HubSettings.DEFAULTS.withRateLimit(RateLimit.UNLIMITED))
        .metrics(new RealtimeMetrics() {
          @Override
          public void connectionOpened() {
            opened.incrementAndGet();
          }

          @Override
          public void connectionClosed() {
            closed.incrementAndGet();
          }
        })
        .on("echo", ctx -> {
          JsonObject message = ctx.message();
          if (!message.has("content") || !message.get("content").isJsonPrimitive()) {
            throw ProtocolException.invalid("field 'content' must be a string");
          }
          JsonObject answer = new JsonObject();
          answer.addProperty("type", "echo");
          answer.add("content", message.get("content"));
          ctx.client().send(answer);
        })
        .on("join", ctx -> ctx.client().join(ctx.message().get("room").getAsString()))
        .on("say", ctx -> ctx.hub().room(ctx.message().get("room").getAsString()).broadcast(ctx.message()))
        .build();
  }

  @Test
  void survivesTenThousandHostileFramesAndStillServesANormalClient() throws Exception {
    Hub hub = hub();
    JavaWsServer server = JavaWsServer.builder().host("127.0.0.1").port(0).decoderThreads(DECODERS)
        .maxMessageBytes(16 * 1024).closeTimeout(Duration.ofSeconds(1)).route("/ws", hub).build().start();
    try {
      int workersBefore = countThreads("WebSocketWorker");
      AtomicInteger framesSent = new AtomicInteger();
      ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
      List<Future<?>> futures = new ArrayList<>();
      for (int w = 0; w < WORKERS; w++) {
        long seed = SEED + w;
        futures.add(pool.submit(() -> {
          FrameFuzzer.fuzz(server.port(), "/ws", new SplittableRandom(seed), FRAMES_PER_WORKER, framesSent);
          return null;
        }));
      }
      for (Future<?> future : futures) {
        future.get(120, TimeUnit.SECONDS);
      }
      pool.shutdown();
      assertThat(framesSent.get()).as("frames sent (seed %d)", SEED).isGreaterThanOrEqualTo(10_000);

      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while ((hub.clientCount() > 0 || server.connectionCount() > 0) && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      assertThat(hub.clientCount()).as("leaked clients (seed %d)", SEED).isZero();
      assertThat(server.connectionCount()).isZero();
      assertThat(hub.roomNames()).isEmpty();
      assertThat(opened.get()).isEqualTo(closed.get());
      assertThat(countThreads("WebSocketWorker")).as("decoder threads alive").isEqualTo(workersBefore);

      try (WsTestClient normal = WsTestClient.connect(server.port(), "/ws")) {
        normal.send("{\"type\":\"echo\",\"content\":\"still here\"}");
        assertThat(normal.nextText()).isEqualTo("{\"type\":\"echo\",\"content\":\"still here\"}");
      }
    } finally {
      server.stop(Duration.ofSeconds(2));
    }
  }

  private static int countThreads(String prefix) {
    int count = 0;
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.getName().startsWith(prefix) && thread.isAlive()) {
        count++;
      }
    }
    return count;
  }
}
