package dev.realtime.transport;

import java.util.Objects;
import java.util.Optional;

/**
 * What a listener decided about a handshake before the upgrade: accept (optionally choosing one of
 * the subprotocols the client offered), or refuse with an HTTP status and a reason.
 *
 * <p>Refuse at the handshake only where the peer gains from a real status (a foreign origin: 403)
 * or where nothing should be allocated; browsers hide a refused handshake's status from pages, so
 * refusals a page must explain are better made after the upgrade with an error frame and a close
 * code.
 *
 * @param status 101 when accepted, else the HTTP status to answer (400–599)
 * @param reason why it was refused (sent as the response's reason text), empty when accepted
 * @param subprotocol the offered subprotocol to echo in {@code Sec-WebSocket-Protocol}, if any
 */
public record Admission(int status, String reason, Optional<String> subprotocol) {
  private static final Admission ACCEPT = new Admission(101, "", Optional.empty());

  /** Validates the parts. */
  public Admission {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(subprotocol, "subprotocol");
    if (status != 101 && (status < 400 || status > 599)) {
      throw new IllegalArgumentException("status must be 101 or 400-599: " + status);
    }
  }

  /** Accepts without a subprotocol. */
  public static Admission accept() {
    return ACCEPT;
  }

  /** Accepts and echoes {@code subprotocol}, which must be one the client offered. */
  public static Admission accept(String subprotocol) {
    return new Admission(101, "", Optional.of(subprotocol));
  }

  /** Refuses with an HTTP status (for example 403) and a reason. */
  public static Admission refuse(int status, String reason) {
    if (status == 101) {
      throw new IllegalArgumentException("101 accepts");
    }
    return new Admission(status, reason, Optional.empty());
  }

  /** Whether the handshake may proceed. */
  public boolean accepted() {
    return status == 101;
  }
}
