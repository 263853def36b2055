package dev.realtime.bench.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runs the load tool in-process against the stand-in chat server on an ephemeral port. */
class FanOutTest {
  private StandInChatServer server;
  private final ByteArrayOutputStream progress = new ByteArrayOutputStream();

  @BeforeEach
  void start() throws Exception {
    // A two-second heartbeat: a client that failed to answer pings would be dropped during the run.
    server = StandInChatServer.start("127.0.0.1", 0, Duration.ofSeconds(2));
  }

  @AfterEach
  void stop() throws Exception {
    server.stop(Duration.ofSeconds(5));
  }

  @Test
  void deliversEveryMessageToEveryRoomMember() throws Exception {
    Options options =
        Options.parse("--port", Integer.toString(server.port()), "--clients", "50", "--rooms", "5",
            "--senders", "5", "--rate", "20", "--warmup", "500ms", "--duration", "3s", "--drain", "5s",
            "--connect-rate", "0");

    Report report = run(options);

    // 5 senders, one per room of 10, at 20 msg/s for 3 s: about 300 messages, each to 10 members.
    // (3 s rather than 2: the stand-in pings every 2 s from its start, and a ping must come in the run.)
    assertThat(report.connected).isEqualTo(50);
    assertThat(report.failed).isZero();
    assertThat(report.sent).isBetween(150L, 450L); // a starved scheduler catches up, so not exactly 300
    assertThat(report.expected).isEqualTo(report.sent * 10);
    assertThat(report.delivered).isEqualTo(report.expected);
    assertThat(report.lossPercent()).isZero();
    assertThat(report.duplicates).isZero();
    assertThat(report.misrouted).isZero();
    assertThat(report.latency.count()).isEqualTo(report.delivered);
    assertThat(report.errorFrames).isZero();
    assertThat(report.pingsAnswered).isPositive();
    assertThat(report.serverCloses).isEmpty();
    assertThat(report.openAtEnd).isEqualTo(50);
    assertThat(report.exitCode()).isZero();
    assertThat(report.json()).startsWith("{\"tool\":\"fanout\"").contains("\"loss_percent\":0.0000");
  }

  @Test
  void reassemblesFramesLargerThanItsReadBuffer() throws Exception {
    // 1,000-byte contents make 16-bit-length frames of about 1,100 bytes, read 300 bytes at a time.
    Options options =
        Options.parse("--port", Integer.toString(server.port()), "--clients", "12", "--rooms", "2",
            "--senders", "2", "--rate", "25", "--warmup", "200ms", "--duration", "1s",
            "--payload-bytes", "1000", "--read-buffer", "300", "--io-threads", "1", "--connect-rate", "0");

    Report report = run(options);

    assertThat(report.connected).isEqualTo(12);
    assertThat(report.sent).isPositive();
    assertThat(report.expected).isEqualTo(report.sent * 6);
    assertThat(report.delivered).isEqualTo(report.expected);
    assertThat(report.duplicates).isZero();
    assertThat(report.ioErrors).isZero();
  }

  @Test
  void idleModeHoldsConnectionsAndAnswersPings() throws Exception {
    Options options =
        Options.parse("idle", "--port", Integer.toString(server.port()), "--clients", "40", "--rooms", "4",
            "--hold", "3s", "--connect-rate", "500");

    Report report = run(options);

    assertThat(report.connected).isEqualTo(40);
    assertThat(report.openAtEnd).isEqualTo(40);
    assertThat(report.pingsAnswered).isPositive();
    assertThat(report.serverCloses).isEmpty();
    assertThat(report.connectRate()).isPositive();
  }

  @Test
  void refusedConnectionsAreCountedAndFailTheRun() throws Exception {
    int closedPort = server.port();
    server.stop(Duration.ofSeconds(5));
    server = StandInChatServer.start("127.0.0.1", 0, Duration.ofSeconds(30));
    Options options =
        Options.parse("idle", "--port", Integer.toString(closedPort), "--clients", "5", "--rooms", "1",
            "--hold", "0s", "--connect-timeout", "2s");

    Report report = run(options);

    assertThat(report.connected).isZero();
    assertThat(report.failed).isEqualTo(5);
    assertThat(report.exitCode()).isEqualTo(1);
  }

  @Test
  void refusesANonLoopbackHostUnlessAllowed() {
    Options options = Options.parse("--host", "192.0.2.1", "--clients", "1", "--rooms", "1", "--senders", "1");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> run(options))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--allow-remote");
  }

  private Report run(Options options) throws Exception {
    PrintStream out = new PrintStream(progress, true, StandardCharsets.UTF_8);
    return FanOut.run(options, out, new ByteArrayInputStream(new byte[0]));
  }
}
