package dev.realtime.bench.feeds;

import dev.realtime.examples.Cluster;
import dev.realtime.examples.ExampleServer;
import dev.realtime.examples.LaunchOptions;
import dev.realtime.examples.analytics.AnalyticsExample;
import dev.realtime.testing.redis.RedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The analytics feed at load: {@code --clients} WebSocket clients spread over {@code --nodes}
 * analytics nodes on one Redis, and a producer doing a plain {@code PUBLISH analytics:events} at
 * {@code --rate} events per second for {@code --seconds}. Each event carries its send time; every
 * client counts the events it receives and records publish-to-receive latency. Prints how many
 * deliveries were due and made, how many clients missed any, and the latency percentiles.
 *
 * <p>Usage: {@code java -cp realtime-bench.jar dev.realtime.bench.feeds.AnalyticsLoad [--clients
 * 5000] [--nodes 2] [--rate 1000] [--seconds 30]}. It starts its own {@code redis-server} and the
 * nodes in this JVM ({@code analytics --redis URI --node-id node-N}); the clients are the JDK's,
 * in this JVM too, so everything shares the machine's cores.
 */
public final class AnalyticsLoad {
  private static final String MARK = "\"sent\":";

  private AnalyticsLoad() {}

  /** One client: counts its event frames and records their latency. */
  private static final class Counter implements WebSocket.Listener {
    final LongAdder events = new LongAdder();
    volatile int closeCode;
    private final Latencies latencies;
    private final StringBuilder partial = new StringBuilder();

    Counter(Latencies latencies) {
      this.latencies = latencies;
    }

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String frame = partial.toString();
        partial.setLength(0);
        int at = frame.indexOf(MARK);
        if (frame.startsWith("{\"type\":\"load\"") && at > 0) {
          int end = at + MARK.length();
          while (end < frame.length() && Character.isDigit(frame.charAt(end))) {
            end++;
          }
          latencies.add(System.nanoTime() - Long.parseLong(frame.substring(at + MARK.length(), end)));
          events.increment();
        }
      }
      socket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int code, String reason) {
      closeCode = code;
      return null;
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
      closeCode = 1006;
    }
  }

  /** Runs the load and prints the figures. */
  public static void main(String[] args) throws Exception {
    int clients = Integer.parseInt(Options.value(args, "--clients", "5000"));
    int nodeCount = Integer.parseInt(Options.value(args, "--nodes", "2"));
    int rate = Integer.parseInt(Options.value(args, "--rate", "1000"));
    int seconds = Integer.parseInt(Options.value(args, "--seconds", "30"));
    RedisServer server = RedisServer.start();
    List<ExampleServer> nodes = new ArrayList<>();
    List<WebSocket> sockets = new ArrayList<>();
    RedisClient redis = RedisClient.create(server.uri());
    try (StatefulRedisConnection<String, String> producer = redis.connect()) {
      for (int n = 0; n < nodeCount; n++) {
        nodes.add(ExampleServer.start(LaunchOptions.ephemeral("analytics")
            .withCluster(new Cluster(server.uri(), "node-" + n, Duration.ofSeconds(5))), new AnalyticsExample()));
      }
      Latencies latencies = new Latencies();
      List<Counter> counters = new ArrayList<>();
      HttpClient http = HttpClient.newHttpClient();
      long connecting = System.nanoTime();
      for (int batch = 0; batch < clients; batch += 100) {
        List<CompletableFuture<WebSocket>> opened = new ArrayList<>();
        for (int i = batch; i < Math.min(clients, batch + 100); i++) {
          Counter counter = new Counter(latencies);
          counters.add(counter);
          URI uri = URI.create("ws://127.0.0.1:" + nodes.get(i % nodeCount).wsPort() + "/ws/analytics");
          opened.add(http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30)).buildAsync(uri, counter));
        }
        for (CompletableFuture<WebSocket> socket : opened) {
          sockets.add(socket.get(60, TimeUnit.SECONDS));
        }
      }
      System.out.printf(Locale.ROOT, "%d clients on %d node(s) connected in %.1f s; %d events/s for %d s; %d cores, load %.2f%n",
          clients, nodeCount, (System.nanoTime() - connecting) / 1e9, rate, seconds,
          Runtime.getRuntime().availableProcessors(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
      awaitChannelTaken(producer);

      long published = 0;
      long start = System.nanoTime();
      long periodNanos = 1_000_000_000L / rate;
      while (published < (long) rate * seconds) {
        long due = start + published * periodNanos;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait); // pacing the producer, not waiting for a result
        }
        producer.async().publish("analytics:events",
            "{\"type\":\"load\",\"visitor_id\":\"v-" + (published % 500) + "\",\"data\":{\"sent\":" + System.nanoTime() + "}}");
        published++;
      }
      double publishSeconds = (System.nanoTime() - start) / 1e9;
      long due = published * clients;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30); // what is later counts as not delivered
      while (latencies.count() < due && System.nanoTime() < deadline) {
        TimeUnit.MILLISECONDS.sleep(100); // the tail of the deliveries, up to a deadline
      }
      long sentEvents = published;
      long missing = counters.stream().filter(counter -> counter.events.sum() < sentEvents).count();
      System.out.printf(Locale.ROOT, "published %d events in %.1f s (%.0f/s); delivered within 30 s of the last: %d of %d (%.3f%%); clients missing any: %d%n",
          published, publishSeconds, published / publishSeconds, latencies.count(), due, 100.0 * latencies.count() / due, missing);
      long closed = counters.stream().filter(counter -> counter.closeCode != 0).count();
      System.out.printf(Locale.ROOT, "publish to receive: %s; clients closed by the server: %d%s%n", latencies.summary(),
          closed, closed == 0 ? "" : " (last code " + counters.stream().mapToInt(c -> c.closeCode).max().orElse(0) + ")");
    } finally {
      sockets.forEach(WebSocket::abort);
      nodes.forEach(ExampleServer::close);
      redis.shutdown();
      server.close();
    }
  }

  /** Waits until one node listens on the channel (it takes a lease first). */
  private static void awaitChannelTaken(StatefulRedisConnection<String, String> producer) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (producer.sync().pubsubNumsub("analytics:events").getOrDefault("analytics:events", 0L) == 0) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("no node took the analytics:events channel within 20 s");
      }
      TimeUnit.MILLISECONDS.sleep(50);
    }
  }
}
