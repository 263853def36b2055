package dev.realtime.ot.store;

import dev.realtime.ot.DocumentSnapshot;
import dev.realtime.ot.HistoryEntry;
import java.util.List;
import java.util.Optional;

/**
 * Keeps documents as a snapshot plus an operation log, keyed by document id, for a
 * {@code ServerDocument} to load from and write through to; implementations are thread-safe.
 *
 * <p>Servers that share one store (many nodes of a cluster) order a document's operations with
 * {@link #commit}, an atomic compare-and-append at the revision the operation was transformed to:
 * the store, not any server, decides which operation comes next. The log may be bounded; it always
 * holds every entry after the snapshot, so {@link #load} rebuilds the document.
 *
 * @param <S> the content type
 * @param <O> the operation type
 */
public interface DocumentStore<S, O> {

  /** Returns the stored document, or empty if none was stored under {@code documentId}. */
  Optional<StoredDocument<S, O>> load(String documentId);

  /**
   * Appends an applied operation to the log; its revision follows the last stored one.
   *
   * @throws IllegalStateException if it does not
   */
  void append(String documentId, HistoryEntry<O> entry);

  /**
   * Replaces the snapshot, unless the stored one is as new or newer (servers sharing the store may
   * race), and may drop log entries older than it; an implementation that keeps a bounded tail of
   * older entries still answers {@link #entriesSince} and deduplicates from them.
   *
   * @throws IllegalStateException if the snapshot's revision is beyond the end of the log
   */
  void compact(String documentId, DocumentSnapshot<S> snapshot);

  /**
   * Appends {@code entry} if and only if, atomically: its client ({@link HistoryEntry#clientId})
   * has no entry with this seq or a later one (else {@link CommitResult.Duplicate}); the operation
   * was made on {@code baseRevision} no older than the oldest logged entry, from which the store
   * deduplicates (else {@link CommitResult.Stale}); and the log ends exactly at the entry's
   * revision, the one the operation was transformed to (else {@link CommitResult.Conflict}).
   *
   * @param baseRevision the revision the client made the operation on, at most the entry's revision
   * @throws IllegalArgumentException if {@code baseRevision} is negative or after the entry's revision
   */
  CommitResult commit(String documentId, HistoryEntry<O> entry, int baseRevision);

  /**
   * Returns the logged entries from {@code revision} on, oldest first (empty if the log ends
   * there), or empty if the log no longer reaches back to {@code revision} or ends before it.
   */
  Optional<List<HistoryEntry<O>>> entriesSince(String documentId, int revision);
}
