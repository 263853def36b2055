package dev.realtime.notify.center;

import static dev.realtime.notify.center.Fixtures.T0;
import static dev.realtime.notify.center.Fixtures.draft;
import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.notify.Audience;
import dev.realtime.notify.Notification;
import dev.realtime.notify.Recipient;
import dev.realtime.notify.store.InMemoryNotificationStore;
import dev.realtime.testing.ManualClock;
import org.junit.jupiter.api.Test;

class ReadStateTest {
  private final ManualClock clock = new ManualClock(T0);
  private final NotificationCenter center =
      new NotificationCenter(new InMemoryNotificationStore(), clock);
  private final Recipient alice = Recipient.of("alice", "admin");
  private final Recipient bob = Recipient.of("bob", "user");

  @Test
  void aliceMarkingReadLeavesBobUnread() {
    Notification n = center.publish(draft("shared"));
    assertThat(center.markRead(alice, n.id())).isTrue();
    assertThat(center.isRead(alice, n.id())).isTrue();
    assertThat(center.isRead(bob, n.id())).isFalse();
    assertThat(center.unreadCount(alice)).isZero();
    assertThat(center.unreadCount(bob)).isEqualTo(1);
  }

  @Test
  void markReadIsIdempotent() {
    Notification n = center.publish(draft("x"));
    assertThat(center.markRead(alice, n.id())).isTrue();
    assertThat(center.markRead(alice, n.id())).isTrue();
    assertThat(center.unreadCount(alice)).isZero();
  }

  @Test
  void markingUnknownOrInvisibleReturnsFalseAndChangesNothing() {
    Notification forAdmins = center.publish(draft("admins").audience(Audience.role("admin")));
    assertThat(center.markRead(alice, "no-such-id")).isFalse();
    assertThat(center.markRead(bob, forAdmins.id())).isFalse();
    assertThat(center.isRead(bob, forAdmins.id())).isFalse();
    assertThat(center.unreadCount(alice)).isEqualTo(1);
  }

  @Test
  void markAllReadCoversOnlyWhatTheUserSeesAndOnlyThatUser() {
    center.publish(draft("all 1"));
    center.publish(draft("all 2"));
    center.publish(draft("admins").audience(Audience.role("admin")));
    center.publish(draft("bob").audience(Audience.users("bob")));
    assertThat(center.unreadCount(alice)).isEqualTo(3);
    assertThat(center.unreadCount(bob)).isEqualTo(3);

    assertThat(center.markAllRead(bob)).isEqualTo(3);
    assertThat(center.markAllRead(bob)).isZero();
    assertThat(center.unreadCount(bob)).isZero();
    assertThat(center.unreadCount(alice)).isEqualTo(3);

    center.publish(draft("later"));
    assertThat(center.unreadCount(bob)).isEqualTo(1);
  }

  @Test
  void readStateIsPerUserIdAcrossConnectionsOfTheSameUser() {
    Notification n = center.publish(draft("x"));
    center.markRead(Recipient.of("alice", "admin"), n.id());
    assertThat(center.isRead(Recipient.of("alice"), n.id())).isTrue();
  }

  @Test
  void unreadCountIgnoresExpired() {
    center.publish(draft("short").expiresAt(T0.plusSeconds(10)));
    center.publish(draft("long"));
    assertThat(center.unreadCount(alice)).isEqualTo(2);
    clock.advance(java.time.Duration.ofSeconds(10));
    assertThat(center.unreadCount(alice)).isEqualTo(1);
  }
}
