package dev.realtime.notify.center;

import static dev.realtime.notify.center.Fixtures.T0;
import static dev.realtime.notify.center.Fixtures.draft;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.realtime.notify.Audience;
import dev.realtime.notify.Notification;
import dev.realtime.notify.NotificationFilter;
import dev.realtime.notify.NotificationType;
import dev.realtime.notify.NotificationValidationException;
import dev.realtime.notify.Recipient;
import dev.realtime.notify.center.Fixtures.Recorder;
import dev.realtime.notify.store.InMemoryNotificationStore;
import dev.realtime.testing.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NotificationCenterTest {
  private final ManualClock clock = new ManualClock(T0);
  private final NotificationCenter center =
      new NotificationCenter(new InMemoryNotificationStore(), clock);
  private final Recipient alice = Recipient.of("alice", "admin");
  private final Recipient bob = Recipient.of("bob", "user");
  private final Recipient carol = Recipient.of("carol", "user");

  @Test
  void publishAssignsIdAndTimeFromTheClock() {
    Notification a = center.publish(draft("a"));
    Notification b = center.publish(draft("b"));
    assertThat(a.id()).isNotBlank().isNotEqualTo(b.id());
    assertThat(a.createdAt()).isEqualTo(T0);
  }

  @Test
  void publishKeepsAGivenIdAndTime() {
    Notification n = center.publish(draft("a").id("mine").createdAt(T0.minusSeconds(5)));
    assertThat(n.id()).isEqualTo("mine");
    assertThat(n.createdAt()).isEqualTo(T0.minusSeconds(5));
    assertThat(center.find(alice, "mine")).contains(n);
  }

  @Test
  void publishRejectsDuplicateIdsAndInvalidDrafts() {
    center.publish(draft("a").id("same"));
    assertThatThrownBy(() -> center.publish(draft("b").id("same")))
        .isInstanceOf(NotificationValidationException.class)
        .hasMessageStartingWith("id:");
    assertThatThrownBy(() -> center.publish(draft("").id("other")))
        .isInstanceOf(NotificationValidationException.class)
        .hasMessageStartingWith("title:");
    assertThat(center.find(alice, "other")).isEmpty();
  }

  @Test
  void publishRejectsAnAlreadyExpiredNotification() {
    assertThatThrownBy(
            () -> center.publish(draft("late").createdAt(T0.minusSeconds(60)).expiresAt(T0)))
        .isInstanceOf(NotificationValidationException.class)
        .hasMessageStartingWith("expires_at:");
  }

  @Test
  void deliversToEveryoneAsUnread() {
    Recorder a = new Recorder(alice);
    Recorder b = new Recorder(bob);
    center.subscribe(a.subscriber);
    center.subscribe(b.subscriber);
    center.publish(draft("hello"));
    assertThat(a.titles()).containsExactly("hello");
    assertThat(b.titles()).containsExactly("hello");
    assertThat(a.readFlags).containsExactly(false);
  }

  @Test
  void deliversToATargetedUserOnly() {
    Recorder a = new Recorder(alice);
    Recorder b = new Recorder(bob);
    center.subscribe(a.subscriber);
    center.subscribe(b.subscriber);
    center.publish(draft("for bob").audience(Audience.users("bob")));
    assertThat(a.received).isEmpty();
    assertThat(b.titles()).containsExactly("for bob");
  }

  @Test
  void deliversToARoleOnly() {
    Recorder a = new Recorder(alice);
    Recorder b = new Recorder(bob);
    Recorder c = new Recorder(carol);
    List.of(a, b, c).forEach(r -> center.subscribe(r.subscriber));
    center.publish(draft("users only").audience(Audience.role("user")));
    assertThat(a.received).isEmpty();
    assertThat(b.titles()).containsExactly("users only");
    assertThat(c.titles()).containsExactly("users only");
  }

  @Test
  void deliveryHonoursTheSubscribersCurrentFilter() {
    Recorder a = new Recorder(alice, NotificationFilter.all().withTypes(NotificationType.ERROR));
    center.subscribe(a.subscriber);
    center.publish(draft("info"));
    center.publish(draft("error").type(NotificationType.ERROR));
    a.subscriber.setFilter(NotificationFilter.all());
    center.publish(draft("info again"));
    assertThat(a.titles()).containsExactly("error", "info again");
  }

  @Test
  void unsubscribedReceiveNothing() {
    Recorder a = new Recorder(alice);
    assertThat(center.subscribe(a.subscriber)).isTrue();
    assertThat(center.subscribe(a.subscriber)).isFalse();
    assertThat(center.subscriberCount()).isEqualTo(1);
    assertThat(center.unsubscribe(a.subscriber)).isTrue();
    assertThat(center.unsubscribe(a.subscriber)).isFalse();
    center.publish(draft("x"));
    assertThat(a.received).isEmpty();
  }

  @Test
  void aThrowingSinkDoesNotStopOthers() {
    center.subscribe(
        new NotificationSubscriber(
            alice,
            (n, read) -> {
              throw new IllegalStateException("closed");
            }));
    Recorder b = new Recorder(bob);
    center.subscribe(b.subscriber);
    center.publish(draft("x"));
    assertThat(b.titles()).containsExactly("x");
  }

  @Test
  void replayOnConnectSendsUnreadMatchingOldestFirst() {
    center.publish(draft("one").priority(5));
    center.publish(draft("two").priority(1));
    Notification three = center.publish(draft("three").priority(5));
    center.publish(draft("not mine").priority(5).audience(Audience.users("bob")));
    center.publish(draft("four").priority(4));
    center.markRead(alice, three.id());

    Recorder a = new Recorder(alice, NotificationFilter.all().withMinPriority(4));
    assertThat(center.subscribeAndReplayUnread(a.subscriber)).isEqualTo(2);
    assertThat(a.titles()).containsExactly("one", "four");
    assertThat(center.subscribeAndReplayUnread(a.subscriber)).isZero();

    center.publish(draft("live").priority(4));
    assertThat(a.titles()).containsExactly("one", "four", "live");
  }

  @Test
  void unreadListsWhatAReplayWouldSendNewestFirst() {
    center.publish(draft("one"));
    center.publish(draft("two").type(NotificationType.ERROR));
    assertThat(center.unread(alice, NotificationFilter.all()))
        .extracting(Notification::title)
        .containsExactly("two", "one");
    assertThat(center.unread(alice, NotificationFilter.all().withTypes(NotificationType.ERROR)))
        .extracting(Notification::title)
        .containsExactly("two");
  }

  @Test
  void findHidesWhatTheRecipientCannotSee() {
    Notification n = center.publish(draft("secret").audience(Audience.role("admin")));
    assertThat(center.find(alice, n.id())).contains(n);
    assertThat(center.find(bob, n.id())).isEmpty();
    assertThat(center.find(alice, "missing")).isEmpty();
  }

  @Test
  void concurrentSubscribeAndPublishDeliverEachNotificationExactlyOnce() throws Exception {
    int publishers = 4;
    int perPublisher = 200;
    List<Recorder> recorders = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      recorders.add(new Recorder(Recipient.of("u" + i)));
    }
    List<Thread> threads = new ArrayList<>();
    for (int p = 0; p < publishers; p++) {
      int publisher = p;
      threads.add(
          new Thread(
              () -> {
                for (int i = 0; i < perPublisher; i++) {
                  center.publish(draft("p" + publisher + "-" + i));
                }
              }));
    }
    threads.add(
        new Thread(() -> recorders.forEach(r -> center.subscribeAndReplayUnread(r.subscriber))));
    threads.forEach(Thread::start);
    for (Thread thread : threads) {
      thread.join(Duration.ofSeconds(30).toMillis());
    }
    for (Recorder recorder : recorders) {
      assertThat(recorder.received).hasSize(publishers * perPublisher).doesNotHaveDuplicates();
    }
  }
}
