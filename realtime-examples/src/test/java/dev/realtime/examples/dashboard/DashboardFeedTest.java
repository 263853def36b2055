package dev.realtime.examples.dashboard;

import dev.realtime.testing.ManualClock;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.realtime.hub.Hub;
import dev.realtime.metrics.InMemoryMetrics;
import dev.realtime.testing.InMemoryTransport;
import dev.realtime.testing.TestConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The dashboard's logic through the in-memory transport: no sockets, no timers, no sleeps. */
class DashboardFeedTest {
  private final ManualClock clock = new ManualClock(Instant.parse("2026-11-22T12:00:00Z"));
  private final ScriptedSource source = new ScriptedSource();
  private final InMemoryMetrics metrics = new InMemoryMetrics(clock);
  private final DashboardFeed feed =
      new DashboardFeed(Hub.builder(), source, DashboardSettings.defaultRules(), clock, Duration.ofSeconds(2), metrics);
  private final InMemoryTransport transport = new InMemoryTransport(feed.hub());

  private void tick() {
    clock.advance(Duration.ofSeconds(2));
    feed.tick(0);
  }

  private static Set<String> fields(JsonObject message) {
    return message.getAsJsonObject("metrics").keySet();
  }

  @Test
  void aNewClientGetsInitialDataWithCurrentMetricsHistoryAndAlerts() {
    source.cpu = 95;
    tick();
    tick();
    TestConnection client = transport.connect("/dashboard");

    List<JsonObject> initial = client.receivedOfType("initial_data");
    assertThat(initial).hasSize(1);
    JsonObject data = initial.get(0);
    assertThat(data.getAsJsonObject("metrics").get("cpu_usage").getAsDouble()).isEqualTo(95);
    assertThat(data.getAsJsonObject("metrics").get("timestamp").getAsString()).isEqualTo("2026-11-22T12:00:04Z");
    assertThat(fields(data)).containsAll(List.of(
        "timestamp", "cpu_usage", "memory_usage", "disk_usage", "network_in", "network_out",
        "active_users", "requests_per_sec", "error_rate", "response_time", "database_connections",
        "cache_hit_rate"));
    // the constructor's first sample plus two ticks
    assertThat(data.getAsJsonArray("history")).hasSize(3);
    assertThat(data.getAsJsonArray("alerts")).hasSize(1);
    assertThat(data.getAsJsonArray("alerts").get(0).getAsJsonObject().get("type").getAsString()).isEqualTo("critical");
    assertThat(data.get("interval_ms").getAsLong()).isEqualTo(2000);
    assertThat(data.get("mode").getAsString()).isEqualTo("scripted");
    assertThat(data.getAsJsonObject("topics").getAsJsonArray("network")).hasSize(2);
  }

  @Test
  void everyTickPushesAMetricsUpdateWithEveryFieldByDefault() {
    TestConnection client = transport.connect("/dashboard");
    tick();
    tick();
    List<JsonObject> updates = client.receivedOfType("metrics_update");
    assertThat(updates).hasSize(2);
    assertThat(fields(updates.get(1))).hasSize(14);
    assertThat(feed.history()).hasSize(3);
  }

  @Test
  void historyKeepsTheLastHundredSamples() {
    for (int i = 0; i < 150; i++) {
      tick();
    }
    assertThat(feed.history()).hasSize(DashboardFeed.HISTORY_SIZE);
    assertThat(feed.history().get(99)).isEqualTo(feed.current());
    assertThat(feed.historyJson()).hasSize(100);
  }

