package dev.realtime.examples.tours;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.realtime.examples.Cluster;
import dev.realtime.examples.ExampleServer;
import dev.realtime.examples.LaunchOptions;
import dev.realtime.examples.feed.JsonSocket;
import dev.realtime.testing.redis.RedisExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two tours nodes on one real Redis: one number per tick, seats booked atomically across nodes. */
class ToursOnTwoNodesTest {
  @RegisterExtension static final RedisExtension redis = RedisExtension.standalone();

  private final List<ExampleServer> nodes = new ArrayList<>();
  private final List<JsonSocket> sockets = new ArrayList<>();

  @AfterEach
  void stop() {
    sockets.forEach(JsonSocket::close);
    nodes.forEach(ExampleServer::close);
  }

  private ExampleServer node(String id) throws Exception {
    Cluster cluster = new Cluster(redis.uri(), id, Duration.ofSeconds(5));
    ExampleServer node = ExampleServer.start(LaunchOptions.ephemeral("tours").withCluster(cluster),
        new ToursExample(ToursSettings.defaults().withRandomInterval(Duration.ofMillis(250))));
    nodes.add(node);
    return node;
  }

  private JsonSocket socket(ExampleServer node, String path) throws Exception {
    JsonSocket socket = JsonSocket.open(node.wsPort(), path);
    sockets.add(socket);
    return socket;
  }

  @Test
  void everyNodeSendsTheSameNumberWithTheSameTimestampOncePerTick() throws Exception {
    ExampleServer one = node("one");
    ExampleServer two = node("two");
    JsonSocket ann = socket(one, "/random");
    JsonSocket bob = socket(two, "/random");
    Map<String, Integer> seenByAnn = numbers(ann);
    Map<String, Integer> seenByBob = numbers(bob);
    Map<String, Integer> common = new HashMap<>(seenByAnn);
    common.keySet().retainAll(seenByBob.keySet());
    assertThat(common).hasSizeGreaterThanOrEqualTo(5);
    common.forEach((timestamp, value) -> assertThat(seenByBob.get(timestamp)).as(timestamp).isEqualTo(value));
  }

  /** The numbers one client receives in two seconds by timestamp; fails on a tick received twice. */
  private static Map<String, Integer> numbers(JsonSocket client) throws Exception {
    Map<String, Integer> byTimestamp = new HashMap<>();
    for (JsonObject frame : client.drain(Duration.ofSeconds(2))) {
      if (frame.get("type").getAsString().equals("RANDOM_NUMBER")) {
        Integer earlier = byTimestamp.put(frame.get("timestamp").getAsString(), frame.get("value").getAsInt());
        assertThat(earlier).as("a second frame for " + frame.get("timestamp")).isNull();
      }
    }
    return byTimestamp;
  }

  @Test
  void aThousandConcurrentBookingsOverTwoNodesSellExactlyTheTwentySeats() throws Exception {
    ExampleServer one = node("one");
    ExampleServer two = node("two");
    List<JsonSocket> watchers = new ArrayList<>();
    for (ExampleServer node : List.of(one, two, one, two)) {
      JsonSocket watcher = socket(node, "/tours");
      watcher.next("INITIAL_STATE", s -> s.get("tourId").getAsString().equals("tour_paris")
          && s.get("availableSeats").getAsInt() == 20);
      watchers.add(watcher);
    }
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    List<CompletableFuture<HttpResponse<String>>> requests = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      ExampleServer node = i % 2 == 0 ? one : two;
      requests.add(http.sendAsync(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + node.httpPort() + "/api/tours/tour_paris/bookings"))
          .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString("{\"seats\":1}")).build(),
          HttpResponse.BodyHandlers.ofString()));
    }
    CompletableFuture.allOf(requests.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    Map<Integer, Integer> statuses = new HashMap<>();
    requests.forEach(request -> statuses.merge(request.join().statusCode(), 1, Integer::sum));
    assertThat(statuses).containsExactlyInAnyOrderEntriesOf(Map.of(201, 20, 409, 980));
    // every client on both nodes ends on 0, and never sees the count go back up on the way
    for (JsonSocket watcher : watchers) {
      int last = 20;
      JsonObject update;
      do {
        update = watcher.next("AVAILABILITY_UPDATE", u -> u.get("tourId").getAsString().equals("tour_paris"));
        assertThat(update.get("availableSeats").getAsInt()).isLessThan(last);
        last = update.get("availableSeats").getAsInt();
      } while (last > 0);
    }
    assertThat(redis.server().command("HGET", "tours:tour_paris", "seats")).hasToString("0");
    assertThat(redis.server().command("HLEN", "tours:tour_paris:bookings")).hasToString("20");
  }

  @Test
  void seatsSurviveANodeRestart() throws Exception {
    ExampleServer one = node("one");
    assertThat(JsonSocket.http(one.httpPort(), "POST", "/api/tours/tour_rome/bookings", "{\"seats\":5}").statusCode())
        .isEqualTo(201);
    one.close();
    nodes.remove(one);
    ExampleServer again = node("one");
    JsonSocket client = socket(again, "/tours");
    assertThat(client.next("INITIAL_STATE", s -> s.get("tourId").getAsString().equals("tour_rome"))
        .get("availableSeats").getAsInt()).isEqualTo(13);
  }
}
