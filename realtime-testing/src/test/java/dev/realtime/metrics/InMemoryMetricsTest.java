package dev.realtime.metrics;

import dev.realtime.testing.ManualClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryMetricsTest {

  private static final Instant START = Instant.parse("2026-11-22T10:15:30Z");

  private final ManualClock clock = new ManualClock(START, ZoneOffset.UTC);
  private final InMemoryMetrics metrics = new InMemoryMetrics(clock);

  @Test
  void startsAtZeroWithActivityAtStart() {
    MetricsSnapshot snapshot = metrics.snapshot();

    assertThat(snapshot.totalConnections()).isZero();
    assertThat(snapshot.activeConnections()).isZero();
    assertThat(snapshot.lastActivity()).isEqualTo(START);
    assertThat(snapshot.startedAt()).isEqualTo(START);
    assertThat(snapshot.connectionsPerHour()).hasSize(24).containsOnly(0L);
  }

  @Test
  void countsEveryEvent() {
    metrics.connectionOpened();
    metrics.connectionOpened();
    metrics.connectionClosed();
    metrics.handshakeRejected();
    metrics.messageReceived(10);
    metrics.messageSent(7);
    metrics.messageSent(5);
    metrics.error();
    metrics.slowConsumerDisconnected();
    metrics.messageDropped();
    metrics.messageDropped();
    metrics.roomCreated();
    metrics.roomCreated();
    metrics.roomRemoved();

    MetricsSnapshot snapshot = metrics.snapshot();

    assertThat(snapshot.totalConnections()).isEqualTo(2);
    assertThat(snapshot.activeConnections()).isEqualTo(1);
    assertThat(snapshot.handshakesRejected()).isEqualTo(1);
    assertThat(snapshot.messagesReceived()).isEqualTo(1);
    assertThat(snapshot.bytesReceived()).isEqualTo(10);
    assertThat(snapshot.messagesSent()).isEqualTo(2);
    assertThat(snapshot.bytesSent()).isEqualTo(12);
    assertThat(snapshot.errorsCount()).isEqualTo(1);
    assertThat(snapshot.slowConsumerDisconnects()).isEqualTo(1);
    assertThat(snapshot.messagesDropped()).isEqualTo(2);
    assertThat(snapshot.rooms()).isEqualTo(1);
  }

  @Test
  void lastActivityFollowsConnectionsAndMessagesOnly() {
    clock.advance(Duration.ofSeconds(5));
    metrics.messageReceived(1);
    clock.advance(Duration.ofSeconds(5));
    metrics.error();
    metrics.handshakeRejected();

    assertThat(metrics.snapshot().lastActivity()).isEqualTo(START.plusSeconds(5));
  }

  @Test
  void lastActivityNeverMovesBackwardsWhenTheClockDoes() {
    clock.advance(Duration.ofMinutes(1));
    metrics.messageReceived(1);
    clock.set(START);
    metrics.messageReceived(1);

    assertThat(metrics.snapshot().lastActivity()).isEqualTo(START.plusSeconds(60));
  }

  @Test
  void deliveriesDoNotMoveLastActivity() {
    clock.advance(Duration.ofMinutes(1));
    metrics.messageSent(1);

    assertThat(metrics.snapshot().lastActivity()).isEqualTo(START);
  }

  @Test
  void uptimeIsMeasuredOnTheInjectedClock() {
    clock.advance(Duration.ofMinutes(90));

    assertThat(metrics.snapshot().uptime()).isEqualTo(Duration.ofMinutes(90));
  }

  @Test
  void connectionsPerHourAreIndexedByHourOfDay() {
    metrics.connectionOpened(); // 10:15
    clock.advance(Duration.ofMinutes(50)); // 11:05
    metrics.connectionOpened();
    metrics.connectionOpened();

    List<Long> hours = metrics.snapshot().connectionsPerHour();

    assertThat(hours.get(10)).isEqualTo(1);
    assertThat(hours.get(11)).isEqualTo(2);
    assertThat(hours.stream().mapToLong(Long::longValue).sum()).isEqualTo(3);
  }

  @Test
  void anHourOlderThanADayLeavesTheWindow() {
    metrics.connectionOpened(); // 10:15 today
    clock.advance(Duration.ofHours(23)); // 09:15 tomorrow: 10h bucket still in the last 24 hours

    assertThat(metrics.snapshot().connectionsPerHour().get(10)).isEqualTo(1);

    clock.advance(Duration.ofHours(1)); // 10:15 tomorrow: yesterday's 10h has left the window
    assertThat(metrics.snapshot().connectionsPerHour().get(10)).isZero();

    metrics.connectionOpened();
    assertThat(metrics.snapshot().connectionsPerHour().get(10)).isEqualTo(1);
  }

  @Test
  void aBucketIsReusedAfterADayWithoutMixingDays() {
    metrics.connectionOpened();
    metrics.connectionOpened();
    clock.advance(Duration.ofDays(3));
    metrics.connectionOpened();

    MetricsSnapshot snapshot = metrics.snapshot();
    assertThat(snapshot.connectionsPerHour().get(10)).isEqualTo(1);
    assertThat(snapshot.totalConnections()).isEqualTo(3);
  }

  @Test
  void hourOfDayFollowsTheClockZone() {
    ManualClock paris = new ManualClock(START, ZoneId.of("Europe/Paris"));
    InMemoryMetrics local = new InMemoryMetrics(paris);

    local.connectionOpened(); // 10:15 UTC is 11:15 in Paris in November

    assertThat(local.snapshot().connectionsPerHour().get(11)).isEqualTo(1);
  }

  @Test
  void snapshotIsImmutable() {
    List<Long> hours = metrics.snapshot().connectionsPerHour();

    assertThatThrownBy(() -> hours.set(0, 5L))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void noopRecordsNothingAndIsShared() {
    RealtimeMetrics noop = RealtimeMetrics.noop();
    noop.connectionOpened();
    noop.messageSent(3);

    assertThat(noop).isSameAs(RealtimeMetrics.noop());
  }
}
