package dev.realtime.ot.document;

import dev.realtime.ot.DocumentSnapshot;
import java.util.Objects;

/**
 * The answer to a client whose revision is older than the oldest operation the server keeps: it
 * must drop its unacknowledged edits and start again from {@code snapshot}, the current state.
 *
 * @param <S> the content type
 * @param <O> the operation type
 * @param snapshot the server's current content and revision
 */
public record ResyncRequired<S, O>(DocumentSnapshot<S> snapshot) implements ReceiveResult<S, O>, CatchUp<S, O> {

  /** Creates the answer. */
  public ResyncRequired {
    Objects.requireNonNull(snapshot, "snapshot");
  }
}
