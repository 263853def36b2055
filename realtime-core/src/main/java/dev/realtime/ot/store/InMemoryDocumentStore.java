package dev.realtime.ot.store;

import dev.realtime.ot.DocumentSnapshot;
import dev.realtime.ot.HistoryEntry;
import dev.realtime.ot.OperationTransformer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A thread-safe {@link DocumentStore} in memory, for tests and single-process servers.
 *
 * @param <S> the content type
 * @param <O> the operation type
 */
public final class InMemoryDocumentStore<S, O> implements DocumentStore<S, O> {

  private final class Entry {
    // A document logged before any compaction starts from the type's empty content.
    DocumentSnapshot<S> snapshot = new DocumentSnapshot<>(0, empty);
    final List<HistoryEntry<O>> log = new ArrayList<>();
  }

  private final S empty;
  private final ConcurrentHashMap<String, Entry> documents = new ConcurrentHashMap<>();

  /** Creates an empty store for documents of {@code transformer}'s type. */
  public InMemoryDocumentStore(OperationTransformer<S, O> transformer) {
    this.empty = Objects.requireNonNull(transformer, "transformer").empty();
  }

  @Override
  public Optional<StoredDocument<S, O>> load(String documentId) {
    Objects.requireNonNull(documentId, "documentId");
    Entry entry = documents.get(documentId);
    if (entry == null) {
      return Optional.empty();
    }
    synchronized (entry) {
      return Optional.of(new StoredDocument<>(entry.snapshot, entry.log));
    }
  }

  @Override
  public void append(String documentId, HistoryEntry<O> historyEntry) {
    Objects.requireNonNull(historyEntry, "historyEntry");
    Entry entry = entryFor(documentId);
    synchronized (entry) {
      int expected = entry.snapshot.revision() + entry.log.size();
      if (historyEntry.revision() != expected) {
        throw new IllegalStateException("log of " + documentId + " expects revision " + expected
            + " but got " + historyEntry.revision());
      }
      entry.log.add(historyEntry);
    }
  }

  @Override
  public void compact(String documentId, DocumentSnapshot<S> snapshot) {
    Objects.requireNonNull(snapshot, "snapshot");
    Entry entry = entryFor(documentId);
    synchronized (entry) {
      int end = entry.snapshot.revision() + entry.log.size();
      if (snapshot.revision() < entry.snapshot.revision() || snapshot.revision() > end) {
        throw new IllegalStateException("snapshot revision " + snapshot.revision()
            + " is outside the stored range " + entry.snapshot.revision() + ".." + end);
      }
      entry.log.subList(0, snapshot.revision() - entry.snapshot.revision()).clear();
      entry.snapshot = snapshot;
    }
  }

  private Entry entryFor(String documentId) {
    return documents.computeIfAbsent(Objects.requireNonNull(documentId, "documentId"), id -> new Entry());
  }
}
