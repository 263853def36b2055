package dev.realtime.auth;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Who a connection belongs to, as an {@link Authenticator} established it.
 *
 * @param userId the stable user identifier
 * @param displayName the name to show to others
 * @param roles the user's roles
 * @param claims further claims, for applications (immutable)
 * @param expiresAt when the credentials expire, if they do
 */
public record Principal(
    String userId, String displayName, Set<String> roles, Map<String, Object> claims, Optional<Instant> expiresAt) {

  /** Validates and copies. */
  public Principal {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(displayName, "displayName");
    roles = Set.copyOf(roles);
    claims = Map.copyOf(claims);
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  /** A principal with a user id and roles, no claims and no expiry. */
  public static Principal of(String userId, String... roles) {
    return new Principal(userId, userId, Set.of(roles), Map.of(), Optional.empty());
  }

  /** Whether the principal has {@code role}. */
  public boolean hasRole(String role) {
    return roles.contains(role);
  }
}
