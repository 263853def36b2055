package dev.realtime.bench.feeds;

import dev.realtime.examples.Cluster;
import dev.realtime.examples.ExampleServer;
import dev.realtime.examples.LaunchOptions;
import dev.realtime.examples.tours.ToursExample;
import dev.realtime.examples.tours.ToursSettings;
import dev.realtime.examples.tours.inventory.Tour;
import dev.realtime.examples.tours.inventory.TourCatalog;
import dev.realtime.testing.redis.RedisServer;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * Bookings racing for seats: rounds of {@code --requests} concurrent one-seat bookings of a fresh
 * {@code --seats}-seat tour, spread round-robin over the nodes; prints per round the statuses (it
 * must be exactly {@code seats} × 201, the rest 409) and the requests per second, and over all
 * rounds the latency percentiles, send to response.
 *
 * <p>Usage: {@code java -cp realtime-bench.jar dev.realtime.bench.feeds.BookingLoad [--store
 * redis|memory] [--nodes 2] [--rounds 10] [--requests 1000] [--seats 20]}. With {@code redis} it
 * starts its own {@code redis-server} and that many tours nodes in this JVM, each as {@code tours
 * --redis URI --node-id node-N}; with {@code memory}, one node. Client and servers share the machine.
 */
public final class BookingLoad {
  private BookingLoad() {}

  /** Runs the rounds and prints the figures. */
  public static void main(String[] args) throws Exception {
    boolean redis = !"memory".equals(Options.value(args, "--store", "redis"));
    int nodeCount = redis ? Integer.parseInt(Options.value(args, "--nodes", "2")) : 1;
    int rounds = Integer.parseInt(Options.value(args, "--rounds", "10"));
    int requests = Integer.parseInt(Options.value(args, "--requests", "1000"));
    int seats = Integer.parseInt(Options.value(args, "--seats", "20"));
    TourCatalog catalog = new TourCatalog(IntStream.range(0, rounds + 1)
        .mapToObj(i -> new Tour("rush_" + i, "Rush " + i, seats)).toList());
    RedisServer server = redis ? RedisServer.start() : null;
    List<ExampleServer> nodes = new ArrayList<>();
    try {
      for (int n = 0; n < nodeCount; n++) {
        LaunchOptions options = LaunchOptions.ephemeral("tours");
        if (redis) {
          options = options.withCluster(new Cluster(server.uri(), "node-" + n, Duration.ofSeconds(5)));
        }
        nodes.add(ExampleServer.start(options, new ToursExample(ToursSettings.defaults().withCatalog(catalog))));
      }
      System.out.printf(Locale.ROOT, "store %s, %d node(s), %d requests of 1 seat for %d seats per round, %d cores, load %.2f%n",
          redis ? "redis" : "memory", nodeCount, requests, seats, Runtime.getRuntime().availableProcessors(),
          ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
      rush(http, nodes, "rush_" + rounds, requests, new Latencies()); // warm-up, not counted
      Latencies latencies = new Latencies();
      long totalNanos = 0;
      boolean exact = true;
      for (int round = 0; round < rounds; round++) {
        long started = System.nanoTime();
        Map<Integer, Integer> statuses = rush(http, nodes, "rush_" + round, requests, latencies);
        long took = System.nanoTime() - started;
        totalNanos += took;
        boolean right = statuses.getOrDefault(201, 0) == seats && statuses.getOrDefault(409, 0) == requests - seats;
        exact &= right;
        System.out.printf(Locale.ROOT, "round %2d  %s  %,.0f requests/s%s%n", round, statuses,
            requests / (took / 1e9), right ? "" : "  WRONG");
      }
      System.out.printf(Locale.ROOT, "all rounds: %,.0f requests/s  %s  %s%n", (double) rounds * requests / (totalNanos / 1e9),
          latencies.summary(), exact ? "every round sold exactly " + seats : "SOME ROUND SOLD WRONG");
    } finally {
      nodes.forEach(ExampleServer::close);
      if (server != null) {
        server.close();
      }
    }
  }

  private static Map<Integer, Integer> rush(HttpClient http, List<ExampleServer> nodes, String tour, int requests,
      Latencies latencies) throws Exception {
    List<CompletableFuture<Integer>> sent = new ArrayList<>(requests);
    for (int i = 0; i < requests; i++) {
      URI uri = URI.create("http://127.0.0.1:" + nodes.get(i % nodes.size()).httpPort() + "/api/tours/" + tour + "/bookings");
      long started = System.nanoTime();
      sent.add(http.sendAsync(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString("{\"seats\":1}")).build(), HttpResponse.BodyHandlers.discarding())
          .thenApply(response -> {
            latencies.add(System.nanoTime() - started);
            return response.statusCode();
          }));
    }
    CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
    Map<Integer, Integer> statuses = new TreeMap<>();
    sent.forEach(status -> statuses.merge(status.join(), 1, Integer::sum));
    return statuses;
  }
}
