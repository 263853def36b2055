package dev.realtime.notify.center;

import dev.realtime.notify.Notification;
import dev.realtime.notify.NotificationFilter;
import dev.realtime.notify.Recipient;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A connected receiver: who it is, what it currently wants, and where to send what it gets.
 *
 * <p>An application creates one per connection, binding the {@link Sink} to its transport (for
 * example, encoding the notification and queueing it on a hub client), and registers it with {@link
 * NotificationCenter#subscribe}. Identity, not value, decides equality, so two tabs of the same
 * user are two subscribers.
 */
public final class NotificationSubscriber {

  /**
   * Where a subscriber's notifications go; called on the delivering thread (the publishing one
   * unless the center has an announcer), so it must not block.
   */
  @FunctionalInterface
  public interface Sink {

    /** Hands over one notification; {@code read} is this user's own read flag for it. */
    void deliver(Notification notification, boolean read);
  }

  private final Recipient recipient;
  private final Sink sink;
  // Written by the connection's command handler, read by every publishing thread.
  private volatile NotificationFilter filter;
  // What the replay on subscribing held, until when it matters; written under the center's write lock.
  private volatile Replay replay;

  private record Replay(Set<String> ids, Instant until) {}

  /** Creates a subscriber with an initial filter. */
  public NotificationSubscriber(Recipient recipient, NotificationFilter filter, Sink sink) {
    this.recipient = Objects.requireNonNull(recipient, "recipient");
    this.filter = Objects.requireNonNull(filter, "filter");
    this.sink = Objects.requireNonNull(sink, "sink");
  }

  /** Creates a subscriber that receives everything addressed to it. */
  public NotificationSubscriber(Recipient recipient, Sink sink) {
    this(recipient, NotificationFilter.all(), sink);
  }

  /** Returns who this subscriber is. */
  public Recipient recipient() {
    return recipient;
  }

  /** Returns the current filter. */
  public NotificationFilter filter() {
    return filter;
  }

  /** Replaces the filter; later deliveries use the new one. */
  public void setFilter(NotificationFilter filter) {
    this.filter = Objects.requireNonNull(filter, "filter");
  }

  /** Passes a notification to the sink. */
  public void deliver(Notification notification, boolean read) {
    sink.deliver(Objects.requireNonNull(notification, "notification"), read);
  }

  /** Remembers the ids a replay delivered, until {@code until}. */
  void rememberReplay(List<Notification> replayed, Instant until) {
    Set<String> ids = new HashSet<>();
    replayed.forEach(notification -> ids.add(notification.id()));
    replay = new Replay(Set.copyOf(ids), until);
  }

  /** Whether this subscriber's replay held the notification with {@code id} (and it still matters at {@code now}). */
  boolean replayed(String id, Instant now) {
    Replay held = replay;
    if (held == null) {
      return false;
    }
    if (now.isAfter(held.until())) {
      replay = null;
      return false;
    }
    return held.ids().contains(id);
  }

  @Override
  public String toString() {
    return "NotificationSubscriber[" + recipient.userId() + "]";
  }
}
