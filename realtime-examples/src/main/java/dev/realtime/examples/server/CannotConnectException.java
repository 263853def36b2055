package dev.realtime.examples.server;

import java.io.IOException;
import java.net.URI;

/**
 * The Redis a clustered example needs could not be reached at start; the message is one line fit
 * for a user, naming the address without its password: {@code cannot reach Redis at
 * redis://localhost:6379 (--redis): connection refused}.
 */
public final class CannotConnectException extends IOException {
  private static final long serialVersionUID = 1L;

  /** The failure to reach the Redis at {@code uri}. */
  public CannotConnectException(String uri, Throwable cause) {
    super("cannot reach Redis at " + withoutPassword(uri) + " (--redis): " + reason(cause), cause);
  }

  /** The URI with any user information replaced, so a password never reaches a log or a terminal. */
  static String withoutPassword(String uri) {
    try {
      URI parsed = URI.create(uri);
      if (parsed.getRawUserInfo() == null) {
        return uri;
      }
      return parsed.getScheme() + "://***@" + parsed.getRawAuthority().substring(parsed.getRawAuthority().indexOf('@') + 1)
          + (parsed.getRawPath() == null ? "" : parsed.getRawPath());
    } catch (IllegalArgumentException e) {
      return "the given address";
    }
  }

  private static String reason(Throwable cause) {
    Throwable deepest = cause;
    while (deepest.getCause() != null && deepest.getCause() != deepest) {
      deepest = deepest.getCause();
    }
    String message = deepest.getMessage();
    return message == null || message.isBlank() ? deepest.getClass().getSimpleName() : message.lines().findFirst().orElse("");
  }
}
