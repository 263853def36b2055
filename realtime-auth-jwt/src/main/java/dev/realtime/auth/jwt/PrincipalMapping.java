package dev.realtime.auth.jwt;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.realtime.auth.Principal;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns verified claims into a {@link Principal}.
 *
 * @param userIdClaim the claim holding the user id, a string or an integer ({@code sub} by default)
 * @param displayNameClaims claims tried in order for the display name; the user id if none is set
 * @param rolesClaim the claim holding roles, an array of strings or a space-separated string
 */
record PrincipalMapping(String userIdClaim, List<String> displayNameClaims, String rolesClaim) {
  /** The longest user id or display name taken from a token. */
  static final int MAX_NAME_LENGTH = 256;

  PrincipalMapping {
    displayNameClaims = List.copyOf(displayNameClaims);
  }

  /** The principal, or empty if the token names no usable user. */
  Optional<Principal> principal(JWTClaimsSet claims) {
    Optional<String> userId = identifier(claims.getClaim(userIdClaim));
    if (userId.isEmpty()) {
      return Optional.empty();
    }
    String displayName = userId.get();
    for (String claim : displayNameClaims) {
      Object value = claims.getClaim(claim);
      if (value instanceof String name && !name.isBlank() && name.length() <= MAX_NAME_LENGTH) {
        displayName = name.trim();
        break;
      }
    }
    Optional<Instant> expiresAt = Optional.ofNullable(claims.getExpirationTime()).map(Date::toInstant);
    return Optional.of(new Principal(userId.get(), displayName, roles(claims.getClaim(rolesClaim)),
        simpleClaims(claims.getClaims()), expiresAt));
  }

  private static Optional<String> identifier(Object value) {
    if (value instanceof String text && !text.isBlank() && text.length() <= MAX_NAME_LENGTH) {
      return Optional.of(text);
    }
    // Some issuers put a numeric user_id in their tokens; only whole numbers make sensible ids.
    if (value instanceof Number number) {
      try {
        String id = new BigDecimal(number.toString()).toBigIntegerExact().toString();
        return id.length() <= MAX_NAME_LENGTH ? Optional.of(id) : Optional.empty();
      } catch (ArithmeticException | NumberFormatException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  private static Set<String> roles(Object value) {
    Set<String> roles = new LinkedHashSet<>();
    if (value instanceof String text) {
      for (String role : text.trim().split("\\s+")) {
        if (!role.isEmpty()) {
          roles.add(role);
        }
      }
    } else if (value instanceof List<?> list) {
      // Anything but strings is ignored: a malformed role must never widen access.
      for (Object item : list) {
        if (item instanceof String role && !role.isBlank()) {
          roles.add(role.trim());
        }
      }
    }
    return roles;
  }

  /** Strings, booleans and numbers as they are, dates as epoch seconds; nested values are dropped. */
  private static Map<String, Object> simpleClaims(Map<String, Object> claims) {
    Map<String, Object> simple = new HashMap<>();
    claims.forEach((name, value) -> {
      if (value instanceof String || value instanceof Boolean || value instanceof Number) {
        simple.put(name, value);
      } else if (value instanceof Date date) {
        simple.put(name, date.toInstant().getEpochSecond());
      }
    });
    return simple;
  }
}
