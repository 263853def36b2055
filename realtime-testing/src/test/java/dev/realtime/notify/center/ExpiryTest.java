package dev.realtime.notify.center;

import static dev.realtime.notify.center.Fixtures.T0;
import static dev.realtime.notify.center.Fixtures.draft;
import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.notify.HistoryQuery;
import dev.realtime.notify.Notification;
import dev.realtime.notify.NotificationFilter;
import dev.realtime.notify.Recipient;
import dev.realtime.notify.center.Fixtures.Recorder;
import dev.realtime.notify.store.InMemoryNotificationStore;
import dev.realtime.testing.ManualClock;
import java.time.Duration;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ExpiryTest {
  private final ManualClock clock = new ManualClock(T0);
  private final InMemoryNotificationStore store = new InMemoryNotificationStore();
  private final NotificationCenter center = new NotificationCenter(store, clock);
  private final Recipient alice = Recipient.of("alice");

  @Test
  void expiredNotificationsAreHiddenAtReadTimeBeforeAnySweep() {
    Notification n = center.publish(draft("soon").expiresAt(T0.plus(Duration.ofMinutes(5))));
    center.publish(draft("forever"));
    clock.advance(Duration.ofMinutes(4));
    assertThat(center.find(alice, n.id())).isPresent();

    clock.advance(Duration.ofMinutes(1));
    assertThat(center.find(alice, n.id())).isEmpty();
    assertThat(center.history(alice, HistoryQuery.latest(10)))
        .extracting(u -> u.notification().title())
        .containsExactly("forever");
    assertThat(center.unread(alice, NotificationFilter.all())).hasSize(1);
    assertThat(center.markRead(alice, n.id())).isFalse();
    assertThat(store.size()).isEqualTo(2);
  }

  @Test
  void expiredNotificationsAreNotReplayed() {
    center.publish(draft("soon").expiresAt(T0.plusSeconds(1)));
    clock.advance(Duration.ofSeconds(1));
    Recorder a = new Recorder(alice);
    assertThat(center.subscribeAndReplayUnread(a.subscriber)).isZero();
    assertThat(a.received).isEmpty();
  }

  @Test
  void sweepRemovesExpiredAndTheirReadState() {
    Notification soon = center.publish(draft("soon").expiresAt(T0.plusSeconds(30)));
    center.publish(draft("forever"));
    center.markRead(alice, soon.id());
    assertThat(center.sweepExpired()).isZero();

    clock.advance(Duration.ofSeconds(30));
    assertThat(center.sweepExpired()).isEqualTo(1);
    assertThat(store.size()).isEqualTo(1);
    assertThat(store.find(soon.id())).isEmpty();
    assertThat(store.isRead("alice", soon.id())).isFalse();
    assertThat(center.sweepExpired()).isZero();
  }

  @Test
  void scheduleSweepsRunsTheSweepAtTheGivenPeriod() {
    CapturingScheduler scheduler = new CapturingScheduler();
    try {
      ScheduledFuture<?> future = center.scheduleSweeps(scheduler, Duration.ofMinutes(1));
      assertThat(scheduler.period).isEqualTo(60_000);
      center.publish(draft("soon").expiresAt(T0.plusSeconds(1)));
      clock.advance(Duration.ofSeconds(2));
      scheduler.task.run();
      assertThat(store.size()).isZero();
      assertThat(future.isDone()).isTrue();
    } finally {
      scheduler.shutdownNow();
    }
  }

  /** Captures the periodic task instead of running it, so the test controls when it runs. */
  private static final class CapturingScheduler extends ScheduledThreadPoolExecutor {
    Runnable task;
    long period;

    CapturingScheduler() {
      super(1);
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(
        Runnable command, long initialDelay, long period, TimeUnit unit) {
      this.task = command;
      this.period = unit.toMillis(period);
      return new DoneFuture();
    }
  }

  private static final class DoneFuture implements ScheduledFuture<Object> {
    @Override
    public long getDelay(TimeUnit unit) {
      return 0;
    }

    @Override
    public int compareTo(Delayed other) {
      return 0;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      return false;
    }

    @Override
    public boolean isCancelled() {
      return false;
    }

    @Override
    public boolean isDone() {
      return true;
    }

    @Override
    public Object get() {
      return null;
    }

    @Override
    public Object get(long timeout, TimeUnit unit) {
      return null;
    }
  }
}
