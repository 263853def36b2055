package dev.realtime.protocol;

import java.util.Objects;

/**
 * Thrown by a message handler to answer the client with an error frame; the connection stays open.
 */
public class ProtocolException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String code;

  /** An error with a machine-readable code and a human-readable message. */
  public ProtocolException(String code, String message) {
    super(Objects.requireNonNull(message, "message"));
    this.code = Objects.requireNonNull(code, "code");
  }

  /** A {@link ErrorCodes#INVALID_MESSAGE} error naming what was wrong. */
  public static ProtocolException invalid(String message) {
    return new ProtocolException(ErrorCodes.INVALID_MESSAGE, message);
  }

  /** The error frame's {@code code}. */
  public String code() {
    return code;
  }
}
