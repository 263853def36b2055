package dev.realtime.notify.store;

import dev.realtime.notify.Notification;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Where a notification center ({@code dev.realtime.notify.center}) keeps notifications and per-user read
 * state; implement it to persist them. Implementations must be thread-safe.
 *
 * <p>The store owns the history bound: it keeps at most {@link #capacity()} notifications, evicting
 * the oldest (in order of {@link #add}) first, and forgets the read state of every notification it
 * evicts or removes. The store does not check expiry or audience; the center does.
 */
public interface NotificationStore {

  /**
   * Stores {@code notification} as the newest, evicting the oldest beyond capacity; false if its id
   * is taken.
   */
  boolean add(Notification notification);

  /** Returns the stored notification with this id. */
  Optional<Notification> find(String id);

  /**
   * Returns up to {@code limit} stored notifications accepted by {@code include}, newest first,
   * strictly older than {@code beforeId} when present; empty if {@code beforeId} is not stored.
   *
   * <p>The center's {@code include} calls {@link #isRead} on this store, so it must be callable
   * while a page is being read (do not hold an exclusive lock around the predicate).
   */
  List<Notification> newestFirst(
      Optional<String> beforeId, Predicate<Notification> include, int limit);

  /** Removes every notification expired at {@code now}, with its read state; returns how many. */
  int removeExpired(Instant now);

  /**
   * Records that {@code userId} read the notification; true if it is stored and was unread for that
   * user.
   */
  boolean markRead(String userId, String notificationId);

  /** Returns true if {@code userId} has read the stored notification with this id. */
  boolean isRead(String userId, String notificationId);

  /** Returns how many notifications are stored. */
  int size();

  /** Returns the most notifications this store keeps. */
  int capacity();
}
