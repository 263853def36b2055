package dev.realtime.examples.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.realtime.broker.memory.InMemoryBroker;
import dev.realtime.examples.analytics.model.AnalyticsEvent;
import dev.realtime.examples.analytics.proto.ClientFrame;
import dev.realtime.examples.analytics.proto.Filter;
import dev.realtime.examples.analytics.proto.ServerFrame;
import dev.realtime.examples.analytics.stats.MemoryStatsStore;
import dev.realtime.examples.analytics.wire.Encoding;
import dev.realtime.examples.analytics.wire.EventCodec;
import dev.realtime.hub.Hub;
import dev.realtime.metrics.InMemoryMetrics;
import dev.realtime.protocol.Json;
import dev.realtime.testing.InMemoryTransport;
import dev.realtime.testing.ManualClock;
import dev.realtime.testing.TestConnection;
import dev.realtime.transport.OutboundMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code /ws/analytics} without a socket: stats, events, filters, both encodings. */
class AnalyticsFeedTest {
  private final ManualClock clock = new ManualClock(Instant.parse("2025-12-08T12:00:00Z"));
  private final InMemoryBroker broker = InMemoryBroker.builder().nodeId("a").build();
  private final AnalyticsFeed feed = new AnalyticsFeed(Hub.builder().broker(broker).clock(clock), broker,
      new MemoryStatsStore(clock), clock, new InMemoryMetrics(), offered -> Optional.empty());
  private final InMemoryTransport transport = new InMemoryTransport(feed.hub());

  AnalyticsFeedTest() throws Exception {
    feed.start(Duration.ofSeconds(5));
  }

  @AfterEach
  void close() {
    broker.close();
  }

  private void publish(String json) throws Exception {
    feed.publish(AnalyticsEvent.parse(json, clock)).toCompletableFuture().get();
  }

  private static List<String> types(TestConnection client) {
    return client.receivedJson().stream().map(frame -> frame.get("type").getAsString()).toList();
  }

  @Test
  void theFirstFrameIsInitialStatsCountingTheClientItself() {
    TestConnection ann = transport.connect("/ws/analytics");
    JsonObject first = ann.receivedJson().get(0);
    assertThat(first.get("type").getAsString()).isEqualTo("initial_stats");
    JsonObject data = first.getAsJsonObject("data");
    assertThat(data.keySet()).containsExactly("current_visitors", "unique_today", "total_events", "letters_today", "timestamp");
    assertThat(data.get("current_visitors").getAsLong()).isEqualTo(1);
    assertThat(data.get("timestamp").getAsLong()).isEqualTo(clock.instant().getEpochSecond());
    TestConnection bob = transport.connect("/ws/analytics");
    assertThat(bob.receivedJson().get(0).getAsJsonObject("data").get("current_visitors").getAsLong()).isEqualTo(2);
    bob.disconnect(1000, "bye");
    ann.send("{\"type\":\"refresh_stats\",\"id\":\"r1\"}");
    JsonObject stats = ann.lastJson().orElseThrow();
    assertThat(stats.get("type").getAsString()).isEqualTo("stats");
    assertThat(stats.get("id").getAsString()).isEqualTo("r1");
    assertThat(stats.getAsJsonObject("data").get("current_visitors").getAsLong()).isEqualTo(1);
  }

  @Test
  void everyClientGetsEveryEventAsPublishedAndTheCountersMove() throws Exception {
    TestConnection ann = transport.connect("/ws/analytics");
    TestConnection bob = transport.connect("/ws/analytics");
    publish("{\"type\":\"page_view\",\"visitor_id\":\"v1\",\"timestamp\":\"2025-12-08T12:34:56Z\",\"data\":{\"page\":\"/\"}}");
    publish("{\"type\":\"letter_generated\",\"visitor_id\":\"v2\",\"timestamp\":\"2025-12-08T12:35:00Z\"}");
    for (TestConnection client : List.of(ann, bob)) {
      assertThat(client.received().subList(1, 3)).containsExactly(
          "{\"type\":\"page_view\",\"visitor_id\":\"v1\",\"timestamp\":\"2025-12-08T12:34:56Z\",\"data\":{\"page\":\"/\"}}",
          "{\"type\":\"letter_generated\",\"visitor_id\":\"v2\",\"timestamp\":\"2025-12-08T12:35:00Z\"}");
    }
    ann.send("{\"type\":\"refresh_stats\"}");
    JsonObject data = ann.lastJson().orElseThrow().getAsJsonObject("data");
    assertThat(data.get("total_events").getAsLong()).isEqualTo(2);
    assertThat(data.get("unique_today").getAsLong()).isEqualTo(2);
    assertThat(data.get("letters_today").getAsLong()).isEqualTo(1);
    assertThat(feed.eventsDelivered()).isEqualTo(4);
  }

  @Test
  void aHeartbeatGoesToEveryClientWhateverItsFilter() throws Exception {
    TestConnection ann = transport.connect("/ws/analytics");
    ann.send("{\"type\":\"subscribe\",\"events\":[\"click\"]}");
    publish("{\"type\":\"page_view\"}");
    feed.heartbeat(Instant.parse("2025-12-08T12:00:05Z")).toCompletableFuture().get();
    JsonObject heartbeat = ann.lastJson().orElseThrow();
    assertThat(heartbeat.get("type").getAsString()).isEqualTo("heartbeat");
    assertThat(heartbeat.getAsJsonObject("data").get("timestamp").getAsLong()).isEqualTo(Instant.parse("2025-12-08T12:00:05Z").getEpochSecond());
    assertThat(heartbeat.getAsJsonObject("data").get("total_events").getAsLong()).isEqualTo(1);
    assertThat(types(ann)).containsExactly("initial_stats", "subscriptions", "heartbeat");
  }

