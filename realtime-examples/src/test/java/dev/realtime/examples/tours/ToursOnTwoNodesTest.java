package dev.realtime.examples.tours;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.realtime.examples.ExampleServer;
import dev.realtime.examples.feed.ClusterNodes;
import dev.realtime.examples.feed.JsonSocket;
import dev.realtime.testing.redis.RedisExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two tours nodes on one real Redis: one number per tick, seats booked atomically across nodes. */
class ToursOnTwoNodesTest {
  @RegisterExtension static final RedisExtension redis = RedisExtension.standalone();

  @RegisterExtension
  final ClusterNodes nodes = new ClusterNodes(redis, "tours",
      () -> new ToursExample(ToursSettings.defaults().withRandomInterval(Duration.ofMillis(250))));

  private ExampleServer node(String id) throws Exception {
    return nodes.start(id);
  }

  private JsonSocket socket(ExampleServer node, String path) throws Exception {
    return nodes.socket(node, path);
  }

  @Test
  void everyNodeSendsTheSameNumberWithTheSameTimestampOncePerTick() throws Exception {
    ExampleServer one = node("one");
    ExampleServer two = node("two");
    JsonSocket ann = socket(one, "/random");
    JsonSocket bob = socket(two, "/random");
    Map<String, Integer> seenByAnn = new HashMap<>();
    Map<String, Integer> seenByBob = new HashMap<>();
    Map<String, Integer> common = new HashMap<>();
    // Until five ticks reached both: a loaded machine's late timer skips ticks, so a fixed window
    // could hold fewer.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (common.size() < 5) {
      assertThat(System.nanoTime()).as("five ticks seen by both, so far " + common.keySet()).isLessThan(deadline);
      numbers(ann, seenByAnn);
      numbers(bob, seenByBob);
      common = new HashMap<>(seenByAnn);
      common.keySet().retainAll(seenByBob.keySet());
    }
    common.forEach((timestamp, value) -> assertThat(seenByBob.get(timestamp)).as(timestamp).isEqualTo(value));
  }

  /** Adds the numbers one client receives in 250 ms by timestamp; fails on a tick received twice. */
  private static void numbers(JsonSocket client, Map<String, Integer> byTimestamp) throws Exception {
    for (JsonObject frame : client.drain(Duration.ofMillis(250))) {
      if (frame.get("type").getAsString().equals("RANDOM_NUMBER")) {
        Integer earlier = byTimestamp.put(frame.get("timestamp").getAsString(), frame.get("value").getAsInt());
        assertThat(earlier).as("a second frame for " + frame.get("timestamp")).isNull();
      }
    }
  }

  @Test
  void aThousandConcurrentBookingsOverTwoNodesSellExactlyTheTwentySeats() throws Exception {
    ExampleServer one = node("one");
    ExampleServer two = node("two");
    List<JsonSocket> watchers = new ArrayList<>();
    for (ExampleServer node : List.of(one, two, one, two)) {
      watchers.add(BookingRush.watcher(socket(node, "/tours"), "tour_paris", 20));
    }
    assertThat(BookingRush.rush(List.of(one.httpPort(), two.httpPort()), "tour_paris", 1_000))
        .containsExactlyInAnyOrderEntriesOf(Map.of(201, 20, 409, 980));
    // every client on both nodes ends on 0, and never sees the count go back up on the way
    for (JsonSocket watcher : watchers) {
      BookingRush.assertCountsDownToZero(watcher, "tour_paris", 20);
    }
    assertThat(redis.server().command("HGET", "tours:tour_paris", "seats")).hasToString("0");
    assertThat(redis.server().command("HLEN", "tours:tour_paris:bookings")).hasToString("20");
  }

  @Test
  void seatsSurviveANodeRestart() throws Exception {
    ExampleServer one = node("one");
    assertThat(JsonSocket.http(one.httpPort(), "POST", "/api/tours/tour_rome/bookings", "{\"seats\":5}").statusCode())
        .isEqualTo(201);
    nodes.stop(one);
    ExampleServer again = node("one");
    JsonSocket client = socket(again, "/tours");
    assertThat(client.next("INITIAL_STATE", s -> s.get("tourId").getAsString().equals("tour_rome"))
        .get("availableSeats").getAsInt()).isEqualTo(13);
  }
}
