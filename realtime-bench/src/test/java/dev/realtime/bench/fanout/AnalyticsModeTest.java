package dev.realtime.bench.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.examples.Cluster;
import dev.realtime.examples.ExampleServer;
import dev.realtime.examples.LaunchOptions;
import dev.realtime.examples.analytics.AnalyticsExample;
import dev.realtime.testing.redis.RedisExtension;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The tool's analytics mode against two real analytics nodes on a real Redis. */
class AnalyticsModeTest {
  @RegisterExtension static final RedisExtension redis = RedisExtension.standalone();

  private final List<ExampleServer> nodes = new ArrayList<>();

  @AfterEach
  void stop() {
    nodes.forEach(ExampleServer::close);
  }

  private String twoNodes() throws Exception {
    for (String id : List.of("load-1", "load-2")) {
      Cluster cluster = new Cluster(redis.uri(), id, Duration.ofSeconds(5));
      nodes.add(ExampleServer.start(LaunchOptions.ephemeral("analytics").withCluster(cluster), new AnalyticsExample()));
    }
    return nodes.get(0).wsPort() + "," + nodes.get(1).wsPort();
  }

  private Options options(String ports, String... more) {
    List<String> args = new ArrayList<>(List.of("analytics", "--port", ports, "--redis",
        redis.server().host() + ":" + redis.server().port(), "--clients", "50", "--rate", "20",
        "--warmup", "500ms", "--duration", "1s", "--drain", "10s", "--settle", "20s", "--connect-rate", "0"));
    args.addAll(List.of(more));
    return Options.parse(args.toArray(String[]::new));
  }

  @Test
  void everyClientOnBothNodesCountsEveryEventOnce() throws Exception {
    Report report = run(options(twoNodes()));

    assertThat(nodes.get(0).metrics().snapshot().totalConnections()).isEqualTo(25L);
    assertThat(nodes.get(1).metrics().snapshot().totalConnections()).isEqualTo(25L);
    assertThat(report.readyAtMeasure).isEqualTo(50);
    // About 20 measured events at 20/s for 1 s; every one a node took is due to all 50 clients.
    assertThat(report.sent).isBetween(10L, 30L);
    assertThat(report.eventsTaken).isEqualTo(report.sent);
    assertThat(report.expected).isEqualTo(report.eventsTaken * 50);
    assertThat(report.delivered).isEqualTo(report.expected);
    assertThat(report.warmupDelivered).isPositive();
    assertThat(report.missing()).isZero();
    assertThat(report.clientsMissing).isZero();
    assertThat(report.duplicates).isZero();
    assertThat(report.outOfOrder).isZero();
    assertThat(report.latency.count()).isEqualTo(report.delivered);
    assertThat(report.sameNode.count()).isEqualTo(report.delivered / 2);
    assertThat(report.text()).contains("100.000% delivered");
    assertThat(report.json()).contains("\"mode\":\"analytics\"", "\"missing\":0", "\"ready_clients\":50");
  }

  @Test
  void anEventTheServerDropsIsMissingAtEveryClient() throws Exception {
    // Event 15 (measured: the warm-up publishes about 10) has a type the feed refuses: a node
    // takes it from the channel, so it is due, but it reaches nobody.
    Report report = run(options(twoNodes(), "--corrupt-seq", "15"));

    assertThat(report.eventsTaken).isEqualTo(report.sent);
    assertThat(report.expected).isEqualTo(report.eventsTaken * 50);
    assertThat(report.missing()).isEqualTo(50);
    assertThat(report.delivered).isEqualTo(report.expected - 50);
    assertThat(report.clientsMissing).isEqualTo(50);
    assertThat(report.duplicates).isZero();
    assertThat(report.json()).contains("\"missing\":50", "\"clients_missing\":50");
  }

  @Test
  void analyticsModeDefaultsToTheFeedsPathAndOneStream() {
    Options options = Options.parse("analytics", "--port", "8080,8090", "--redis", "localhost:6390");
    assertThat(options.path()).isEqualTo("/ws/analytics");
    assertThat(options.rooms()).isEqualTo(1);
    assertThat(options.senders()).isZero();
    assertThat(options.nodeOf(0)).isZero();
    assertThat(options.nodeOf(1)).isEqualTo(1);
    assertThat(options.redis()).isEqualTo("localhost:6390");
  }

  private static Report run(Options options) throws Exception {
    PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    return FanOut.run(options, out, new ByteArrayInputStream(new byte[0]));
  }
}
