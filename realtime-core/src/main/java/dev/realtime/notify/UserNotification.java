package dev.realtime.notify;

import java.util.Objects;

/** A notification as one user sees it: the value plus that user's own read flag. */
public record UserNotification(Notification notification, boolean read) {

  /** Rejects a null notification. */
  public UserNotification {
    Objects.requireNonNull(notification, "notification");
  }
}
