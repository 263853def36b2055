package dev.realtime.notify.center;

import dev.realtime.notify.HistoryQuery;
import dev.realtime.notify.Notification;
import dev.realtime.notify.NotificationFilter;
import dev.realtime.notify.NotificationValidationException;
import dev.realtime.notify.Recipient;
import dev.realtime.notify.UserNotification;
import dev.realtime.notify.store.InMemoryNotificationStore;
import dev.realtime.notify.store.NotificationStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes notifications to connected subscribers and answers per-user history and read-state
 * questions. Thread-safe; create one per application (or per tenant).
 *
 * <p>By default delivery runs on the publishing thread, outside any lock, in each subscriber's
 * {@link NotificationSubscriber.Sink}; a sink that throws is logged, counted ({@link
 * #deliveryFailures()}) and skipped. Expired notifications are never returned or delivered, and
 * {@link #sweepExpired()} frees their memory.
 *
 * <p><b>On many nodes</b> every node has a center over one shared store. Give each an announcer
 * ({@link #NotificationCenter(NotificationStore, Clock, Consumer)}): {@code publish} stores the
 * notification and hands it to the announcer instead of delivering it, the announcer tells every
 * node (a broker channel), and each node calls {@link #deliver} for its own subscribers, on a
 * thread of its choice. A subscriber is given each notification once, by its replay or live.
 */
public final class NotificationCenter {

  private static final Logger log = LoggerFactory.getLogger(NotificationCenter.class);
  /**
   * How long a subscriber remembers what its replay held, so a notification stored before the
   * replay and announced after it (another node's, on its way) is not delivered twice.
   */
  static final Duration REPLAY_MEMORY = Duration.ofMinutes(2);

  private final NotificationStore store;
  private final Clock clock;
  private final Set<NotificationSubscriber> subscribers = ConcurrentHashMap.newKeySet();
  // Publishers share the read side; a subscribe-with-replay takes the write side, so each
  // notification is either in its replay or chosen for live delivery, never both or neither.
  private final ReadWriteLock membership = new ReentrantReadWriteLock();
  private final Consumer<Notification> announcer;
  private final AtomicLong deliveryFailures = new AtomicLong();

  /** Creates a center over {@code store}, taking "now" from {@code clock}, that delivers as it publishes. */
  public NotificationCenter(NotificationStore store, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.announcer = this::deliver;
  }

  /**
   * Creates a center whose {@code publish} stores a notification, then passes it to {@code
   * announcer} instead of delivering it: the announcer arranges for {@link #deliver} to run, on
   * this node and on every other node sharing the store. It is called on the publishing thread and
   * must not block.
   */
  public NotificationCenter(NotificationStore store, Clock clock, Consumer<Notification> announcer) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.announcer = Objects.requireNonNull(announcer, "announcer");
  }

  /** Creates a center with an in-memory store of 1,000 notifications and the UTC system clock. */
  public static NotificationCenter inMemory() {
    return new NotificationCenter(new InMemoryNotificationStore(), Clock.systemUTC());
  }

  /**
   * Publishes a draft, giving it a random UUID id and the clock's time if it has none; returns the
   * stored notification.
   *
   * @throws NotificationValidationException if the draft is invalid, already expired, or its id is
   *     taken
   */
  public Notification publish(Notification.Builder draft) {
    Objects.requireNonNull(draft, "draft");
    return publish(draft.build(() -> UUID.randomUUID().toString(), clock.instant()));
  }

  /**
   * Stores {@code notification} and delivers it, as unread, to every subscriber in its audience
   * whose filter matches (or hands it to the announcer, which arranges that on every node).
   *
   * @throws NotificationValidationException if it has already expired or its id is taken
   */
  public Notification publish(Notification notification) {
    Objects.requireNonNull(notification, "notification");
    if (notification.isExpiredAt(clock.instant())) {
      throw new NotificationValidationException("expires_at", "has already passed");
    }
    if (!store.add(notification)) {
      throw new NotificationValidationException("id", "is already used: " + notification.id());
    }
    announcer.accept(notification);
    return notification;
  }

  /**
   * Delivers a stored notification, as unread, to this center's subscribers in its audience whose
   * filter matches, skipping those whose replay already held it; returns how many got it. Nothing
   * happens for an expired one. Call it on every node once for each notification any node
   * published (the announcer's job); delivery runs on the calling thread.
   */
  public int deliver(Notification notification) {
    Objects.requireNonNull(notification, "notification");
    Instant now = clock.instant();
    if (notification.isExpiredAt(now)) {
      return 0;
    }
    List<NotificationSubscriber> targets = new ArrayList<>();
    // The read side: a subscribe-with-replay (the write side) is either wholly before, and then
    // its replay remembers what it held, or wholly after, and then its replay holds the notification.
    membership.readLock().lock();
    try {
      for (NotificationSubscriber subscriber : subscribers) {
        if (notification.audience().includes(subscriber.recipient())
            && subscriber.filter().matches(notification, false)
            && !subscriber.replayed(notification.id(), now)) {
          targets.add(subscriber);
        }
      }
    } finally {
      membership.readLock().unlock();
    }
    int delivered = 0;
    for (NotificationSubscriber subscriber : targets) {
      if (deliver(subscriber, notification, false)) {
        delivered++;
      }
    }
    return delivered;
  }

  /** Returns how many deliveries to a sink have failed (the sink threw) since this center was made. */
  public long deliveryFailures() {
    return deliveryFailures.get();
  }

  /**
   * Starts delivering live notifications to {@code subscriber}; false if it was already subscribed.
   */
  public boolean subscribe(NotificationSubscriber subscriber) {
    return subscribers.add(Objects.requireNonNull(subscriber, "subscriber"));
  }

  /**
   * Subscribes and first delivers, oldest first, every stored notification the subscriber may see
   * that is unread by it and matches its filter; returns how many were replayed.
   *
   * <p>Must not be called from inside a sink.
   */
  public int subscribeAndReplayUnread(NotificationSubscriber subscriber) {
    Objects.requireNonNull(subscriber, "subscriber");
    List<Notification> replay;
    membership.writeLock().lock();
    try {
      if (!subscribers.add(subscriber)) {
        return 0;
      }
      replay = unread(subscriber.recipient(), subscriber.filter());
      subscriber.rememberReplay(replay, clock.instant().plus(REPLAY_MEMORY));
    } finally {
      membership.writeLock().unlock();
    }
    for (int i = replay.size() - 1; i >= 0; i--) {
      deliver(subscriber, replay.get(i), false);
    }
    return replay.size();
  }

  /** Stops delivering to {@code subscriber}; false if it was not subscribed. */
  public boolean unsubscribe(NotificationSubscriber subscriber) {
    return subscribers.remove(Objects.requireNonNull(subscriber, "subscriber"));
  }

  /** Returns how many subscribers are connected. */
  public int subscriberCount() {
    return subscribers.size();
  }

  /**
   * Returns the notification with this id if {@code recipient} may see it and it has not expired.
   */
  public Optional<Notification> find(Recipient recipient, String notificationId) {
    Objects.requireNonNull(recipient, "recipient");
    Instant now = clock.instant();
    return store
        .find(Objects.requireNonNull(notificationId, "notificationId"))
        .filter(n -> visible(recipient, n, now));
  }

  /**
   * Marks one notification read for this recipient only; returns true if it exists, is unexpired
   * and visible to the recipient (read or not before), false otherwise, changing nothing.
   */
  public boolean markRead(Recipient recipient, String notificationId) {
    if (find(recipient, notificationId).isEmpty()) {
      return false;
    }
    store.markRead(recipient.userId(), notificationId);
    return true;
  }

  /**
   * Marks every notification this recipient can currently see read for it; returns how many were
   * unread.
   */
  public int markAllRead(Recipient recipient) {
    int marked = 0;
    for (Notification notification : visibleNewestFirst(recipient, n -> true)) {
      if (store.markRead(recipient.userId(), notification.id())) {
        marked++;
      }
    }
    return marked;
  }

  /** Returns true if the recipient may see this unexpired notification and has read it. */
  public boolean isRead(Recipient recipient, String notificationId) {
    return find(recipient, notificationId).isPresent()
        && store.isRead(recipient.userId(), notificationId);
  }

  /** Returns how many unexpired notifications this recipient may see and has not read. */
  public int unreadCount(Recipient recipient) {
    return visibleNewestFirst(recipient, n -> !store.isRead(recipient.userId(), n.id())).size();
  }

  /**
   * Returns one page of what {@code recipient} may see, newest first, each with its read flag;
   * empty if the {@code before} id is no longer stored.
   */
  public List<UserNotification> history(Recipient recipient, HistoryQuery query) {
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(query, "query");
    Instant now = clock.instant();
    List<Notification> page =
        store.newestFirst(
            query.before(),
            n ->
                visible(recipient, n, now)
                    && query.filter().matches(n, store.isRead(recipient.userId(), n.id())),
            query.limit());
    List<UserNotification> result = new ArrayList<>(page.size());
    for (Notification notification : page) {
      result.add(
          new UserNotification(notification, store.isRead(recipient.userId(), notification.id())));
    }
    return List.copyOf(result);
  }

  /**
   * Returns every unexpired notification the recipient may see, has not read and that matches
   * {@code filter}, newest first.
   */
  public List<Notification> unread(Recipient recipient, NotificationFilter filter) {
    Objects.requireNonNull(filter, "filter");
    return visibleNewestFirst(
        recipient, n -> !store.isRead(recipient.userId(), n.id()) && filter.matches(n, false));
  }

  /** Removes expired notifications and their read state from the store; returns how many. */
  public int sweepExpired() {
    int removed = store.removeExpired(clock.instant());
    if (removed > 0) {
      log.debug("swept {} expired notifications", removed);
    }
    return removed;
  }

  /**
   * Runs {@link #sweepExpired()} on {@code executor} every {@code period}; cancel the returned
   * future to stop.
   */
  public ScheduledFuture<?> scheduleSweeps(ScheduledExecutorService executor, Duration period) {
    Objects.requireNonNull(executor, "executor");
    if (period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("period must be positive, was " + period);
    }
    long millis = period.toMillis();
    return executor.scheduleAtFixedRate(
        () -> {
          // An exception would silently cancel every later sweep.
          try {
            sweepExpired();
          } catch (RuntimeException e) {
            log.warn("notification sweep failed", e);
          }
        },
        millis,
        millis,
        TimeUnit.MILLISECONDS);
  }

  private List<Notification> visibleNewestFirst(Recipient recipient, Predicate<Notification> also) {
    Objects.requireNonNull(recipient, "recipient");
    Instant now = clock.instant();
    return store.newestFirst(
        Optional.empty(), n -> visible(recipient, n, now) && also.test(n), Integer.MAX_VALUE);
  }

  private static boolean visible(Recipient recipient, Notification notification, Instant now) {
    return !notification.isExpiredAt(now) && notification.audience().includes(recipient);
  }

  private boolean deliver(NotificationSubscriber subscriber, Notification notification, boolean read) {
    try {
      subscriber.deliver(notification, read);
      return true;
    } catch (RuntimeException e) {
      // One broken connection must not stop delivery to the others.
      deliveryFailures.incrementAndGet();
      log.warn("delivery of {} to {} failed", notification.id(), subscriber, e);
      return false;
    }
  }
}
