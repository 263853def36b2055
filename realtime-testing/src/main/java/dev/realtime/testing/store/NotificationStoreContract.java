package dev.realtime.testing.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.realtime.notify.Audience;
import dev.realtime.notify.HistoryQuery;
import dev.realtime.notify.Notification;
import dev.realtime.notify.NotificationFilter;
import dev.realtime.notify.NotificationType;
import dev.realtime.notify.Recipient;
import dev.realtime.notify.UserNotification;
import dev.realtime.notify.center.NotificationCenter;
import dev.realtime.notify.store.NotificationStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What every {@link NotificationStore} must do: keep notifications whole and in publication order,
 * refuse a taken id, evict the oldest beyond capacity with their read state, page newest first
 * with a cursor and a predicate, keep read state per user, remove what expired, and stay exact
 * under concurrent writers; and serve a {@link NotificationCenter} as the in-memory store does.
 *
 * <p>Extend it and return a fresh, empty store from {@link #newStore}.
 */
public abstract class NotificationStoreContract {

  /** Returns a new, empty store keeping at most {@code capacity} notifications. */
  protected abstract NotificationStore newStore(int capacity);

  /** A fixed instant the notifications are created at. */
  protected static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

  private static Notification note(String id) {
    return Notification.builder().id(id).type(NotificationType.INFO).title(id).message("m").createdAt(T0).build();
  }

  private static List<String> ids(List<Notification> notifications) {
    return notifications.stream().map(Notification::id).toList();
  }

  @Test
  void keepsEveryFieldExactly() {
    NotificationStore store = newStore(10);
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("host", "db1 \uD83D\uDE00 \"quoted\"\n");
    metadata.put("count", 7);
    metadata.put("big", 9_007_199_254_740_993L);
    metadata.put("ratio", 0.1);
    metadata.put("flag", true);
    Notification full = Notification.builder()
        .id("full-é")
        .type(NotificationType.WARNING)
        .title("Disk <b>almost</b> full")
        .message("92% used on /var\n\u4e2d\u6587")
        .priority(5)
        .category("ops")
        .audience(Audience.users("alice", "bob"))
        .createdAt(Instant.parse("2026-11-22T10:00:00.123456789Z"))
        .expiresAt(Instant.parse("2026-11-22T11:00:00.5Z"))
        .actionUrl("https://example.com/disks/1?x=1&y=2")
        .metadata(metadata)
        .build();
    Notification role = note("role").toBuilder().audience(Audience.role("admin")).build();
    assertTrue(store.add(full));
    assertTrue(store.add(role));
    Notification found = store.find("full-é").orElseThrow();
    assertEquals(full, found);
    assertEquals(List.of("host", "count", "big", "ratio", "flag"), List.copyOf(found.metadata().keySet()));
    assertEquals(Integer.class, found.metadata().get("count").getClass());
    assertEquals(Long.class, found.metadata().get("big").getClass());
    assertEquals(role, store.find("role").orElseThrow());
    assertEquals(Optional.empty(), store.find("missing"));
  }

  @Test
  void refusesATakenId() {
    NotificationStore store = newStore(5);
    assertTrue(store.add(note("a")));
    assertFalse(store.add(note("a").toBuilder().title("other").build()));
    assertEquals(1, store.size());
    assertEquals("a", store.find("a").orElseThrow().title());
  }

  @Test
  void evictsTheOldestWithTheirReadState() {
    NotificationStore store = newStore(2);
    store.add(note("a"));
    assertTrue(store.markRead("alice", "a"));
    store.add(note("b"));
    store.add(note("c"));
    assertEquals(2, store.size());
    assertEquals(2, store.capacity());
    assertEquals(Optional.empty(), store.find("a"));
    assertFalse(store.isRead("alice", "a"));
    assertFalse(store.markRead("alice", "a"));
    // The id of an evicted notification can be used again, and starts unread.
    assertTrue(store.add(note("a")));
    assertFalse(store.isRead("alice", "a"));
    assertEquals(List.of("a", "c"), ids(store.newestFirst(Optional.empty(), n -> true, 10)));
  }

  @Test
  void pagesNewestFirstWithACursorAndAPredicate() {
    NotificationStore store = newStore(200);
    for (int i = 0; i < 150; i++) {
      store.add(note("n" + i));
    }
    assertEquals(List.of("n149", "n148"), ids(store.newestFirst(Optional.empty(), n -> true, 2)));
    assertEquals(List.of("n2", "n1", "n0"), ids(store.newestFirst(Optional.of("n3"), n -> true, 10)));
    // A predicate that keeps few forces the store through many candidates.
    Set<String> few = Set.of("n140", "n70", "n0");
    assertEquals(List.of("n140", "n70", "n0"), ids(store.newestFirst(Optional.empty(), n -> few.contains(n.id()), 10)));
    assertEquals(List.of("n70", "n0"), ids(store.newestFirst(Optional.of("n140"), n -> few.contains(n.id()), 10)));
    assertEquals(List.of(), store.newestFirst(Optional.of("zz"), n -> true, 10));
    assertEquals(List.of(), store.newestFirst(Optional.empty(), n -> true, 0));
    assertEquals(150, store.newestFirst(Optional.empty(), n -> true, Integer.MAX_VALUE).size());
  }

  @Test
  void readStateIsPerUserAndOnlyTheFirstMarkCounts() {
    NotificationStore store = newStore(10);
    store.add(note("a"));
    assertTrue(store.markRead("alice", "a"));
    assertFalse(store.markRead("alice", "a"));
    assertTrue(store.markRead("bob", "a"));
    assertTrue(store.isRead("alice", "a"));
    assertFalse(store.isRead("carol", "a"));
    assertFalse(store.markRead("alice", "missing"));
    assertFalse(store.isRead("alice", "missing"));
  }

  @Test
  void removesWhatExpired() {
    NotificationStore store = newStore(10);
    store.add(note("keep"));
    store.add(note("gone").toBuilder().expiresAt(T0.plusSeconds(1)).build());
    store.add(note("later").toBuilder().expiresAt(T0.plusSeconds(1).plusNanos(1_000)).build());
    store.markRead("alice", "gone");
    assertEquals(0, store.removeExpired(T0));
    assertEquals(1, store.removeExpired(T0.plusSeconds(1)));
    assertEquals(List.of("later", "keep"), ids(store.newestFirst(Optional.empty(), n -> true, 10)));
    assertEquals(2, store.size());
    assertFalse(store.isRead("alice", "gone"));
    assertEquals(1, store.removeExpired(T0.plusSeconds(2)));
    assertEquals(1, store.size());
  }

  @Test
  void concurrentWritersKeepTheBoundAndCountEachMarkOnce() throws Exception {
    NotificationStore store = newStore(50);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> writers = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        int writer = w;
        writers.add(pool.submit(() -> {
          for (int i = 0; i < 40; i++) {
            assertTrue(store.add(note("w" + writer + "-" + i)));
          }
        }));
      }
      for (Future<?> writer : writers) {
        writer.get(60, TimeUnit.SECONDS);
      }
      assertEquals(50, store.size());
      assertEquals(50, store.newestFirst(Optional.empty(), n -> true, 1000).size());
      List<Notification> kept = store.newestFirst(Optional.empty(), n -> true, 1000);
      AtomicInteger firstMarks = new AtomicInteger();
      List<Future<?>> markers = new ArrayList<>();
      for (int m = 0; m < 4; m++) {
        markers.add(pool.submit(() -> {
          for (Notification notification : kept) {
            if (store.markRead("alice", notification.id())) {
              firstMarks.incrementAndGet();
            }
          }
        }));
      }
      for (Future<?> marker : markers) {
        marker.get(60, TimeUnit.SECONDS);
      }
      assertEquals(50, firstMarks.get());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aCenterOverTheStoreKeepsReadStateAndPagesPerRecipient() {
    NotificationStore store = newStore(100);
    NotificationCenter center = new NotificationCenter(store, Clock.fixed(T0, ZoneOffset.UTC));
    Recipient alice = Recipient.of("alice", "admin");
    Recipient bob = Recipient.of("bob");
    for (int i = 0; i < 5; i++) {
      center.publish(note("all" + i));
    }
    center.publish(note("admins").toBuilder().audience(Audience.role("admin")).build());
    center.publish(note("bob").toBuilder().audience(Audience.users("bob")).build());
    assertTrue(center.markRead(alice, "all3"));
    assertFalse(center.markRead(bob, "admins"));
    assertEquals(5, center.unreadCount(alice));
    assertEquals(6, center.unreadCount(bob));
    List<UserNotification> page = center.history(alice, HistoryQuery.latest(3));
    assertEquals(List.of("admins", "all4", "all3"), page.stream().map(u -> u.notification().id()).toList());
    assertEquals(List.of(false, false, true), page.stream().map(UserNotification::read).toList());
    List<UserNotification> next = center.history(alice, HistoryQuery.latest(3).before("all3"));
    assertEquals(List.of("all2", "all1", "all0"), next.stream().map(u -> u.notification().id()).toList());
    assertEquals(List.of("all4", "all2", "all1", "all0"), ids(center.unread(alice, NotificationFilter.all()).stream()
        .filter(n -> n.id().startsWith("all")).toList()));
    assertEquals(5, center.markAllRead(alice));
    assertEquals(0, center.unreadCount(alice));
    assertEquals(6, center.unreadCount(bob));
  }
}
