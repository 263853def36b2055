package dev.realtime.notify.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.realtime.notify.Notification;
import dev.realtime.notify.NotificationType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InMemoryNotificationStoreTest {
  private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

  private static Notification note(String id) {
    return Notification.builder()
        .id(id)
        .type(NotificationType.INFO)
        .title(id)
        .message("m")
        .createdAt(T0)
        .build();
  }

  private static List<String> ids(List<Notification> notifications) {
    return notifications.stream().map(Notification::id).toList();
  }

  @Test
  void rejectsDuplicateIds() {
    InMemoryNotificationStore store = new InMemoryNotificationStore(5);
    assertThat(store.add(note("a"))).isTrue();
    assertThat(store.add(note("a"))).isFalse();
    assertThat(store.size()).isEqualTo(1);
  }

  @Test
  void evictsOldestAndDropsTheirReadState() {
    InMemoryNotificationStore store = new InMemoryNotificationStore(2);
    store.add(note("a"));
    store.markRead("alice", "a");
    store.add(note("b"));
    store.add(note("c"));
    assertThat(store.size()).isEqualTo(2);
    assertThat(store.capacity()).isEqualTo(2);
    assertThat(store.find("a")).isEmpty();
    assertThat(store.isRead("alice", "a")).isFalse();
    assertThat(store.markRead("alice", "a")).isFalse();
    // The id of an evicted notification can be reused, and starts unread.
    assertThat(store.add(note("a"))).isTrue();
    assertThat(store.isRead("alice", "a")).isFalse();
  }

  @Test
  void pagesNewestFirstWithCursorAndPredicate() {
    InMemoryNotificationStore store = new InMemoryNotificationStore(10);
    for (String id : List.of("a", "b", "c", "d", "e")) {
      store.add(note(id));
    }
    assertThat(ids(store.newestFirst(Optional.empty(), n -> true, 2))).containsExactly("e", "d");
    assertThat(ids(store.newestFirst(Optional.of("d"), n -> true, 10)))
        .containsExactly("c", "b", "a");
    assertThat(ids(store.newestFirst(Optional.of("d"), n -> !n.id().equals("b"), 10)))
        .containsExactly("c", "a");
    assertThat(store.newestFirst(Optional.of("zz"), n -> true, 10)).isEmpty();
    assertThat(store.newestFirst(Optional.empty(), n -> true, 0)).isEmpty();
  }

  @Test
  void markReadReportsOnlyTheFirstMarkPerUser() {
    InMemoryNotificationStore store = new InMemoryNotificationStore(10);
    store.add(note("a"));
    assertThat(store.markRead("alice", "a")).isTrue();
    assertThat(store.markRead("alice", "a")).isFalse();
    assertThat(store.markRead("bob", "a")).isTrue();
    assertThat(store.isRead("carol", "a")).isFalse();
  }

  @Test
  void removesExpired() {
    InMemoryNotificationStore store = new InMemoryNotificationStore(10);
    store.add(note("keep"));
    store.add(note("gone").toBuilder().expiresAt(T0.plusSeconds(1)).build());
    assertThat(store.removeExpired(T0)).isZero();
    assertThat(store.removeExpired(T0.plusSeconds(1))).isEqualTo(1);
    assertThat(ids(store.newestFirst(Optional.empty(), n -> true, 10))).containsExactly("keep");
    assertThat(store.size()).isEqualTo(1);
  }

  @Test
  void rejectsNonPositiveCapacity() {
    assertThatThrownBy(() -> new InMemoryNotificationStore(0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
