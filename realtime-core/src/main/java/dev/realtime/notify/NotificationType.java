package dev.realtime.notify;

import java.util.Objects;
import java.util.Optional;

/** The kind of a notification, which clients use to pick its colour and icon. */
public enum NotificationType {
  INFO("info"),
  SUCCESS("success"),
  WARNING("warning"),
  ERROR("error");

  private final String wireName;

  NotificationType(String wireName) {
    this.wireName = wireName;
  }

  /** Returns the lower-case name used in JSON, such as {@code "info"}. */
  public String wireName() {
    return wireName;
  }

  /**
   * Returns the type whose wire name is {@code name}, or empty if there is none (case-sensitive).
   */
  public static Optional<NotificationType> fromWireName(String name) {
    Objects.requireNonNull(name, "name");
    for (NotificationType type : values()) {
      if (type.wireName.equals(name)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
