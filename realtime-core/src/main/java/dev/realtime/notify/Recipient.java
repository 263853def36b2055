package dev.realtime.notify;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Who a subscriber or history query acts for: a user id and the roles that user holds. */
public record Recipient(String userId, Set<String> roles) {

  /** Validates the user id and copies the roles. */
  public Recipient {
    NotificationLimits.requireText("user_id", userId, NotificationLimits.MAX_USER_ID_LENGTH);
    roles = Set.copyOf(Objects.requireNonNull(roles, "roles"));
  }

  /** Returns a recipient with the given user id and roles. */
  public static Recipient of(String userId, String... roles) {
    return new Recipient(userId, Set.copyOf(List.of(roles)));
  }

  /** Returns true if this recipient holds {@code role}. */
  public boolean hasRole(String role) {
    return roles.contains(role);
  }
}