  @Test
  void filtersAreAnsweredWithWhatIsInForceAndANewClientGetsEverything() throws Exception {
    TestConnection only = transport.connect("/ws/analytics");
    TestConnection except = transport.connect("/ws/analytics");
    TestConnection fresh = transport.connect("/ws/analytics");
    only.send("{\"type\":\"subscribe\",\"events\":[\"page_view\",\"click\"],\"id\":1}");
    assertThat(only.lastJson().orElseThrow().toString())
        .isEqualTo("{\"type\":\"subscriptions\",\"all\":false,\"events\":[\"click\",\"page_view\"],\"id\":1}");
    only.send("{\"type\":\"unsubscribe\",\"events\":[\"click\"]}");
    assertThat(only.lastJson().orElseThrow().toString()).isEqualTo("{\"type\":\"subscriptions\",\"all\":false,\"events\":[\"page_view\"]}");
    except.send("{\"type\":\"unsubscribe\",\"events\":[\"page_view\"]}");
    assertThat(except.lastJson().orElseThrow().toString()).isEqualTo("{\"type\":\"subscriptions\",\"all\":true,\"except\":[\"page_view\"]}");

    publish("{\"type\":\"page_view\"}");
    publish("{\"type\":\"click\"}");
    publish("{\"type\":\"cv_download\"}");
    assertThat(types(only)).containsExactly("initial_stats", "subscriptions", "subscriptions", "page_view");
    assertThat(types(except)).containsExactly("initial_stats", "subscriptions", "click", "cv_download");
    assertThat(types(fresh)).containsExactly("initial_stats", "page_view", "click", "cv_download");

    only.send("{\"type\":\"subscribe\",\"events\":[\"*\"]}");
    assertThat(only.lastJson().orElseThrow().toString()).isEqualTo("{\"type\":\"subscriptions\",\"all\":true,\"except\":[]}");
  }

  @Test
  void badRequestsAreErrorsAndTheConnectionStays() {
    TestConnection client = transport.connect("/ws/analytics");
    for (String bad : List.of("{\"type\":\"subscribe\"}", "{\"type\":\"subscribe\",\"events\":[]}",
        "{\"type\":\"subscribe\",\"events\":\"page_view\"}", "{\"type\":\"subscribe\",\"events\":[\"a b\"]}",
        "{\"type\":\"unsubscribe\",\"events\":[3]}")) {
      client.send(bad);
      assertThat(client.lastJson().orElseThrow().get("code").getAsString()).as(bad).isEqualTo("invalid_message");
    }
    client.send("{\"type\":\"page_view\"}");
    assertThat(client.lastJson().orElseThrow().get("code").getAsString()).isEqualTo("unknown_type");
    client.send("{\"type\":\"ping\",\"id\":9}");
    JsonObject pong = client.lastJson().orElseThrow();
    assertThat(pong.get("type").getAsString()).isEqualTo("pong");
    assertThat(pong.get("id").getAsInt()).isEqualTo(9);
    assertThat(client.closeCode()).isEmpty();
  }

  @Test
  void aProtobufClientGetsBinaryFramesThatDecodeToTheSameEvent() throws Exception {
    TestConnection binary = transport.connect("/ws/analytics", Map.of("Sec-WebSocket-Protocol", "analytics.v1.protobuf"));
    assertThat(binary.subprotocol()).hasValue(Encoding.PROTOBUF_PROTOCOL);
    String json = "{\"type\":\"page_view\",\"visitor_id\":\"0f8fad5b-d9cb-469f-a165-70867728950e\","
        + "\"timestamp\":\"2025-12-08T12:34:56Z\",\"data\":{\"page\":\"/about\"}}";
    publish(json);
    List<OutboundMessage> frames = binary.receivedMessages();
    assertThat(frames).allMatch(frame -> !frame.isText());
    ServerFrame first = ServerFrame.parseFrom(frames.get(0).payload());
    assertThat(first.hasInitialStats()).isTrue();
    assertThat(first.getInitialStats().getCurrentVisitors()).isEqualTo(1);
    ServerFrame event = ServerFrame.parseFrom(frames.get(1).payload());
    assertThat(EventCodec.toJson(event.getEvent())).isEqualTo(Json.parseObject(json));

    binary.sendBinary(ClientFrame.newBuilder().setSubscribe(Filter.newBuilder().addEvents("click")).setId("s1").build().toByteArray());
    ServerFrame answer = ServerFrame.parseFrom(binary.receivedMessages().get(2).payload());
    assertThat(answer.getSubscriptions().getEventsList()).containsExactly("click");
    assertThat(answer.getId()).isEqualTo("s1");
    binary.sendBinary(new byte[] {(byte) 0xff, 1, 2});
    assertThat(ServerFrame.parseFrom(binary.receivedMessages().get(3).payload()).getError().getCode()).isEqualTo("invalid_message");
    binary.send("{\"type\":\"ping\"}");
    assertThat(ServerFrame.parseFrom(binary.receivedMessages().get(4).payload()).hasPong()).isTrue();
  }
}
