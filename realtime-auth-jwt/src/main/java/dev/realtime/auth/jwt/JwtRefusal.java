package dev.realtime.auth.jwt;

import dev.realtime.auth.AuthResult;

/**
 * Why a {@link JwtAuthenticator} refused a token: a machine-readable code for the error frame and a
 * message safe to show (it never contains the token, a claim value or the key).
 *
 * <p>Codes are deliberately coarse, so a client knows what to do without learning how the check
 * failed: {@code missing_token} (send one), {@code token_expired} (get a fresh one), {@code
 * token_not_yet_valid} (clock trouble), {@code wrong_user} (refresh for another user) and {@code
 * invalid_token} for everything else (give up).
 */
public enum JwtRefusal {
  /** No token in the query string nor in the {@code Sec-WebSocket-Protocol} header. */
  MISSING_TOKEN("missing_token", "a token is required (query parameter or Sec-WebSocket-Protocol)"),
  /** The token is longer than the configured maximum. */
  TOKEN_TOO_LARGE("invalid_token", "the token is too large"),
  /** Not three base64url parts, or a header or claims part that is not a JSON object. */
  MALFORMED_TOKEN("invalid_token", "the token is not a well-formed signed JWT"),
  /** Signed with another algorithm than the configured one, or unsigned ({@code alg: none}). */
  UNSUPPORTED_ALGORITHM("invalid_token", "the token is not signed with the expected algorithm"),
  /** The signature does not match. */
  INVALID_SIGNATURE("invalid_token", "the token signature is invalid"),
  /** The token has no {@code exp} claim but one is required. */
  MISSING_EXPIRY("invalid_token", "the token has no expiry"),
  /** The {@code exp} claim lies in the past (beyond the allowed clock skew). */
  TOKEN_EXPIRED("token_expired", "the token expired"),
  /** The {@code nbf} claim lies in the future (beyond the allowed clock skew). */
  TOKEN_NOT_YET_VALID("token_not_yet_valid", "the token is not valid yet"),
  /** The {@code iss} claim is not the configured issuer. */
  INVALID_ISSUER("invalid_token", "the token was issued by an unexpected issuer"),
  /** The {@code aud} claim does not name the configured audience. */
  INVALID_AUDIENCE("invalid_token", "the token is not meant for this service"),
  /** The user id claim is missing or not a string or integer. */
  INVALID_CLAIMS("invalid_token", "the token does not name a user"),
  /** A refresh token that is valid but for another user than the session's. */
  WRONG_USER("wrong_user", "the token belongs to another user");

  private final String code;
  private final String message;

  JwtRefusal(String code, String message) {
    this.code = code;
    this.message = message;
  }

  /** The error code sent in the error frame. */
  public String code() {
    return code;
  }

  /** The message sent in the error frame and as the close reason (under 123 bytes). */
  public String message() {
    return message;
  }

  /** This refusal as an {@link AuthResult}. */
  public AuthResult result() {
    return AuthResult.refused(code, message);
  }
}
