package dev.realtime.ot.store;

import dev.realtime.ot.DocumentSnapshot;
import dev.realtime.ot.HistoryEntry;
import java.util.Optional;

/**
 * Keeps documents as a snapshot plus an operation log, keyed by document id, for a
 * {@code ServerDocument} to load from and write through to; implementations are thread-safe.
 *
 * @param <S> the content type
 * @param <O> the operation type
 */
public interface DocumentStore<S, O> {

  /** Returns the stored document, or empty if none was stored under {@code documentId}. */
  Optional<StoredDocument<S, O>> load(String documentId);

  /** Appends an applied operation to the log; its revision follows the last stored one. */
  void append(String documentId, HistoryEntry<O> entry);

  /** Replaces the snapshot and drops log entries older than it. */
  void compact(String documentId, DocumentSnapshot<S> snapshot);
}
