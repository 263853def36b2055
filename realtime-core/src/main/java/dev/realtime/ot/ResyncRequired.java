package dev.realtime.ot;

import java.util.Objects;

/**
 * The answer to a client whose revision is older than the oldest operation the server keeps: it
 * must drop its unacknowledged edits and start again from {@code snapshot}, the current state.
 */
public record ResyncRequired(DocumentSnapshot snapshot) implements ReceiveResult, CatchUp {

  /** Creates the answer. */
  public ResyncRequired {
    Objects.requireNonNull(snapshot, "snapshot");
  }
}
