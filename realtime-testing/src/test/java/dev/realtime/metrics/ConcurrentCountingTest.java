package dev.realtime.metrics;

import dev.realtime.testing.ManualClock;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConcurrentCountingTest {

  private static final int THREADS = 8;
  private static final int ROUNDS = 20_000;

  @Test
  void totalsAreExactUnderConcurrentLoad() throws Exception {
    ManualClock clock = new ManualClock(Instant.parse("2026-11-22T10:59:59Z"), ZoneOffset.UTC);
    InMemoryMetrics metrics = new InMemoryMetrics(clock);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> workers = new ArrayList<>();
    try {
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        workers.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < ROUNDS; i++) {
                    metrics.connectionOpened();
                    metrics.messageReceived(3);
                    metrics.messageSent(5);
                    metrics.error();
                    metrics.messageDropped();
                    metrics.roomCreated();
                    if (i % 2 == 0) {
                      metrics.connectionClosed();
                      metrics.roomRemoved();
                    }
                    if (thread == 0 && i == ROUNDS / 2) {
                      // Crossing into the next hour mid-run rotates a bucket under contention.
                      clock.advance(Duration.ofSeconds(1));
                    }
                    if (i % 1000 == 0) {
                      assertThat(metrics.snapshot().activeConnections()).isNotNegative();
                    }
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> worker : workers) {
        worker.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    long total = (long) THREADS * ROUNDS;
    MetricsSnapshot snapshot = metrics.snapshot();
    assertThat(snapshot.totalConnections()).isEqualTo(total);
    assertThat(snapshot.activeConnections()).isEqualTo(total / 2);
    assertThat(snapshot.messagesReceived()).isEqualTo(total);
    assertThat(snapshot.bytesReceived()).isEqualTo(3 * total);
    assertThat(snapshot.messagesSent()).isEqualTo(total);
    assertThat(snapshot.bytesSent()).isEqualTo(5 * total);
    assertThat(snapshot.errorsCount()).isEqualTo(total);
    assertThat(snapshot.messagesDropped()).isEqualTo(total);
    assertThat(snapshot.rooms()).isEqualTo(total / 2);
    List<Long> hours = snapshot.connectionsPerHour();
    assertThat(hours.get(10) + hours.get(11)).isEqualTo(total);
    assertThat(hours.get(11)).isPositive();
  }
}
