package dev.realtime.ot;

import java.util.Objects;

/**
 * An operation the server applied: who sent it ({@code clientId}, {@code seq}), the revision it
 * was applied to, and the operation as applied (after transformation). It produced {@code revision + 1}.
 */
public record HistoryEntry(String clientId, long seq, int revision, TextOperation operation) {

  /** Creates the entry; the revision must not be negative. */
  public HistoryEntry {
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(operation, "operation");
    if (revision < 0) {
      throw new IllegalArgumentException("revision must not be negative, was " + revision);
    }
  }
}
