package dev.realtime.notify;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a subscriber wants to receive: an immutable, pure predicate, safe to share between threads.
 *
 * <p>An empty {@code types} or {@code categories} set means "any". A non-empty {@code categories}
 * set excludes uncategorised notifications (letting them through would make a category filter
 * leak everything without a category). {@link #all()} matches everything.
 */
public record NotificationFilter(
    Set<NotificationType> types, Set<String> categories, int minPriority, boolean onlyUnread) {

  private static final NotificationFilter ALL =
      new NotificationFilter(Set.of(), Set.of(), NotificationLimits.MIN_PRIORITY, false);

  /** Validates the priority and category bounds and copies the sets. */
  public NotificationFilter {
    types = Set.copyOf(Objects.requireNonNull(types, "types"));
    categories = Set.copyOf(Objects.requireNonNull(categories, "categories"));
    if (categories.size() > NotificationLimits.MAX_FILTER_CATEGORIES) {
      throw new NotificationValidationException(
          "categories", "lists more than " + NotificationLimits.MAX_FILTER_CATEGORIES);
    }
    for (String category : categories) {
      NotificationLimits.requireText(
          "categories", category, NotificationLimits.MAX_CATEGORY_LENGTH);
    }
    NotificationLimits.requirePriority("min_priority", minPriority);
  }

  /** Returns the filter with no criteria, which matches every notification. */
  public static NotificationFilter all() {
    return ALL;
  }

  /** Returns a copy that accepts only these types (none given: any type). */
  public NotificationFilter withTypes(NotificationType... types) {
    return withTypes(List.of(types));
  }

  /** Returns a copy that accepts only these types (empty: any type). */
  public NotificationFilter withTypes(Collection<NotificationType> types) {
    return new NotificationFilter(Set.copyOf(types), categories, minPriority, onlyUnread);
  }

  /** Returns a copy that accepts only these categories (none given: any, even uncategorised). */
  public NotificationFilter withCategories(String... categories) {
    return withCategories(List.of(categories));
  }

  /** Returns a copy that accepts only these categories (empty: any, even uncategorised). */
  public NotificationFilter withCategories(Collection<String> categories) {
    return new NotificationFilter(types, Set.copyOf(categories), minPriority, onlyUnread);
  }

  /** Returns a copy that accepts only priorities at or above {@code minPriority} (1–5). */
  public NotificationFilter withMinPriority(int minPriority) {
    return new NotificationFilter(types, categories, minPriority, onlyUnread);
  }

  /** Returns a copy that does or does not reject notifications the user has read. */
  public NotificationFilter withOnlyUnread(boolean onlyUnread) {
    return new NotificationFilter(types, categories, minPriority, onlyUnread);
  }

  /** Returns true if this filter has no criteria. */
  public boolean matchesEverything() {
    return types.isEmpty()
        && categories.isEmpty()
        && minPriority == NotificationLimits.MIN_PRIORITY
        && !onlyUnread;
  }

  /**
   * Returns true if {@code notification}, read or not by the receiving user, passes every
   * criterion.
   */
  public boolean matches(Notification notification, boolean read) {
    Objects.requireNonNull(notification, "notification");
    if (!types.isEmpty() && !types.contains(notification.type())) {
      return false;
    }
    if (!categories.isEmpty() && !notification.category().map(categories::contains).orElse(false)) {
      return false;
    }
    if (notification.priority() < minPriority) {
      return false;
    }
    return !(onlyUnread && read);
  }
}
