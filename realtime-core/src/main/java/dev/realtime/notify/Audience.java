package dev.realtime.notify;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Who may see a notification: everyone, a set of user ids, or the holders of one role. */
public sealed interface Audience permits Audience.Everyone, Audience.Users, Audience.Role {

  /** Returns true if {@code recipient} may see notifications addressed to this audience. */
  boolean includes(Recipient recipient);

  /** Returns the audience that includes every recipient. */
  static Audience everyone() {
    return Everyone.INSTANCE;
  }

  /** Returns the audience of exactly these user ids. */
  static Audience users(String... userIds) {
    return new Users(Set.copyOf(List.of(userIds)));
  }

  /** Returns the audience of exactly these user ids. */
  static Audience users(Collection<String> userIds) {
    return new Users(Set.copyOf(userIds));
  }

  /** Returns the audience of every recipient holding {@code role}. */
  static Audience role(String role) {
    return new Role(role);
  }

  /** Every recipient. */
  record Everyone() implements Audience {
    static final Everyone INSTANCE = new Everyone();

    /** Always true. */
    @Override
    public boolean includes(Recipient recipient) {
      Objects.requireNonNull(recipient, "recipient");
      return true;
    }
  }

  /** The recipients whose user id is in {@code userIds}. */
  record Users(Set<String> userIds) implements Audience {

    /** Validates and copies the user ids; at least one is required. */
    public Users {
      userIds = Set.copyOf(Objects.requireNonNull(userIds, "userIds"));
      if (userIds.isEmpty()) {
        throw new NotificationValidationException("user_id", "must name at least one user");
      }
      if (userIds.size() > NotificationLimits.MAX_AUDIENCE_USERS) {
        throw new NotificationValidationException(
            "user_id", "names more than " + NotificationLimits.MAX_AUDIENCE_USERS + " users");
      }
      for (String id : userIds) {
        NotificationLimits.requireText("user_id", id, NotificationLimits.MAX_USER_ID_LENGTH);
      }
    }

    /** True if the recipient's user id is listed. */
    @Override
    public boolean includes(Recipient recipient) {
      return userIds.contains(recipient.userId());
    }
  }

  /** The recipients holding role {@code name}. */
  record Role(String name) implements Audience {

    /** Validates the role name. */
    public Role {
      NotificationLimits.requireText("user_role", name, NotificationLimits.MAX_ROLE_LENGTH);
    }

    /** True if the recipient holds this role. */
    @Override
    public boolean includes(Recipient recipient) {
      return recipient.hasRole(name);
    }
  }
}
