package dev.realtime.notify;

import java.util.Objects;
import java.util.Optional;

/**
 * One page of a user's history: at most {@code limit} notifications, newest first, strictly older
 * than the {@code before} id when given, passing {@code filter}.
 */
public record HistoryQuery(int limit, Optional<String> before, NotificationFilter filter) {

  /** Page size when none is given. */
  public static final int DEFAULT_LIMIT = 50;

  /** Largest page a query may ask for. */
  public static final int MAX_LIMIT = 500;

  /** Validates the limit (1 to {@value #MAX_LIMIT}). */
  public HistoryQuery {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new NotificationValidationException(
          "limit", "must be from 1 to " + MAX_LIMIT + ", was " + limit);
    }
    Objects.requireNonNull(before, "before");
    before.ifPresent(
        id -> NotificationLimits.requireText("before", id, NotificationLimits.MAX_ID_LENGTH));
    Objects.requireNonNull(filter, "filter");
  }

  /** Returns the newest {@code limit} notifications, unfiltered. */
  public static HistoryQuery latest(int limit) {
    return new HistoryQuery(limit, Optional.empty(), NotificationFilter.all());
  }

  /** Returns a copy that continues after (older than) the notification with this id. */
  public HistoryQuery before(String id) {
    return new HistoryQuery(limit, Optional.of(id), filter);
  }

  /** Returns a copy that keeps only notifications passing {@code filter}. */
  public HistoryQuery withFilter(NotificationFilter filter) {
    return new HistoryQuery(limit, before, filter);
  }
}
