package dev.realtime.examples.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.realtime.examples.ExampleHttp;
import dev.realtime.examples.ExampleServer;
import dev.realtime.examples.ExampleServers;
import dev.realtime.examples.LaunchOptions;
import dev.realtime.hub.Client;
import dev.realtime.protocol.Json;
import dev.realtime.testing.junit.ServerExtension;
import dev.realtime.testing.transport.WsTestClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Subscriptions and lossy delivery through the real transport. The tick timer is an hour, so the
 * test takes every sample itself; only the drain retry (100 ms) runs on its own.
 */
class DashboardIntegrationTest {
  private final ScriptedSource source = new ScriptedSource();
  private final DashboardExample example = new DashboardExample(
      DashboardSettings.defaults().withTickInterval(Duration.ofHours(1)).withSource(source));

  @RegisterExtension
  final ServerExtension<ExampleServer> server =
      ExampleServers.extension(LaunchOptions.ephemeral("dashboard"), example);
  private DashboardFeed feed;

  @BeforeEach
  void feed() {
    feed = example.feed();
  }

  private WsTestClient connect(String target, boolean autoRead) throws Exception {
    return WsTestClient.connect(server.webSocketPort(), target, autoRead);
  }

  private static JsonObject next(WsTestClient client) throws InterruptedException {
    return Json.parseObject(client.nextText());
  }

  private static JsonObject nextOfType(WsTestClient client, String type) throws InterruptedException {
    while (true) {
      JsonObject message = next(client);
      if (message.get("type").getAsString().equals(type)) {
        return message;
      }
    }
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.onSpinWait();
      Thread.sleep(1); // polling interval of the wait, not a guess at timing
    }
  }

  private Client serverSide(String who) {
    return feed.hub().clients().stream()
        .filter(c -> c.handshake().query("who").map(who::equals).orElse(false))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void subscriptionsFilterWhatEachRealClientReceives() throws Exception {
    try (WsTestClient cpu = connect("/dashboard", true);
        WsTestClient all = connect("/dashboard", true)) {
      assertThat(next(cpu).get("type").getAsString()).isEqualTo("initial_data");
      assertThat(next(all).get("type").getAsString()).isEqualTo("initial_data");
      cpu.send("{\"type\":\"subscribe\",\"topics\":[\"cpu\"]}");
      assertThat(next(cpu).getAsJsonArray("topics").toString()).isEqualTo("[\"cpu\"]");

      feed.tick(0);
      assertThat(nextOfType(cpu, "metrics_update").getAsJsonObject("metrics").keySet())
          .containsExactlyInAnyOrder("timestamp", "cpu_usage", "process_cpu_usage");
      assertThat(nextOfType(all, "metrics_update").getAsJsonObject("metrics").keySet()).hasSize(14);

      cpu.send("{\"type\":\"subscribe\",\"topics\":[\"gpu\"]}");
      JsonObject error = nextOfType(cpu, "error");
      assertThat(error.get("code").getAsString()).isEqualTo("unknown_topic");

      cpu.send("{\"type\":\"unsubscribe\",\"topics\":[\"cpu\"]}");
      assertThat(nextOfType(cpu, "subscriptions").getAsJsonArray("topics")).isEmpty();
      source.cpu = 99;
      feed.tick(0);
      // the subscribed client sees the alert, the other nothing at all
      assertThat(nextOfType(all, "new_alerts").getAsJsonArray("alerts")).hasSize(1);
      cpu.send("{\"type\":\"ping\"}");
      assertThat(next(cpu).get("type").getAsString()).isEqualTo("pong");
    }
  }

  private static final int STALLED_TICKS = 300;

  @Test
  void aClientThatStopsReadingKeepsABoundedQueueAndThenGetsTheNewestSample() throws Exception {
    try (WsTestClient slow = connect("/dashboard?who=slow", false);
        WsTestClient fast = connect("/dashboard?who=fast", true)) {
      await(() -> feed.hub().clientCount() == 2, "both clients");
      Client slowOnServer = serverSide("slow");

      int ticks = 0;
      int stalledTicks = 0;
      int maxQueued = 0;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      // Tick until the slow client's socket buffers are full and its queue has stayed non-empty
      // for 300 samples in a row: it is no longer reading anything. (The JDK client still reads a
      // little now and then without demand, which restarts the count; hence the generous deadline.)
      while (stalledTicks < STALLED_TICKS) {
        assertThat(System.nanoTime()).as("slow client never stalled").isLessThan(deadline);
        feed.tick(0);
        ticks++;
        int queued = slowOnServer.queuedMessages();
        maxQueued = Math.max(maxQueued, queued);
        stalledTicks = queued > 0 ? stalledTicks + 1 : 0;
        fast.messages.clear();
      }
      // never more than one sample (plus, at first, initial_data) waited in the server's queue
      assertThat(maxQueued).isLessThanOrEqualTo(2);
      assertThat(feed.samplesDropped()).isGreaterThanOrEqualTo(STALLED_TICKS - 1);
      assertThat(server.get().metrics().snapshot().messagesDropped()).isEqualTo(feed.samplesDropped());
      assertThat(slowOnServer.isOpen()).isTrue();

      int newest = source.taken();
      slow.read(Long.MAX_VALUE);
      int received = 0;
      int lastSeen = -1;
      while (lastSeen != newest) {
        JsonObject message = next(slow);
        if (message.get("type").getAsString().equals("metrics_update")) {
          received++;
          int seen = message.getAsJsonObject("metrics").get("requests_per_sec").getAsInt();
          assertThat(seen).as("samples arrive in order").isGreaterThan(lastSeen);
          lastSeen = seen;
        }
      }
      assertThat(received).as("stale samples were dropped, not queued").isLessThan(ticks - (STALLED_TICKS - 100));
      // the drain timer forgets a client just after handing over its sample
      await(() -> feed.parkedClients() == 0, "no sample left parked");
    }
  }

  @Test
  void restEndpointsAnswerTheSeedsShapes() throws Exception {
    source.cpu = 99;
    feed.tick(0);
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> metrics = ExampleHttp.get(server, "/api/metrics");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(Json.parseObject(metrics.body()).get("cpu_usage").getAsDouble()).isEqualTo(99);
    HttpResponse<String> history = ExampleHttp.get(server, "/api/history");
    assertThat(Json.parse(history.body()).getAsJsonArray()).hasSize(2);
    HttpResponse<String> alerts = ExampleHttp.get(server, "/api/alerts");
    assertThat(Json.parse(alerts.body()).getAsJsonArray().get(0).getAsJsonObject().get("title").getAsString())
        .isEqualTo("CPU Usage Critical");
    HttpResponse<String> active = ExampleHttp.get(server, "/api/alerts?active=true");
    assertThat(Json.parse(active.body()).getAsJsonArray()).hasSize(1);
    HttpResponse<String> config = ExampleHttp.get(server, "/config.json");
    assertThat(Json.parseObject(config.body()).get("wsPath").getAsString()).isEqualTo("/dashboard");
  }
}
