package dev.realtime.store.redis;

import dev.realtime.notify.store.NotificationStore;
import dev.realtime.testing.redis.RedisExtension;
import dev.realtime.testing.store.NotificationStoreContract;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The notification store contract on a Redis Cluster of three masters (the store's keys share one slot). */
class ClusterNotificationStoreTest extends NotificationStoreContract {
  @RegisterExtension static final RedisExtension REDIS = RedisExtension.cluster();

  private final List<RedisNotificationStore> stores = new ArrayList<>();

  @Override
  protected NotificationStore newStore(int capacity) {
    RedisNotificationStore store = RedisNotificationStore.builder(REDIS.uri()).cluster(true).capacity(capacity).connect();
    stores.add(store);
    return store;
  }

  @AfterEach
  void close() {
    stores.forEach(RedisNotificationStore::close);
  }
}
