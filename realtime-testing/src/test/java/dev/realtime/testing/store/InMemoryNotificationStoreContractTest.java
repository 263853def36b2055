package dev.realtime.testing.store;

import dev.realtime.notify.store.InMemoryNotificationStore;
import dev.realtime.notify.store.NotificationStore;

/** The notification store contract on the in-memory store (the Redis store runs the same suite). */
class InMemoryNotificationStoreContractTest extends NotificationStoreContract {
  @Override
  protected NotificationStore newStore(int capacity) {
    return new InMemoryNotificationStore(capacity);
  }
}
