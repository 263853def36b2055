package dev.realtime.ot;

import java.util.List;
import java.util.Objects;

/** What a {@link DocumentStore} keeps of a document: a snapshot and the operations applied after it. */
public record StoredDocument(DocumentSnapshot snapshot, List<HistoryEntry> log) {

  /** Creates the record with an immutable copy of the log. */
  public StoredDocument {
    Objects.requireNonNull(snapshot, "snapshot");
    log = List.copyOf(Objects.requireNonNull(log, "log"));
  }
}
