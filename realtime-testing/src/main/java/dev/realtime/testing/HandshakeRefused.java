package dev.realtime.testing;

/**
 * Thrown by {@link InMemoryTransport#connect} when the endpoint refused the handshake, as a real
 * transport would answer an HTTP status instead of upgrading.
 */
public final class HandshakeRefused extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final String reason;

  HandshakeRefused(int status, String reason) {
    super("handshake refused: " + status + " " + reason);
    this.status = status;
    this.reason = reason;
  }

  /** The HTTP status the endpoint answered, for example 403. */
  public int status() {
    return status;
  }

  /** The reason the endpoint gave. */
  public String reason() {
    return reason;
  }
}
