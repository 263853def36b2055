package dev.realtime.ot;

import java.util.Objects;

/**
 * An operation a document applied: who sent it ({@code clientId}, {@code seq}), the revision it
 * was applied to, and the operation as applied (after transformation). It produced {@code revision + 1}.
 *
 * @param <O> the operation type
 * @param clientId the client session that sent it
 * @param seq the client's number for it
 * @param revision the revision it was applied to
 * @param operation the operation as applied
 */
public record HistoryEntry<O>(String clientId, long seq, int revision, O operation) {

  /** Creates the entry; the revision must not be negative. */
  public HistoryEntry {
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(operation, "operation");
    if (revision < 0) {
      throw new IllegalArgumentException("revision must not be negative, was " + revision);
    }
  }
}
