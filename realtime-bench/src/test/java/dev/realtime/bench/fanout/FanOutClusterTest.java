package dev.realtime.bench.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.realtime.examples.Cluster;
import dev.realtime.examples.ExampleServer;
import dev.realtime.examples.LaunchOptions;
import dev.realtime.examples.chat.ChatExample;
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

/** The load tool against the real chat example: one node, and two nodes sharing a real Redis. */
class FanOutClusterTest {
  @RegisterExtension static final RedisExtension redis = RedisExtension.standalone();

  private final List<ExampleServer> nodes = new ArrayList<>();

  @AfterEach
  void stop() {
    nodes.forEach(ExampleServer::close);
  }

  private ExampleServer node(String id) throws Exception {
    Cluster cluster = new Cluster(redis.uri(), id, Duration.ofSeconds(5));
    ExampleServer node = ExampleServer.start(LaunchOptions.ephemeral("chat").withCluster(cluster), new ChatExample());
    nodes.add(node);
    return node;
  }

  @Test
  void spreadsEachRoomOverTheNodesAndCountsEveryDeliveryAcrossThem() throws Exception {
    ExampleServer first = node("bench-1");
    ExampleServer second = node("bench-2");
    Options options =
        Options.parse("--port", first.wsPort() + "," + second.wsPort(), "--clients", "40", "--rooms", "4",
            "--senders", "8", "--rate", "10", "--warmup", "500ms", "--duration", "2s", "--drain", "10s",
            "--settle", "20s", "--connect-rate", "0");

    Report report = run(options);

    // Each room of 10 has 5 members on each node; its two senders are on different nodes.
    assertThat(first.metrics().snapshot().totalConnections()).isEqualTo(20L);
    assertThat(second.metrics().snapshot().totalConnections()).isEqualTo(20L);
    assertThat(report.connected).isEqualTo(40);
    assertThat(report.listed).isEqualTo(40);
    assertThat(report.sent).isPositive();
    assertThat(report.expected).isEqualTo(report.sent * 10);
    assertThat(report.delivered).isEqualTo(report.expected);
    assertThat(report.duplicates).isZero();
    assertThat(report.misrouted).isZero();
    // Half of every message's receivers are on the sender's node, half on the other one.
    assertThat(report.sameNode.count()).isEqualTo(report.delivered / 2);
    assertThat(report.otherNode.count()).isEqualTo(report.delivered / 2);
    assertThat(report.json()).contains("\"nodes\":2", "\"listed\":40");
  }

  @Test
  void rampTimesTheUserListsOfEveryClient() throws Exception {
    ExampleServer only = ExampleServer.start(LaunchOptions.ephemeral("chat"), new ChatExample());
    nodes.add(only);
    Options options =
        Options.parse("ramp", "--port", Integer.toString(only.wsPort()), "--clients", "60", "--rooms", "3",
            "--settle", "20s", "--connect-rate", "0");

    Report report = run(options);

    assertThat(report.connected).isEqualTo(60);
    assertThat(report.listed).isEqualTo(60);
    assertThat(report.listSeconds).isPositive();
    assertThat(report.quietAfterSeconds).isGreaterThanOrEqualTo(report.listSeconds);
    assertThat(report.sent).isZero();
    // Every client saw its own arrival announced, alone or in a coalesced notice (then the
    // tool waited for 1 s without frames, longer than the chat's notice interval).
    assertThat(report.otherFrames).isGreaterThanOrEqualTo(60);
    assertThat(report.text()).contains("user lists   60 of 60");
  }

  @Test
  void refusesAPortListedTwice() {
    assertThatThrownBy(() -> Options.parse("--port", "8081,8081"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("twice");
    assertThat(Options.parse("--port", "8081,8082,8083").nodes()).isEqualTo(3);
  }

  private static Report run(Options options) throws Exception {
    PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    return FanOut.run(options, out, new ByteArrayInputStream(new byte[0]));
  }
}
