package dev.realtime.notify.center;

import static dev.realtime.notify.center.Fixtures.T0;
import static dev.realtime.notify.center.Fixtures.draft;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.realtime.notify.Audience;
import dev.realtime.notify.HistoryQuery;
import dev.realtime.notify.Notification;
import dev.realtime.notify.NotificationFilter;
import dev.realtime.notify.NotificationType;
import dev.realtime.notify.NotificationValidationException;
import dev.realtime.notify.Recipient;
import dev.realtime.notify.UserNotification;
import dev.realtime.notify.store.InMemoryNotificationStore;
import dev.realtime.testing.ManualClock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryTest {
  private final ManualClock clock = new ManualClock(T0);
  private final Recipient alice = Recipient.of("alice", "admin");
  private final Recipient bob = Recipient.of("bob", "user");

  private NotificationCenter center(int capacity) {
    return new NotificationCenter(new InMemoryNotificationStore(capacity), clock);
  }

  private static List<String> titles(List<UserNotification> page) {
    return page.stream().map(u -> u.notification().title()).toList();
  }

  @Test
  void newestFirstWithLimit() {
    NotificationCenter center = center(100);
    for (int i = 1; i <= 5; i++) {
      center.publish(draft("n" + i));
    }
    assertThat(titles(center.history(alice, HistoryQuery.latest(3))))
        .containsExactly("n5", "n4", "n3");
  }

  @Test
  void historyIsBoundedAndEvictsTheOldest() {
    NotificationCenter center = center(3);
    for (int i = 1; i <= 5; i++) {
      center.publish(draft("n" + i).id("id" + i));
    }
    assertThat(titles(center.history(alice, HistoryQuery.latest(10))))
        .containsExactly("n5", "n4", "n3");
    assertThat(center.find(alice, "id1")).isEmpty();
    assertThat(center.markRead(alice, "id2")).isFalse();
  }

  @Test
  void defaultCapacityIsOneThousand() {
    NotificationCenter center = NotificationCenter.inMemory();
    for (int i = 0; i < 1_005; i++) {
      center.publish(draft("n" + i));
    }
    assertThat(center.unreadCount(alice)).isEqualTo(1_000);
    assertThat(titles(center.history(alice, HistoryQuery.latest(1)))).containsExactly("n1004");
  }

  @Test
  void pagingWithBeforeWalksTheWholeHistoryWithoutGapsOrRepeats() {
    NotificationCenter center = center(100);
    for (int i = 1; i <= 10; i++) {
      center.publish(draft("n" + i));
    }
    List<String> seen = new ArrayList<>();
    HistoryQuery query = HistoryQuery.latest(4);
    List<UserNotification> page = center.history(alice, query);
    while (!page.isEmpty()) {
      seen.addAll(titles(page));
      String last = page.get(page.size() - 1).notification().id();
      page = center.history(alice, query.before(last));
    }
    assertThat(seen).containsExactly("n10", "n9", "n8", "n7", "n6", "n5", "n4", "n3", "n2", "n1");
  }

  @Test
  void beforeAnUnknownIdGivesAnEmptyPage() {
    NotificationCenter center = center(100);
    center.publish(draft("n1"));
    assertThat(center.history(alice, HistoryQuery.latest(10).before("gone"))).isEmpty();
  }

  @Test
  void historyShowsOnlyWhatTheUserMaySee() {
    NotificationCenter center = center(100);
    center.publish(draft("everyone"));
    center.publish(draft("admins").audience(Audience.role("admin")));
    center.publish(draft("to bob").audience(Audience.users("bob")));
    assertThat(titles(center.history(alice, HistoryQuery.latest(10))))
        .containsExactly("admins", "everyone");
    assertThat(titles(center.history(bob, HistoryQuery.latest(10))))
        .containsExactly("to bob", "everyone");
  }

  @Test
  void historyCarriesEachUsersOwnReadFlagAndAppliesTheFilter() {
    NotificationCenter center = center(100);
    Notification first = center.publish(draft("first"));
    center.publish(draft("second").type(NotificationType.ERROR));
    center.markRead(alice, first.id());

    List<UserNotification> forAlice = center.history(alice, HistoryQuery.latest(10));
    assertThat(forAlice).extracting(UserNotification::read).containsExactly(false, true);
    assertThat(center.history(bob, HistoryQuery.latest(10)))
        .extracting(UserNotification::read)
        .containsExactly(false, false);

    HistoryQuery unreadOnly =
        HistoryQuery.latest(10).withFilter(NotificationFilter.all().withOnlyUnread(true));
    assertThat(titles(center.history(alice, unreadOnly))).containsExactly("second");
    HistoryQuery infoOnly =
        HistoryQuery.latest(10)
            .withFilter(NotificationFilter.all().withTypes(NotificationType.INFO));
    assertThat(titles(center.history(bob, infoOnly))).containsExactly("first");
  }

  @Test
  void limitIsBounded() {
    assertThatThrownBy(() -> HistoryQuery.latest(0))
        .isInstanceOf(NotificationValidationException.class)
        .hasMessageStartingWith("limit:");
    assertThatThrownBy(() -> HistoryQuery.latest(HistoryQuery.MAX_LIMIT + 1))
        .isInstanceOf(NotificationValidationException.class);
    assertThat(HistoryQuery.latest(HistoryQuery.MAX_LIMIT).limit()).isEqualTo(500);
  }

  @Test
  void returnedPagesAreImmutable() {
    NotificationCenter center = center(10);
    center.publish(draft("x"));
    List<UserNotification> page = center.history(alice, HistoryQuery.latest(10));
    assertThatThrownBy(page::clear).isInstanceOf(UnsupportedOperationException.class);
  }
}
