package dev.realtime.examples.editor;

import dev.realtime.ot.DocumentSnapshot;
import dev.realtime.ot.HistoryEntry;
import dev.realtime.ot.store.CommitResult;
import dev.realtime.ot.store.DocumentStore;
import dev.realtime.ot.store.StoredDocument;
import dev.realtime.ot.text.TextOperation;
import java.util.List;
import java.util.Optional;

/** A store that passes every call to another; tests override a method to make it fail or race. */
class DelegatingDocumentStore implements DocumentStore<String, TextOperation> {
  final DocumentStore<String, TextOperation> delegate;

  DelegatingDocumentStore(DocumentStore<String, TextOperation> delegate) {
    this.delegate = delegate;
  }

  @Override
  public Optional<StoredDocument<String, TextOperation>> load(String id) {
    return delegate.load(id);
  }

  @Override
  public void append(String id, HistoryEntry<TextOperation> entry) {
    delegate.append(id, entry);
  }

  @Override
  public void compact(String id, DocumentSnapshot<String> snapshot) {
    delegate.compact(id, snapshot);
  }

  @Override
  public CommitResult commit(String id, HistoryEntry<TextOperation> entry, int baseRevision) {
    return delegate.commit(id, entry, baseRevision);
  }

  @Override
  public Optional<List<HistoryEntry<TextOperation>>> entriesSince(String id, int revision) {
    return delegate.entriesSince(id, revision);
  }
}
