package dev.realtime.client;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One step of a client's life, as its state listeners see it. A failed attempt is reported as
 * {@code CONNECTING → CONNECTING}, with why it failed and when the next attempt starts.
 *
 * @param previous the state before
 * @param current the state now
 * @param closeCode the close code of the connection that ended, if one did (4000: the application
 *     heartbeat timed out)
 * @param reason why, in words: the server's close reason, or what failed ({@code "connection
 *     refused"}, {@code "handshake refused: HTTP 403"}); empty when there is nothing to say
 * @param retryIn when the next attempt starts, if one is scheduled
 */
public record StateChange(
    State previous, State current, OptionalInt closeCode, String reason, Optional<Duration> retryIn) {

  /** Rejects nulls. */
  public StateChange {
    Objects.requireNonNull(previous, "previous");
    Objects.requireNonNull(current, "current");
    Objects.requireNonNull(closeCode, "closeCode");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(retryIn, "retryIn");
  }

  /** Whether the client will try again by itself. */
  public boolean willRetry() {
    return retryIn.isPresent();
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder().append(previous).append(" -> ").append(current);
    closeCode.ifPresent(code -> text.append(" (").append(code).append(')'));
    if (!reason.isEmpty()) {
      text.append(": ").append(reason);
    }
    retryIn.ifPresent(delay -> text.append("; retrying in ").append(delay.toMillis()).append(" ms"));
    return text.toString();
  }
}
