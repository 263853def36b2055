package dev.realtime.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.protocol.CloseCodes;
import dev.realtime.testing.ManualClock;
import dev.realtime.testing.ManualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reconnect timing on a manual clock, against a real server that refuses handshakes (503) until
 * told otherwise: each retry waits a delay within the full-jitter window, the windows double up to
 * the cap, no attempt starts a millisecond early, and a successful connection resets the window.
 * An attempt is counted when it asks for its token, which the client does first.
 */
class ReconnectTimingTest {
  private static final Duration INITIAL = Duration.ofMillis(100);
  private static final Duration MAX = Duration.ofMillis(1600);

  private final ManualScheduler scheduler = new ManualScheduler(new ManualClock(Instant.parse("2026-01-01T00:00:00Z")));
  private final AtomicInteger attempts = new AtomicInteger();
  private final Recorder recorder = new Recorder();
  private RoomServer server;
  private RealtimeClient client;

  @BeforeEach
  void refusingServer() throws Exception {
    server = RoomServer.start();
    server.refusing.set(true);
  }

  @AfterEach
  void stop() throws Exception {
    if (client != null) {
      client.close();
    }
    server.close();
  }

  private RealtimeClient client(DoubleSupplier random) {
    client = recorder.on(RealtimeClient.builder(server.uri("username=ann")))
        .scheduler(scheduler)
        .noHeartbeat()
        .reconnectDelay(INITIAL, MAX)
        .random(random)
        .token(() -> {
          attempts.incrementAndGet();
          return CompletableFuture.completedFuture(Optional.empty());
        })
        .build();
    return client;
  }

  /**
   * Waits for failure number {@code n} (from 1; the first change is DISCONNECTED → CONNECTING, each
   * failure one more); returns the retry it announced.
   */
  private Duration failure(int n) {
    Await.pumping(scheduler, "failed attempt " + n, () -> recorder.changes.size() > n);
    StateChange failure = recorder.changes.get(n);
    assertThat(failure.previous()).isEqualTo(State.CONNECTING);
    assertThat(failure.current()).isEqualTo(State.CONNECTING);
    assertThat(failure.reason()).isEqualTo("handshake refused: HTTP 503");
    return failure.retryIn().orElseThrow();
  }

  /**
   * After failure {@code n}, moves time to one millisecond before {@code delay}: still {@code n}
   * attempts; then the last millisecond: attempt n + 1. A zero delay may have started it already,
   * while the failure itself was being handled.
   */
  private void waitOut(int n, Duration delay) {
    if (!delay.isZero()) {
      assertThat(attempts.get()).as("attempts before waiting %s", delay).isEqualTo(n);
      scheduler.advance(delay.minusMillis(1));
      assertThat(attempts.get()).as("no attempt before %s", delay).isEqualTo(n);
      scheduler.advance(Duration.ofMillis(1));
    } else {
      scheduler.runDue();
    }
    assertThat(attempts.get()).as("an attempt once %s passed", delay).isEqualTo(n + 1);
  }

  @Test
  void everyDelayLiesInItsFullJitterWindowWhichDoublesUpToTheCap() {
    client(() -> ThreadLocalRandom.current().nextDouble()).connect();
    scheduler.runDue();
    List<Duration> delays = new ArrayList<>();
    for (int attempt = 0; attempt < 10; attempt++) {
      Duration delay = failure(attempt + 1);
      long window = Math.min(MAX.toMillis(), INITIAL.toMillis() << attempt);
      assertThat(delay.toMillis()).as("attempt %d", attempt).isBetween(0L, window);
      delays.add(delay);
      waitOut(attempt + 1, delay);
    }
    // Full jitter: the delays spread over their windows instead of sitting at the top.
    assertThat(delays.stream().filter(delay -> delay.compareTo(MAX) == 0).count()).isLessThan(6);
    assertThat(delays.stream().distinct().count()).isGreaterThan(3);
  }

  @Test
  void atTheTopOfEachWindowTheDelaysDoubleAreCappedAndResetAfterAConnection() {
    client(() -> 0.999_999).connect();
    scheduler.runDue();
    List<Long> delays = new ArrayList<>();
    for (int attempt = 0; attempt < 7; attempt++) {
      Duration delay = failure(attempt + 1);
      delays.add(delay.toMillis());
      if (attempt < 6) {
        waitOut(attempt + 1, delay);
      }
    }
    assertThat(delays).containsExactly(100L, 200L, 400L, 800L, 1600L, 1600L, 1600L);

    server.refusing.set(false);
    waitOut(7, Duration.ofMillis(1600));
    Await.pumping(scheduler, "connected", () -> client.state() == State.CONNECTED);
    int changes = recorder.changes.size();
    server.kick("ann", CloseCodes.GOING_AWAY);
    Await.pumping(scheduler, "the lost connection", () -> recorder.changes.size() > changes);
    assertThat(recorder.last().orElseThrow().retryIn()).as("the window starts over").hasValue(INITIAL);
  }
}
