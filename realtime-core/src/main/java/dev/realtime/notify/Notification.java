package dev.realtime.notify;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One published notification; always valid, because the constructor enforces every rule in {@link
 * NotificationLimits}. Build drafts with {@link #builder()}.
 *
 * <p>Read state is not part of the value: it is kept per user by the notification center
 * ({@code dev.realtime.notify.center}).
 */
public record Notification(
    String id,
    NotificationType type,
    String title,
    String message,
    int priority,
    Optional<String> category,
    Audience audience,
    Instant createdAt,
    Optional<Instant> expiresAt,
    Optional<String> actionUrl,
    Map<String, Object> metadata) {

  /** Priority given to drafts that do not set one ("medium", what notification pages preselect). */
  public static final int DEFAULT_PRIORITY = 3;

  /** Validates every field and copies the metadata; a failure names the wire field. */
  public Notification {
    NotificationLimits.requireText("id", id, NotificationLimits.MAX_ID_LENGTH);
    if (type == null) {
      throw new NotificationValidationException("type", "is required");
    }
    NotificationLimits.requireText("title", title, NotificationLimits.MAX_TITLE_LENGTH);
    NotificationLimits.requireText("message", message, NotificationLimits.MAX_MESSAGE_LENGTH);
    NotificationLimits.requirePriority("priority", priority);
    Objects.requireNonNull(category, "category");
    category.ifPresent(
        c -> NotificationLimits.requireText("category", c, NotificationLimits.MAX_CATEGORY_LENGTH));
    Objects.requireNonNull(audience, "audience");
    if (createdAt == null) {
      throw new NotificationValidationException("created_at", "is required");
    }
    Objects.requireNonNull(expiresAt, "expiresAt");
    if (expiresAt.isPresent() && !expiresAt.get().isAfter(createdAt)) {
      throw new NotificationValidationException("expires_at", "must be after created_at");
    }
    Objects.requireNonNull(actionUrl, "actionUrl");
    actionUrl.ifPresent(NotificationLimits::requireActionUrl);
    Objects.requireNonNull(metadata, "metadata");
    // LinkedHashMap keeps the publisher's key order on the wire; Map.copyOf would shuffle it.
    metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    NotificationLimits.requireMetadata(metadata);
  }

  /** Returns an empty draft with priority {@value #DEFAULT_PRIORITY} and audience everyone. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a draft holding every field of this notification. */
  public Builder toBuilder() {
    Builder builder =
        new Builder()
            .id(id)
            .type(type)
            .title(title)
            .message(message)
            .priority(priority)
            .audience(audience)
            .createdAt(createdAt)
            .metadata(metadata);
    category.ifPresent(builder::category);
    expiresAt.ifPresent(builder::expiresAt);
    actionUrl.ifPresent(builder::actionUrl);
    return builder;
  }

  /** Returns true if this notification has an expiry and {@code now} is at or past it. */
  public boolean isExpiredAt(Instant now) {
    Objects.requireNonNull(now, "now");
    return expiresAt.isPresent() && !now.isBefore(expiresAt.get());
  }

  /** A mutable draft; not thread-safe. Validation happens when the notification is built. */
  public static final class Builder {
    private String id;
    private NotificationType type;
    private String title;
    private String message;
    private int priority = DEFAULT_PRIORITY;
    private String category;
    private Audience audience = Audience.everyone();
    private Instant createdAt;
    private Instant expiresAt;
    private String actionUrl;
    private final Map<String, Object> metadata = new LinkedHashMap<>();

    private Builder() {}

    /** Sets the id; the center assigns a random UUID when none is set. */
    public Builder id(String id) {
      this.id = Objects.requireNonNull(id, "id");
      return this;
    }

    /** Sets the type. */
    public Builder type(NotificationType type) {
      this.type = Objects.requireNonNull(type, "type");
      return this;
    }

    /** Sets the title. */
    public Builder title(String title) {
      this.title = Objects.requireNonNull(title, "title");
      return this;
    }

    /** Sets the message. */
    public Builder message(String message) {
      this.message = Objects.requireNonNull(message, "message");
      return this;
    }

    /** Sets the priority, 1 (low) to 5 (critical). */
    public Builder priority(int priority) {
      this.priority = priority;
      return this;
    }

    /** Sets the category. */
    public Builder category(String category) {
      this.category = Objects.requireNonNull(category, "category");
      return this;
    }

    /** Sets who may see the notification (default everyone). */
    public Builder audience(Audience audience) {
      this.audience = Objects.requireNonNull(audience, "audience");
      return this;
    }

    /** Sets the creation time; the center uses its clock when none is set. */
    public Builder createdAt(Instant createdAt) {
      this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
      return this;
    }

    /** Sets when the notification stops being shown and is dropped. */
    public Builder expiresAt(Instant expiresAt) {
      this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
      return this;
    }

    /** Sets the link a page offers with the notification (relative, http or https). */
    public Builder actionUrl(String actionUrl) {
      this.actionUrl = Objects.requireNonNull(actionUrl, "actionUrl");
      return this;
    }

    /** Replaces the metadata with a copy of {@code metadata}. */
    public Builder metadata(Map<String, ?> metadata) {
      Objects.requireNonNull(metadata, "metadata");
      this.metadata.clear();
      metadata.forEach(this::putMetadata);
      return this;
    }

    /** Adds one metadata entry: a String, Boolean, Integer, Long or finite Double. */
    public Builder putMetadata(String key, Object value) {
      metadata.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Builds and validates; id and created-at must have been set. */
    public Notification build() {
      return assemble(null, null);
    }

    /**
     * Builds and validates, filling an unset id from {@code defaultId} and an unset creation time
     * with {@code defaultCreatedAt}, as a notification center does when it publishes a draft.
     */
    public Notification build(Supplier<String> defaultId, Instant defaultCreatedAt) {
      Objects.requireNonNull(defaultId, "defaultId");
      Objects.requireNonNull(defaultCreatedAt, "defaultCreatedAt");
      return assemble(id != null ? id : defaultId.get(), defaultCreatedAt);
    }

    private Notification assemble(String defaultId, Instant defaultCreatedAt) {
      return new Notification(
          id != null ? id : defaultId,
          type,
          title,
          message,
          priority,
          Optional.ofNullable(category),
          audience,
          createdAt != null ? createdAt : defaultCreatedAt,
          Optional.ofNullable(expiresAt),
          Optional.ofNullable(actionUrl),
          metadata);
    }
  }
}
