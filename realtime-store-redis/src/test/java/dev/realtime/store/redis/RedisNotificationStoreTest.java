package dev.realtime.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.notify.Notification;
import dev.realtime.notify.NotificationType;
import dev.realtime.notify.store.NotificationStore;
import dev.realtime.testing.redis.RedisExtension;
import dev.realtime.testing.store.NotificationStoreContract;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The notification store contract on one Redis, and two nodes sharing it. */
class RedisNotificationStoreTest extends NotificationStoreContract {
  @RegisterExtension static final RedisExtension REDIS = RedisExtension.standalone();

  private final List<RedisNotificationStore> stores = new ArrayList<>();

  @Override
  protected NotificationStore newStore(int capacity) {
    RedisNotificationStore store = RedisNotificationStore.builder(REDIS.uri()).capacity(capacity).connect();
    stores.add(store);
    return store;
  }

  @AfterEach
  void close() {
    stores.forEach(RedisNotificationStore::close);
  }

  private static Notification note(String id) {
    return Notification.builder().id(id).type(NotificationType.INFO).title(id).message("m").createdAt(T0).build();
  }

  @Test
  void whatOneNodeStoresAndMarksTheOtherSees() {
    NotificationStore a = newStore(10);
    NotificationStore b = newStore(10);
    assertThat(a.add(note("x"))).isTrue();
    assertThat(b.add(note("x"))).isFalse();
    assertThat(b.find("x")).contains(note("x"));
    assertThat(b.markRead("alice", "x")).isTrue();
    assertThat(a.isRead("alice", "x")).isTrue();
    assertThat(a.markRead("alice", "x")).isFalse();
    assertThat(b.size()).isEqualTo(1);
    assertThat(a.newestFirst(Optional.empty(), n -> b.isRead("alice", n.id()), 10)).containsExactly(note("x"));
  }

  @Test
  void storesOfOtherNamesShareNothing() {
    NotificationStore a = newStore(10);
    RedisNotificationStore other = RedisNotificationStore.builder(REDIS.uri()).name("other").connect();
    stores.add(other);
    a.add(note("x"));
    assertThat(other.find("x")).isEmpty();
    assertThat(other.size()).isZero();
    assertThat(REDIS.server().command("KEYS", "*").toString())
        .contains("realtime:notify{notifications}:order", "realtime:notify{notifications}:bodies");
  }
}
