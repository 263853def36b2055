package dev.realtime.transport.javaws;

import dev.realtime.testing.transport.RawSocketClient;
import dev.realtime.testing.transport.WsTestClient;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.realtime.hub.Hub;
import dev.realtime.hub.HubSettings;
import dev.realtime.hub.RateLimit;
import dev.realtime.metrics.RealtimeMetrics;
import dev.realtime.protocol.ProtocolException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
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
 * Seeded fuzzing through a real socket: at least 10,000 random and mutated frames over many
 * connections, then a normal client must still be served, with no thread lost and no client leaked.
 */
class FuzzTest {
  private static final long SEED = Long.getLong("fuzz.seed", 20261122L);
  private static final int WORKERS = 8;
  private static final int FRAMES_PER_WORKER = 1_500;
  private static final int DECODERS = 2;

  private static final String[] VALID = {
    "{\"type\":\"echo\",\"content\":\"hello\"}",
    "{\"type\":\"join\",\"room\":\"r1\"}",
    "{\"type\":\"say\",\"room\":\"r1\",\"content\":\"hi all\",\"id\":7}",
    "{\"type\":\"ping\"}",
    "{\"type\":\"echo\",\"content\":\"ünïcødé ✓ 👋\"}",
  };

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
      AtomicInteger connections = new AtomicInteger();
      ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
      List<Future<?>> futures = new ArrayList<>();
      for (int w = 0; w < WORKERS; w++) {
        long seed = SEED + w;
        futures.add(pool.submit(() -> {
          fuzz(server.port(), new SplittableRandom(seed), framesSent, connections);
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

  private void fuzz(int port, SplittableRandom random, AtomicInteger framesSent, AtomicInteger connections)
      throws Exception {
    int budget = FRAMES_PER_WORKER;
    while (budget > 0) {
      connections.incrementAndGet();
      try (RawSocketClient client = new RawSocketClient(port, "/ws")) {
        if (!client.readHandshakeResponse().contains("101")) {
          continue;
        }
        Thread drain = drain(client.in);
        int burst = 1 + random.nextInt(200);
        try {
          for (int i = 0; i < burst && budget > 0; i++, budget--) {
            client.sendRaw(nextFrame(random));
            framesSent.incrementAndGet();
          }
          if (random.nextInt(4) == 0) {
            // stop mid-frame: a header promising more than we send
            client.sendRaw(new byte[] {(byte) 0x81, (byte) (0x80 | 100), 1, 2, 3, 4, 'x'});
          }
        } catch (IOException closedByServer) {
          // the server closed this connection for a protocol violation: expected, start another
        }
        client.socket.shutdownOutput();
        drain.join(5_000);
      } catch (IOException refused) {
        // a connection refused or reset is a valid answer to garbage
      }
      if (random.nextInt(10) == 0) {
        sendHttpGarbage(port, random);
        framesSent.incrementAndGet();
        budget--;
      }
    }
  }

  private static byte[] nextFrame(SplittableRandom random) {
    String valid = VALID[random.nextInt(VALID.length)];
    byte[] text = valid.getBytes(StandardCharsets.UTF_8);
    switch (random.nextInt(16)) {
      case 0: return RawSocketClient.encode(0x81, text, true);
      case 1: return RawSocketClient.encode(0x81, truncate(text, random), true);
      case 2: return RawSocketClient.encode(0x81, flipBytes(text, random), true);
      case 3: return RawSocketClient.encode(0x81, randomBytes(random, random.nextInt(300)), true);
      case 4: return RawSocketClient.encode(0x81, utf8("{\"type\":\"echo\",\"content\":" + "[".repeat(300 + random.nextInt(5000)) + "}"), true);
      case 5: return RawSocketClient.encode(0x81, utf8("{\"type\":\"echo\",\"content\":1e99999,\"n\":" + "9".repeat(500) + "}"), true);
      case 6: return RawSocketClient.encode(0x81, utf8("{\"type\":" + wrongType(random) + ",\"room\":" + wrongType(random) + "}"), true);
      case 7: return RawSocketClient.encode(0x81, utf8("{\"type\":\"" + "t".repeat(random.nextInt(1000)) + "\"}"), true);
      case 8: return RawSocketClient.encode(0x82, randomBytes(random, random.nextInt(100)), true);
      case 9: return RawSocketClient.encode(0x81, new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'}, true);
      case 10: return RawSocketClient.encode(0x81, randomBytes(random, 17 * 1024), true);
      case 11: return RawSocketClient.encode(0x00, text, true);
      case 12: return RawSocketClient.encode(0x81, text, false);
      case 13: return RawSocketClient.encode(0x80 | (1 << (4 + random.nextInt(3))) | 0x1, text, true);
      case 14: return RawSocketClient.encode(0x80 | (3 + random.nextInt(5)), text, true);
      default: return RawSocketClient.encode(0x89, randomBytes(random, random.nextInt(126)), true);
    }
  }

  private static String wrongType(SplittableRandom random) {
    String[] values = {"1", "true", "null", "[]", "{}", "\"\"", "-0.5e3", "{\"a\":[1,{}]}"};
    return values[random.nextInt(values.length)];
  }

  private static byte[] truncate(byte[] bytes, SplittableRandom random) {
    return java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length));
  }

  private static byte[] flipBytes(byte[] bytes, SplittableRandom random) {
    byte[] copy = bytes.clone();
    for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
      copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
    }
    return copy;
  }

  private static byte[] randomBytes(SplittableRandom random, int length) {
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) {
      bytes[i] = (byte) random.nextInt(256);
    }
    return bytes;
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static void sendHttpGarbage(int port, SplittableRandom random) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(5_000);
      byte[] garbage = random.nextBoolean()
          ? utf8("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
          : randomBytes(random, 1 + random.nextInt(512));
      socket.getOutputStream().write(garbage);
      socket.shutdownOutput();
      InputStream in = socket.getInputStream();
      while (in.read() >= 0) {
        // read until the server closes
      }
    } catch (IOException e) {
      // reset by the server: fine
    }
  }

  private static Thread drain(InputStream in) {
    Thread thread = new Thread(() -> {
      byte[] buffer = new byte[8192];
      try {
        while (in.read(buffer) >= 0) {
          // discard
        }
      } catch (IOException e) {
        // closed
      }
    }, "fuzz-drain");
    thread.setDaemon(true);
    thread.start();
    return thread;
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
