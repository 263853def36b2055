package dev.realtime.ot.store;

import dev.realtime.ot.DocumentSnapshot;
import dev.realtime.ot.HistoryEntry;
import dev.realtime.ot.OperationTransformer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A thread-safe {@link DocumentStore} in memory, for tests and single-process servers.
 *
 * <p>It keeps every entry after the snapshot and, when built with a log limit, up to that many
 * entries in all (older ones before the snapshot are dropped at {@link #compact}); it deduplicates
 * commits for every client that has an entry in the log.
 *
 * @param <S> the content type
 * @param <O> the operation type
 */
public final class InMemoryDocumentStore<S, O> implements DocumentStore<S, O> {

  /** A client's last logged entry: its seq and the revision it produced. */
  private record Last(long seq, int produced) {}

  private final class Entry {
    // A document logged before any compaction starts from the type's empty content.
    DocumentSnapshot<S> snapshot = new DocumentSnapshot<>(0, empty);
    int logStart;
    final List<HistoryEntry<O>> log = new ArrayList<>();
    final Map<String, Last> clients = new HashMap<>();

    int end() {
      return logStart + log.size();
    }

    void add(HistoryEntry<O> historyEntry) {
      log.add(historyEntry);
      clients.put(historyEntry.clientId(), new Last(historyEntry.seq(), historyEntry.revision() + 1));
    }
  }

  private final S empty;
  private final int logLimit;
  private final ConcurrentHashMap<String, Entry> documents = new ConcurrentHashMap<>();

  /** Creates an empty store for documents of {@code transformer}'s type that keeps no entry older than the snapshot. */
  public InMemoryDocumentStore(OperationTransformer<S, O> transformer) {
    this(transformer, 0);
  }

  /**
   * Creates an empty store that keeps up to {@code logLimit} entries per document (more while the
   * snapshot is older than that), so clients that far behind still catch up and deduplicate.
   */
  public InMemoryDocumentStore(OperationTransformer<S, O> transformer, int logLimit) {
    this.empty = Objects.requireNonNull(transformer, "transformer").empty();
    if (logLimit < 0) {
      throw new IllegalArgumentException("logLimit must not be negative, was " + logLimit);
    }
    this.logLimit = logLimit;
  }

  @Override
  public Optional<StoredDocument<S, O>> load(String documentId) {
    Objects.requireNonNull(documentId, "documentId");
    Entry entry = documents.get(documentId);
    if (entry == null) {
      return Optional.empty();
    }
    synchronized (entry) {
      int from = entry.snapshot.revision() - entry.logStart;
      return Optional.of(new StoredDocument<>(entry.snapshot, entry.log.subList(from, entry.log.size())));
    }
  }

  @Override
  public void append(String documentId, HistoryEntry<O> historyEntry) {
    Objects.requireNonNull(historyEntry, "historyEntry");
    Entry entry = entryFor(documentId);
    synchronized (entry) {
      if (historyEntry.revision() != entry.end()) {
        throw new IllegalStateException("log of " + documentId + " expects revision " + entry.end()
            + " but got " + historyEntry.revision());
      }
      entry.add(historyEntry);
    }
  }

  @Override
  public void compact(String documentId, DocumentSnapshot<S> snapshot) {
    Objects.requireNonNull(snapshot, "snapshot");
    Entry entry = entryFor(documentId);
    synchronized (entry) {
      int end = entry.end();
      if (snapshot.revision() > end) {
        throw new IllegalStateException("snapshot revision " + snapshot.revision()
            + " is beyond the log, which ends at " + end);
      }
      if (snapshot.revision() <= entry.snapshot.revision()) {
        return; // another server stored a newer one meanwhile
      }
      entry.snapshot = snapshot;
      int start = end - Math.max(logLimit, end - snapshot.revision());
      if (start > entry.logStart) {
        entry.log.subList(0, start - entry.logStart).clear();
        entry.logStart = start;
        // A client whose last entry was dropped is deduplicated no more: its older operations are Stale.
        entry.clients.values().removeIf(last -> last.produced() <= start);
      }
    }
  }

  @Override
  public CommitResult commit(String documentId, HistoryEntry<O> historyEntry, int baseRevision) {
    Objects.requireNonNull(historyEntry, "historyEntry");
    if (baseRevision < 0 || baseRevision > historyEntry.revision()) {
      throw new IllegalArgumentException("baseRevision " + baseRevision + " must be between 0 and the entry's revision "
          + historyEntry.revision());
    }
    Entry entry = entryFor(documentId);
    synchronized (entry) {
      Last last = entry.clients.get(historyEntry.clientId());
      if (last != null && historyEntry.seq() <= last.seq()) {
        return new CommitResult.Duplicate(
            historyEntry.seq() == last.seq() ? OptionalInt.of(last.produced()) : OptionalInt.empty());
      }
      if (baseRevision < entry.logStart) {
        return new CommitResult.Stale(entry.end());
      }
      if (historyEntry.revision() != entry.end()) {
        return new CommitResult.Conflict(entry.end());
      }
      entry.add(historyEntry);
      return new CommitResult.Committed(entry.end());
    }
  }

  @Override
  public Optional<List<HistoryEntry<O>>> entriesSince(String documentId, int revision) {
    Objects.requireNonNull(documentId, "documentId");
    Entry entry = documents.get(documentId);
    if (entry == null) {
      return revision == 0 ? Optional.of(List.of()) : Optional.empty();
    }
    synchronized (entry) {
      if (revision < entry.logStart || revision > entry.end()) {
        return Optional.empty();
      }
      return Optional.of(List.copyOf(entry.log.subList(revision - entry.logStart, entry.log.size())));
    }
  }

  private Entry entryFor(String documentId) {
    return documents.computeIfAbsent(Objects.requireNonNull(documentId, "documentId"), id -> new Entry());
  }
}