  @Test
  void aClientReceivesOnlyTheFieldsOfItsTopics() {
    TestConnection cpuOnly = transport.connect("/dashboard");
    TestConnection everything = transport.connect("/dashboard");
    cpuOnly.send("{\"type\":\"subscribe\",\"topics\":[\"cpu\",\"network\"],\"id\":7}");

    JsonObject answer = cpuOnly.receivedOfType("subscriptions").get(0);
    assertThat(answer.getAsJsonArray("topics").toString()).isEqualTo("[\"cpu\",\"network\"]");
    assertThat(answer.get("id").getAsInt()).isEqualTo(7);

    tick();
    assertThat(fields(cpuOnly.receivedOfType("metrics_update").get(0)))
        .containsExactlyInAnyOrder("timestamp", "cpu_usage", "process_cpu_usage", "network_in", "network_out");
    assertThat(fields(everything.receivedOfType("metrics_update").get(0))).hasSize(14);
  }

  @Test
  void subscribeAddsAndUnsubscribeRemoves() {
    TestConnection client = transport.connect("/dashboard");
    client.send("{\"type\":\"subscribe\",\"topics\":[\"cpu\"]}");
    client.send("{\"type\":\"subscribe\",\"topics\":[\"memory\"]}");
    client.send("{\"type\":\"unsubscribe\",\"topics\":[\"cpu\"]}");
    List<JsonObject> answers = client.receivedOfType("subscriptions");
    assertThat(answers).extracting(a -> a.getAsJsonArray("topics").toString())
        .containsExactly("[\"cpu\"]", "[\"cpu\",\"memory\"]", "[\"memory\"]");
    tick();
    assertThat(fields(client.receivedOfType("metrics_update").get(0)))
        .containsExactlyInAnyOrder("timestamp", "memory_usage", "jvm_memory_usage");
  }

  @Test
  void unsubscribingFromEveryTopicStopsTheUpdates() {
    TestConnection client = transport.connect("/dashboard");
    client.send("{\"type\":\"unsubscribe\",\"topics\":[\"users\"]}");
    tick();
    assertThat(fields(client.receivedOfType("metrics_update").get(0))).doesNotContain("active_users").hasSize(13);
    client.send("{\"type\":\"unsubscribe\",\"topics\":[\"cpu\",\"memory\",\"disk\",\"network\",\"performance\",\"database\"]}");
    client.clearReceived();
    tick();
    assertThat(client.receivedOfType("metrics_update")).isEmpty();
  }

  @Test
  void anUnknownTopicIsAnErrorAndChangesNothing() {
    TestConnection client = transport.connect("/dashboard");
    client.send("{\"type\":\"subscribe\",\"topics\":[\"cpu\",\"gpu\"],\"id\":\"r1\"}");
    JsonObject error = client.receivedOfType("error").get(0);
    assertThat(error.get("code").getAsString()).isEqualTo(DashboardFeed.UNKNOWN_TOPIC);
    assertThat(error.get("message").getAsString()).contains("'gpu'").contains("cpu, memory");
    assertThat(error.get("id").getAsString()).isEqualTo("r1");
    assertThat(client.receivedOfType("subscriptions")).isEmpty();
    tick();
    assertThat(fields(client.receivedOfType("metrics_update").get(0))).hasSize(14);
  }

  @Test
  void malformedTopicsAreInvalid() {
    TestConnection client = transport.connect("/dashboard");
    client.send("{\"type\":\"subscribe\",\"topics\":\"cpu\"}");
    client.send("{\"type\":\"unsubscribe\"}");
    client.send("{\"type\":\"subscribe\",\"topics\":[1]}");
    assertThat(client.receivedOfType("error")).extracting(e -> e.get("code").getAsString())
        .containsExactly("invalid_message", "invalid_message", "invalid_message");
    assertThat(metrics.snapshot().errorsCount()).isEqualTo(3);
  }

