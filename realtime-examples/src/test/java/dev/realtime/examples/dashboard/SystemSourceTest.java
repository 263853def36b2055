package dev.realtime.examples.dashboard;

import dev.realtime.testing.ManualClock;
import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.metrics.InMemoryMetrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real values from a fake {@code /proc} and this server's metrics; nothing sleeps. */
class SystemSourceTest {
  private final ManualClock clock = new ManualClock(Instant.parse("2026-11-22T12:00:00Z"));
  private final InMemoryMetrics metrics = new InMemoryMetrics(clock);

  @TempDir Path proc;

  private void writeProc(long rx, long tx) throws IOException {
    Files.createDirectories(proc.resolve("net"));
    Files.writeString(proc.resolve("net/dev"),
        "Inter-|   Receive                                                |  Transmit\n"
            + " face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n"
            + "    lo: 999999999 10 0 0 0 0 0 0 999999999 10 0 0 0 0 0 0\n"
            + "  eth0: " + rx + " 10 0 0 0 0 0 0 " + tx + " 10 0 0 0 0 0 0\n");
    Files.writeString(proc.resolve("meminfo"),
        "MemTotal:       16000000 kB\nMemFree:         1000000 kB\nMemAvailable:    12000000 kB\n");
  }

  @Test
  void ratesComeFromDeltasBetweenSamples() throws IOException {
    writeProc(1_000_000, 2_000_000);
    SystemSource source = new SystemSource(metrics, proc, proc);
    metrics.connectionOpened();
    MetricsSample first = source.sample(clock.instant(), 3.5);
    assertThat(first.requestsPerSec()).isZero();
    assertThat(first.networkIn()).isZero();
    assertThat(first.activeUsers()).isEqualTo(1);
    assertThat(first.responseTime()).isEqualTo(3.5);

    for (int i = 0; i < 40; i++) {
      metrics.messageReceived(10);
    }
    metrics.error();
    metrics.error();
    writeProc(5_000_000, 4_000_000);
    clock.advance(Duration.ofSeconds(2));
    MetricsSample second = source.sample(clock.instant(), 0);

    assertThat(second.requestsPerSec()).isEqualTo(20);
    assertThat(second.errorRate()).isEqualTo(5.0);
    // loopback is left out: (5 MB - 1 MB) / 2 s and (4 MB - 2 MB) / 2 s
    assertThat(second.networkIn()).isEqualTo(2.0);
    assertThat(second.networkOut()).isEqualTo(1.0);
    assertThat(second.memoryUsage()).isEqualTo(25.0);
    assertThat(second.databaseConnections()).isZero();
    assertThat(second.cacheHitRate()).isZero();
    assertThat(second.diskUsage()).isBetween(0.0, 100.0);
    assertThat(second.cpuUsage()).isBetween(0.0, 100.0);
    assertThat(second.jvmMemoryUsage()).isBetween(0.0, 100.0);
  }

  @Test
  void withoutProcNetworkFallsBackToThisServersOwnBytes() {
    SystemSource source = new SystemSource(metrics, proc, proc.resolve("missing"));
    source.sample(clock.instant(), 0);
    metrics.messageReceived(3_000_000);
    metrics.messageSent(1_000_000);
    clock.advance(Duration.ofSeconds(1));
    MetricsSample sample = source.sample(clock.instant(), 0);
    assertThat(sample.networkIn()).isEqualTo(3.0);
    assertThat(sample.networkOut()).isEqualTo(1.0);
    assertThat(sample.memoryUsage()).isBetween(0.0, 100.0);
    assertThat(source.mode()).isEqualTo("real");
  }

  @Test
  void theRealMachineGivesSaneValues() {
    SystemSource source = new SystemSource(metrics);
    MetricsSample sample = source.sample(clock.instant(), 0);
    assertThat(sample.memoryUsage()).isBetween(0.0, 100.0);
    assertThat(sample.diskUsage()).isBetween(0.0, 100.0);
    assertThat(sample.toJson().keySet()).hasSize(14);
  }
}
