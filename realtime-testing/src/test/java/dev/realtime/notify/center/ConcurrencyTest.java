package dev.realtime.notify.center;

import static dev.realtime.notify.center.Fixtures.T0;
import static dev.realtime.notify.center.Fixtures.draft;
import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.notify.HistoryQuery;
import dev.realtime.notify.Notification;
import dev.realtime.notify.Recipient;
import dev.realtime.notify.store.InMemoryNotificationStore;
import dev.realtime.testing.ManualClock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConcurrencyTest {

  @Test
  void manyThreadsPublishingAndMarkingReadKeepCountsExact() throws Exception {
    int threads = 8;
    int perThread = 250;
    NotificationCenter center =
        new NotificationCenter(new InMemoryNotificationStore(10_000), new ManualClock(T0));
    AtomicInteger delivered = new AtomicInteger();
    Recipient watcher = Recipient.of("watcher");
    center.subscribe(new NotificationSubscriber(watcher, (n, read) -> delivered.incrementAndGet()));

    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        Recipient user = Recipient.of("user" + t);
        Callable<Integer> work =
            () -> {
              start.await();
              int marked = 0;
              for (int i = 0; i < perThread; i++) {
                Notification n = center.publish(draft("n"));
                // Each thread marks its own even-numbered publications for its own user.
                if (i % 2 == 0 && center.markRead(user, n.id())) {
                  marked++;
                }
                center.markRead(watcher, n.id());
              }
              return marked;
            };
        results.add(pool.submit(work));
      }
      start.countDown();
      for (Future<Integer> result : results) {
        assertThat(result.get(30, TimeUnit.SECONDS)).isEqualTo(perThread / 2);
      }
    } finally {
      pool.shutdownNow();
    }

    int total = threads * perThread;
    assertThat(delivered.get()).isEqualTo(total);
    assertThat(center.unreadCount(watcher)).isZero();
    for (int t = 0; t < threads; t++) {
      assertThat(center.unreadCount(Recipient.of("user" + t))).isEqualTo(total - perThread / 2);
    }
    assertThat(center.unreadCount(Recipient.of("stranger"))).isEqualTo(total);
    assertThat(center.markAllRead(Recipient.of("user0"))).isEqualTo(total - perThread / 2);
    assertThat(center.unreadCount(Recipient.of("user0"))).isZero();
  }

  @Test
  void concurrentMarkAllReadCountsEachNotificationOnce() throws Exception {
    NotificationCenter center =
        new NotificationCenter(new InMemoryNotificationStore(), new ManualClock(T0));
    for (int i = 0; i < 500; i++) {
      center.publish(draft("n" + i));
    }
    Recipient alice = Recipient.of("alice");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        results.add(pool.submit(() -> center.markAllRead(alice)));
      }
      int sum = 0;
      for (Future<Integer> result : results) {
        sum += result.get(30, TimeUnit.SECONDS);
      }
      assertThat(sum).isEqualTo(500);
    } finally {
      pool.shutdownNow();
    }
    assertThat(center.unreadCount(alice)).isZero();
  }

  @Test
  void evictionUnderConcurrentPublishingKeepsTheBound() throws Exception {
    InMemoryNotificationStore store = new InMemoryNotificationStore(100);
    NotificationCenter center = new NotificationCenter(store, new ManualClock(T0));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        results.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 500; i++) {
                    center.publish(draft("n"));
                  }
                }));
      }
      for (Future<?> result : results) {
        result.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(store.size()).isEqualTo(100);
    assertThat(center.history(Recipient.of("a"), HistoryQuery.latest(500))).hasSize(100);
  }
}