  @Test
  void alertsAreSentOnceWhenRaisedAndOnceWhenResolved() {
    TestConnection client = transport.connect("/dashboard");
    source.cpu = 75;
    tick();
    tick();
    tick();
    source.cpu = 96;
    tick();
    tick();
    source.cpu = 30;
    tick();
    tick();
    List<JsonObject> batches = client.receivedOfType("new_alerts");
    assertThat(batches).hasSize(3);
    assertThat(batches).extracting(b -> b.getAsJsonArray("alerts").get(0).getAsJsonObject().get("title").getAsString())
        .containsExactly("CPU Usage High", "CPU Usage Critical", "CPU Usage Back to Normal");
    assertThat(batches.get(2).getAsJsonArray("alerts").get(0).getAsJsonObject().get("resolved").getAsBoolean()).isTrue();
    assertThat(feed.alerts()).hasSize(3);
    assertThat(feed.activeAlerts()).isEmpty();
    assertThat(feed.alertsJson(false)).hasSize(3);
  }

  @Test
  void alertsFollowTheClientsTopics() {
    TestConnection memoryOnly = transport.connect("/dashboard");
    TestConnection cpuWatcher = transport.connect("/dashboard");
    memoryOnly.send("{\"type\":\"subscribe\",\"topics\":[\"memory\"]}");
    cpuWatcher.send("{\"type\":\"subscribe\",\"topics\":[\"cpu\"]}");
    source.cpu = 99;
    tick();
    assertThat(memoryOnly.receivedOfType("new_alerts")).isEmpty();
    assertThat(cpuWatcher.receivedOfType("new_alerts")).hasSize(1);
  }

  @Test
  void aSlowClientKeepsOnlyTheNewestSampleAndGetsItWhenItsQueueDrains() {
    TestConnection slow = transport.connect("/dashboard");
    TestConnection fast = transport.connect("/dashboard");
    slow.pauseReading();
    tick();                       // queue empty: sent, and now waiting in the paused queue
    for (int i = 0; i < 50; i++) {
      source.cpu = i;
      tick();                     // parked; each newer sample replaces the one before
    }
    assertThat(slow.queuedMessages()).isEqualTo(1);
    assertThat(feed.parkedClients()).isEqualTo(1);
    assertThat(feed.samplesDropped()).isEqualTo(49);
    assertThat(metrics.snapshot().messagesDropped()).isEqualTo(49);
    assertThat(fast.receivedOfType("metrics_update")).hasSize(51);

    feed.drainParked();           // still behind: nothing moves
    assertThat(slow.queuedMessages()).isEqualTo(1);

    slow.resumeReading();
    feed.drainParked();
    List<JsonObject> updates = slow.receivedOfType("metrics_update");
    assertThat(updates).hasSize(2);
    assertThat(updates.get(1).getAsJsonObject("metrics").get("cpu_usage").getAsDouble()).isEqualTo(49);
    assertThat(updates.get(1).getAsJsonObject("metrics").get("timestamp").getAsString())
        .isEqualTo(feed.current().timestamp().toString());
    assertThat(feed.parkedClients()).isZero();
    assertThat(slow.isOpen()).isTrue();
  }

  @Test
  void alertsReachASlowClientEvenWhileItsSamplesAreParked() {
    TestConnection slow = transport.connect("/dashboard");
    slow.pauseReading();
    tick();
    source.cpu = 99;
    tick();
    slow.resumeReading();
    assertThat(slow.receivedOfType("new_alerts")).hasSize(1);
    feed.drainParked();
    assertThat(slow.receivedOfType("metrics_update")).hasSize(2);
  }

  @Test
  void aDisconnectedClientIsForgotten() {
    TestConnection client = transport.connect("/dashboard");
    client.pauseReading();
    tick();
    tick();
    assertThat(feed.parkedClients()).isEqualTo(1);
    client.disconnect(1000, "bye");
    assertThat(feed.parkedClients()).isZero();
    tick();
    assertThat(feed.hub().clientCount()).isZero();
  }

  @Test
  void restAnswersMirrorTheFeed() {
    tick();
    assertThat(feed.currentJson().get("timestamp").getAsString()).isEqualTo(feed.current().timestamp().toString());
    source.cpu = 99;
    tick();
    assertThat(feed.alertsJson(true)).hasSize(1);
    assertThat(feed.historyJson()).hasSize(3);
  }
}
