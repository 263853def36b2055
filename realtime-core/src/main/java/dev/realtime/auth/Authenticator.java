package dev.realtime.auth;

import dev.realtime.transport.Handshake;

/**
 * Decides who a connection belongs to from its handshake (path, query, headers, address).
 *
 * <p>Implementations must be thread-safe and fast: they run on transport threads for every new
 * connection. A JWT implementation lives in its own module so core stays small.
 */
public interface Authenticator {

  /** Accepts the handshake as a principal, or refuses it with a reason. */
  AuthResult authenticate(Handshake handshake);

  /**
   * Validates a fresh token a connected client sent to extend its session. The result must be for
   * the same user as {@code current}; the default refuses, meaning refresh is not supported.
   */
  default AuthResult refresh(Principal current, String token) {
    return AuthResult.refused("refresh_unsupported", "token refresh is not supported");
  }
}
