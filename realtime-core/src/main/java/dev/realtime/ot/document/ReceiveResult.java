package dev.realtime.ot.document;

import java.util.Objects;

/**
 * What {@link ServerDocument#receive} did with an operation: {@link Applied},
 * {@link AlreadyApplied} or {@link ResyncRequired}.
 *
 * @param <S> the content type
 * @param <O> the operation type
 */
public sealed interface ReceiveResult<S, O>
    permits ReceiveResult.Applied, ReceiveResult.AlreadyApplied, ResyncRequired {

  /**
   * The operation was transformed to {@code operation}, applied, and produced {@code revision}:
   * broadcast it, acknowledge it to its author.
   *
   * @param <S> the content type
   * @param <O> the operation type
   * @param operation the operation as applied
   * @param revision the revision it produced
   */
  record Applied<S, O>(O operation, int revision) implements ReceiveResult<S, O> {
    /** Creates the result. */
    public Applied {
      Objects.requireNonNull(operation, "operation");
    }
  }

  /**
   * The same client id and seq were applied before, producing {@code revision}: acknowledge again,
   * apply nothing.
   *
   * @param <S> the content type
   * @param <O> the operation type
   * @param revision the revision the first application produced
   */
  record AlreadyApplied<S, O>(int revision) implements ReceiveResult<S, O> {}
}
