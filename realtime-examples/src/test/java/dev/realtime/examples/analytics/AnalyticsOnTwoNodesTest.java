package dev.realtime.examples.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.realtime.examples.ExampleServer;
import dev.realtime.examples.feed.ClusterNodes;
import dev.realtime.examples.feed.JsonSocket;
import dev.realtime.protocol.Json;
import dev.realtime.testing.redis.RedisExtension;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two analytics nodes on one real Redis: events once everywhere, one heartbeat per tick, shared stats. */
class AnalyticsOnTwoNodesTest {
  @RegisterExtension static final RedisExtension redis = RedisExtension.standalone();

  @RegisterExtension
  final ClusterNodes nodes = new ClusterNodes(redis, "analytics", () -> example(Duration.ofMillis(400)));

  private static AnalyticsExample example(Duration heartbeat) {
    return new AnalyticsExample(AnalyticsSettings.defaults().withHeartbeatInterval(heartbeat));
  }

  private ExampleServer node(String id) throws Exception {
    return nodes.start(id);
  }

  private JsonSocket socket(ExampleServer node) throws Exception {
    return nodes.socket(node, "/ws/analytics");
  }

  private static JsonObject stats(ExampleServer node) throws Exception {
    return Json.parseObject(JsonSocket.http(node.httpPort(), "GET", "/api/stats", null).body());
  }

  @Test
  void anEventPostedToOneNodeReachesEveryClientOfBothOnceAndVisitorsAreCountedAcrossNodes() throws Exception {
    ExampleServer one = node("one");
    ExampleServer two = node("two");
    JsonSocket ann = socket(one);
    ann.next("initial_stats");
    JsonSocket bob = socket(two);
    assertThat(bob.next("initial_stats").getAsJsonObject("data").get("current_visitors").getAsLong()).isEqualTo(2);

    String event = "{\"type\":\"page_view\",\"visitor_id\":\"v-1\",\"timestamp\":\"2025-12-08T12:34:56Z\"}";
    assertThat(JsonSocket.http(one.httpPort(), "POST", "/api/events", event).statusCode()).isEqualTo(202);
    for (JsonSocket client : List.of(ann, bob)) {
      // Waits for it (through Redis to the other node: a second can pass on a loaded machine), then
      // watches a while for a second copy.
      assertThat(Json.encode(client.next("page_view"))).isEqualTo(event);
      assertThat(client.drain(Duration.ofMillis(500)).stream().filter(f -> f.get("type").getAsString().equals("page_view")))
          .isEmpty();
    }
    assertThat(stats(two).get("total_events").getAsLong()).isEqualTo(1);
  }

  @Test
  void theClusterSendsOneHeartbeatPerTickWithTheSameStatsOnEveryNode() throws Exception {
    // Heartbeats carry unix seconds: a one-second tick makes each timestamp name one tick.
    ExampleServer one = nodes.start("one", example(Duration.ofSeconds(1)));
    ExampleServer two = nodes.start("two", example(Duration.ofSeconds(1)));
    JsonSocket ann = socket(one);
    JsonSocket bob = socket(two);
    ann.next("initial_stats");
    bob.next("initial_stats");
    CompletableFuture<Map<Long, String>> seenByAnn = CompletableFuture.supplyAsync(() -> heartbeats(ann));
    Map<Long, String> seenByBob = heartbeats(bob);
    Map<Long, String> common = new HashMap<>(seenByAnn.get(10, TimeUnit.SECONDS));
    common.keySet().retainAll(seenByBob.keySet());
    assertThat(common).hasSizeGreaterThanOrEqualTo(2);
    common.forEach((timestamp, data) -> assertThat(seenByBob.get(timestamp)).isEqualTo(data));
  }

  /** Heartbeats by timestamp over 3.5 s; fails on a tick received twice (one heartbeat per node). */
  private static Map<Long, String> heartbeats(JsonSocket client) {
    Map<Long, String> byTimestamp = new HashMap<>();
    try {
      for (JsonObject frame : client.drain(Duration.ofMillis(3_500))) {
        if (frame.get("type").getAsString().equals("heartbeat")) {
          JsonObject data = frame.getAsJsonObject("data");
          String earlier = byTimestamp.put(data.get("timestamp").getAsLong(), Json.encode(data));
          assertThat(earlier).as("a second heartbeat at " + data.get("timestamp")).isNull();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
    assertThat(byTimestamp).hasSizeBetween(2, 4);
    return byTimestamp;
  }

  @Test
  void aPlainRedisPublishFeedsEveryClientOnceAndBadInputIsCountedAndDropped() throws Exception {
    ExampleServer one = node("one");
    ExampleServer two = node("two");
    JsonSocket ann = socket(one);
    JsonSocket bob = socket(two);
    ann.next("initial_stats");
    bob.next("initial_stats");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!stats(one).getAsJsonObject("node").get("takes_redis_channel").getAsBoolean()
        && !stats(two).getAsJsonObject("node").get("takes_redis_channel").getAsBoolean()) {
      assertThat(System.nanoTime()).as("a node takes the Redis channel").isLessThan(deadline);
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
    }
    // A node says it takes the channel only once Redis confirmed its SUBSCRIBE (holding the lease
    // is not enough), so the first PUBLISH below cannot reach nobody.
    assertThat(subscribers("analytics:events")).isEqualTo("1");

    // only the lease holder listens: one receiver, so the event is counted and delivered once
    assertThat(redis.server().command("PUBLISH", "analytics:events", "not json")).hasToString("1");
    assertThat(redis.server().command("PUBLISH", "analytics:events", "{\"type\":\"heartbeat\"}")).hasToString("1");
    String event = "{\"type\":\"letter_generated\",\"visitor_id\":\"v-9\",\"timestamp\":\"2025-12-08T12:00:00Z\"}";
    assertThat(redis.server().command("PUBLISH", "analytics:events", event)).hasToString("1");
    for (JsonSocket client : List.of(ann, bob)) {
      assertThat(Json.encode(client.next("letter_generated"))).isEqualTo(event);
      assertThat(client.drain(Duration.ofMillis(500)).stream().filter(f -> f.get("type").getAsString().equals("letter_generated")))
          .isEmpty();
    }
    JsonObject leader = stats(one).getAsJsonObject("node").get("takes_redis_channel").getAsBoolean() ? stats(one) : stats(two);
    assertThat(leader.getAsJsonObject("node").get("events_rejected").getAsLong()).isEqualTo(2);
    assertThat(leader.get("total_events").getAsLong()).isEqualTo(1);
    assertThat(leader.get("letters_today").getAsLong()).isEqualTo(1);
  }

  /** How many subscribers Redis counts on {@code channel} ({@code PUBSUB NUMSUB}). */
  private static String subscribers(String channel) {
    return ((List<?>) redis.server().command("PUBSUB", "NUMSUB", channel)).get(1).toString();
  }

  @Test
  void theCountersSurviveANodeRestart() throws Exception {
    ExampleServer one = node("one");
    for (String visitor : List.of("a", "b", "a")) {
      assertThat(JsonSocket.http(one.httpPort(), "POST", "/api/events",
          "{\"type\":\"page_view\",\"visitor_id\":\"" + visitor + "\"}").statusCode()).isEqualTo(202);
    }
    nodes.stop(one);
    ExampleServer again = node("one");
    JsonObject data = socket(again).next("initial_stats").getAsJsonObject("data");
    assertThat(data.get("total_events").getAsLong()).isEqualTo(3);
    assertThat(data.get("unique_today").getAsLong()).isEqualTo(2);
    assertThat(data.get("current_visitors").getAsLong()).isEqualTo(1);
  }
}
