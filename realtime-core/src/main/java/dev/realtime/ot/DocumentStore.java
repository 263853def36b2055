package dev.realtime.ot;

import java.util.Optional;

/** Keeps documents as a snapshot plus an operation log, keyed by document id; implementations are thread-safe. */
public interface DocumentStore {

  /** Returns the stored document, or empty if none was stored under {@code documentId}. */
  Optional<StoredDocument> load(String documentId);

  /** Appends an applied operation to the log; its revision follows the last stored one. */
  void append(String documentId, HistoryEntry entry);

  /** Replaces the snapshot and drops log entries older than it. */
  void compact(String documentId, DocumentSnapshot snapshot);
}
