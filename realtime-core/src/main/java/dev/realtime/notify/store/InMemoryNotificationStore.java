package dev.realtime.notify.store;

import dev.realtime.notify.Notification;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Predicate;

/**
 * A thread-safe store in memory, bounded to a fixed number of notifications.
 *
 * <p>Reads never lock: both indexes are concurrent maps, and read state lives in a concurrent set
 * beside each notification, so it disappears with it on eviction. Writes that change the set of
 * stored notifications take one lock, which keeps the two indexes and the count in step.
 */
public final class InMemoryNotificationStore implements NotificationStore {

  /** Capacity of {@link #InMemoryNotificationStore()}. */
  public static final int DEFAULT_CAPACITY = 1_000;

  private final int capacity;
  private final NavigableMap<Long, Entry> bySequence = new ConcurrentSkipListMap<>();
  private final Map<String, Entry> byId = new ConcurrentHashMap<>();
  private final Object writeLock = new Object();
  private long nextSequence; // guarded by writeLock
  private volatile int size; // written under writeLock

  /** Creates a store keeping the newest {@value #DEFAULT_CAPACITY} notifications. */
  public InMemoryNotificationStore() {
    this(DEFAULT_CAPACITY);
  }

  /** Creates a store keeping the newest {@code capacity} notifications. */
  public InMemoryNotificationStore(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive, was " + capacity);
    }
    this.capacity = capacity;
  }

  @Override
  public boolean add(Notification notification) {
    Objects.requireNonNull(notification, "notification");
    synchronized (writeLock) {
      if (byId.containsKey(notification.id())) {
        return false;
      }
      Entry entry = new Entry(nextSequence++, notification);
      bySequence.put(entry.sequence, entry);
      byId.put(notification.id(), entry);
      int count = size + 1;
      while (count > capacity) {
        Map.Entry<Long, Entry> oldest = bySequence.pollFirstEntry();
        byId.remove(oldest.getValue().notification.id());
        count--;
      }
      size = count;
      return true;
    }
  }

  @Override
  public Optional<Notification> find(String id) {
    Entry entry = byId.get(Objects.requireNonNull(id, "id"));
    return entry == null ? Optional.empty() : Optional.of(entry.notification);
  }

  @Override
  public List<Notification> newestFirst(
      Optional<String> beforeId, Predicate<Notification> include, int limit) {
    Objects.requireNonNull(beforeId, "beforeId");
    Objects.requireNonNull(include, "include");
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative, was " + limit);
    }
    NavigableMap<Long, Entry> older = bySequence;
    if (beforeId.isPresent()) {
      Entry cursor = byId.get(beforeId.get());
      if (cursor == null) {
        return List.of();
      }
      older = bySequence.headMap(cursor.sequence, false);
    }
    List<Notification> page = new ArrayList<>(Math.min(limit, 64));
    Iterator<Entry> entries = older.descendingMap().values().iterator();
    while (page.size() < limit && entries.hasNext()) {
      Notification notification = entries.next().notification;
      if (include.test(notification)) {
        page.add(notification);
      }
    }
    return List.copyOf(page);
  }

  @Override
  public int removeExpired(Instant now) {
    Objects.requireNonNull(now, "now");
    synchronized (writeLock) {
      int removed = 0;
      Iterator<Entry> entries = bySequence.values().iterator();
      while (entries.hasNext()) {
        Entry entry = entries.next();
        if (entry.notification.isExpiredAt(now)) {
          entries.remove();
          byId.remove(entry.notification.id());
          removed++;
        }
      }
      size -= removed;
      return removed;
    }
  }

  @Override
  public boolean markRead(String userId, String notificationId) {
    Objects.requireNonNull(userId, "userId");
    Entry entry = byId.get(Objects.requireNonNull(notificationId, "notificationId"));
    // A mark racing with eviction lands in a set that is being dropped: harmless.
    return entry != null && entry.readers.add(userId);
  }

  @Override
  public boolean isRead(String userId, String notificationId) {
    Objects.requireNonNull(userId, "userId");
    Entry entry = byId.get(Objects.requireNonNull(notificationId, "notificationId"));
    return entry != null && entry.readers.contains(userId);
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public int capacity() {
    return capacity;
  }

  /** One stored notification, its position in publication order and who has read it. */
  private static final class Entry {
    final long sequence;
    final Notification notification;
    final Set<String> readers = ConcurrentHashMap.newKeySet();

    Entry(long sequence, Notification notification) {
      this.sequence = sequence;
      this.notification = notification;
    }
  }
}
