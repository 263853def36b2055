package dev.realtime.ot.store;

import dev.realtime.ot.DocumentSnapshot;
import dev.realtime.ot.HistoryEntry;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link DocumentStore} keeps of a document: a snapshot and the operations applied after it.
 *
 * @param <S> the content type
 * @param <O> the operation type
 * @param snapshot the content at the oldest revision kept
 * @param log the operations applied since, oldest first
 */
public record StoredDocument<S, O>(DocumentSnapshot<S> snapshot, List<HistoryEntry<O>> log) {

  /** Creates the record with an immutable copy of the log. */
  public StoredDocument {
    Objects.requireNonNull(snapshot, "snapshot");
    log = List.copyOf(Objects.requireNonNull(log, "log"));
  }
}
