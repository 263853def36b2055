package dev.realtime.ot;

import java.util.Objects;

/** What {@link ServerDocument#receive} did with an operation. */
public sealed interface ReceiveResult permits ReceiveResult.Applied, ReceiveResult.AlreadyApplied, ResyncRequired {

  /** The operation was transformed to {@code operation}, applied, and produced {@code revision}: broadcast it, ack the author. */
  record Applied(TextOperation operation, int revision) implements ReceiveResult {
    /** Creates the result. */
    public Applied {
      Objects.requireNonNull(operation, "operation");
    }
  }

  /** The same client id and seq were applied before, producing {@code revision}: ack again, apply nothing. */
  record AlreadyApplied(int revision) implements ReceiveResult {}
}
