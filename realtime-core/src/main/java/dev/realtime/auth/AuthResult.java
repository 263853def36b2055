package dev.realtime.auth;

import java.util.Objects;

/** What an {@link Authenticator} decided: a principal, or a refusal with its reason. */
public sealed interface AuthResult {

  /** Accepts the connection as {@code principal}. */
  static AuthResult accepted(Principal principal) {
    return new Accepted(principal);
  }

  /** Refuses with an error code (for the error frame) and a reason the client can show. */
  static AuthResult refused(String code, String reason) {
    return new Refused(code, reason);
  }

  /**
   * The connection is accepted.
   *
   * @param principal who it belongs to
   */
  record Accepted(Principal principal) implements AuthResult {
    /** Rejects a null principal. */
    public Accepted {
      Objects.requireNonNull(principal, "principal");
    }
  }

  /**
   * The connection is refused.
   *
   * @param code a machine-readable error code such as {@code invalid_token}
   * @param reason a human-readable reason, safe to show (no secrets)
   */
  record Refused(String code, String reason) implements AuthResult {
    /** Rejects nulls. */
    public Refused {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(reason, "reason");
    }
  }
}
