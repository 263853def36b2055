package dev.realtime.ot;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The authoritative state of one document: its text, its revision (the number of operations
 * applied, from 0 as ot.js counts) and a bounded history of applied operations.
 *
 * <p>Thread-safe: every method locks this document only, so documents proceed independently.
 * Operations older than the newest {@code maxHistory} are folded into a base snapshot; a client
 * behind that snapshot gets {@link ResyncRequired}.
 */
public final class ServerDocument {

  /** The history bound used when none is given. */
  public static final int DEFAULT_MAX_HISTORY = 10_000;

  /** The last operation applied for a client, to acknowledge resubmissions without reapplying. */
  private record LastApplied(long seq, int revision) {}

  private final Rope text;
  private final Rope baseText;
  private final List<HistoryEntry> history = new ArrayList<>();
  private final Map<String, LastApplied> lastApplied = new HashMap<>();
  private final int maxHistory;
  private final DocumentStore store;
  private final String documentId;
  private int historyStart;
  private int baseRevision;
  private int revision;
  private int foldedSinceCompaction;

  private ServerDocument(DocumentSnapshot snapshot, int maxHistory, DocumentStore store, String documentId) {
    if (maxHistory < 1) {
      throw new IllegalArgumentException("maxHistory must be positive, was " + maxHistory);
    }
    this.text = new Rope(snapshot.text());
    this.baseText = new Rope(snapshot.text());
    this.baseRevision = snapshot.revision();
    this.revision = snapshot.revision();
    this.maxHistory = maxHistory;
    this.store = store;
    this.documentId = documentId;
  }

  /** Creates a document holding {@code text} at revision 0, keeping the default history bound and no store. */
  public static ServerDocument of(String text) {
    return of(new DocumentSnapshot(0, text), DEFAULT_MAX_HISTORY);
  }

  /** Creates a document from {@code snapshot} that keeps at most {@code maxHistory} operations, with no store. */
  public static ServerDocument of(DocumentSnapshot snapshot, int maxHistory) {
    Objects.requireNonNull(snapshot, "snapshot");
    return new ServerDocument(snapshot, maxHistory, null, null);
  }

  /**
   * Loads document {@code documentId} from {@code store} (empty at revision 0 if absent) and writes
   * every applied operation back to it.
   */
  public static ServerDocument load(DocumentStore store, String documentId, int maxHistory) {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(documentId, "documentId");
    StoredDocument stored = store.load(documentId)
        .orElse(new StoredDocument(new DocumentSnapshot(0, ""), List.of()));
    ServerDocument document = new ServerDocument(stored.snapshot(), maxHistory, store, documentId);
    synchronized (document) {
      for (HistoryEntry entry : stored.log()) {
        if (entry.revision() != document.revision) {
          throw new IllegalStateException("stored log of " + documentId + " has revision "
              + entry.revision() + " where " + document.revision + " was expected");
        }
        entry.operation().applyTo(document.text);
        document.record(entry, false);
      }
    }
    return document;
  }

  /**
   * Receives {@code operation}, which client {@code clientId} made at {@code revision} and numbered
   * {@code seq}: transforms it against every operation applied since, applies and records it.
   *
   * <p>{@code clientId} names one {@link ClientDocument} session (its seqs start at 1), not a user:
   * a page reloaded under the same id would have its new seqs taken for resubmissions.
   *
   * @throws InvalidOperationException if the revision is in the future, the operation does not fit
   *     the text, or {@code seq} is older than the client's last applied one; the text is unchanged
   */
  public synchronized ReceiveResult receive(String clientId, long seq, int revision, TextOperation operation) {
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(operation, "operation");
    LastApplied last = lastApplied.get(clientId);
    if (last != null && seq <= last.seq()) {
      // A resubmission after a reconnect: acknowledge it again rather than apply it twice.
      return new ReceiveResult.AlreadyApplied(revisionOf(clientId, seq, last));
    }
    if (revision < 0 || revision > this.revision) {
      throw new InvalidOperationException("revision " + revision + " is not between 0 and the current revision "
          + this.revision);
    }
    if (revision < baseRevision) {
      return new ResyncRequired(snapshot());
    }
    TextOperation transformed = operation;
    for (int i = historyStart + revision - baseRevision; i < history.size(); i++) {
      transformed = Transformation.transformFirst(transformed, history.get(i).operation());
    }
    transformed.applyTo(text);
    record(new HistoryEntry(clientId, seq, this.revision, transformed), true);
    return new ReceiveResult.Applied(transformed, this.revision);
  }

  private int revisionOf(String clientId, long seq, LastApplied last) {
    if (seq == last.seq()) {
      return last.revision();
    }
    for (int i = history.size() - 1; i >= historyStart; i--) {
      HistoryEntry entry = history.get(i);
      if (entry.seq() == seq && entry.clientId().equals(clientId)) {
        return entry.revision() + 1;
      }
    }
    throw new InvalidOperationException("seq " + seq + " of client " + clientId
        + " is older than its last applied seq " + last.seq() + " and no longer in the history");
  }

  private void record(HistoryEntry entry, boolean persist) {
    history.add(entry);
    revision++;
    lastApplied.put(entry.clientId(), new LastApplied(entry.seq(), revision));
    if (persist && store != null) {
      store.append(documentId, entry);
    }
    while (history.size() - historyStart > maxHistory) {
      history.get(historyStart).operation().applyTo(baseText);
      history.set(historyStart++, null);
      baseRevision++;
      foldedSinceCompaction++;
    }
    // Dropping the folded prefix in batches keeps removal amortised O(1) per operation.
    if (historyStart > 1024 && historyStart > history.size() / 2) {
      history.subList(0, historyStart).clear();
      historyStart = 0;
    }
    if (store != null && foldedSinceCompaction >= maxHistory) {
      store.compact(documentId, new DocumentSnapshot(baseRevision, baseText.toString()));
      foldedSinceCompaction = 0;
    }
  }

  /** Returns what a client at {@code revision} missed, or {@link ResyncRequired} if it is too far behind. */
  public synchronized CatchUp historySince(int revision) {
    if (revision < 0 || revision > this.revision) {
      throw new InvalidOperationException("revision " + revision + " is not between 0 and the current revision "
          + this.revision);
    }
    if (revision < baseRevision) {
      return new ResyncRequired(snapshot());
    }
    return new CatchUp.Missed(history.subList(historyStart + revision - baseRevision, history.size()));
  }

  /** Returns the current revision: the number of operations applied since the document was empty. */
  public synchronized int revision() {
    return revision;
  }

  /** Returns the current text. */
  public synchronized String text() {
    return text.toString();
  }

  /** Returns the current length in UTF-16 code units. */
  public synchronized int length() {
    return text.length();
  }

  /** Returns the current text and revision. */
  public synchronized DocumentSnapshot snapshot() {
    return new DocumentSnapshot(revision, text.toString());
  }

  /** Returns the state the retained history starts from: replaying {@link #history()} on it gives {@link #text()}. */
  public synchronized DocumentSnapshot baseSnapshot() {
    return new DocumentSnapshot(baseRevision, baseText.toString());
  }

  /** Returns the retained operations, oldest first. */
  public synchronized List<HistoryEntry> history() {
    return List.copyOf(history.subList(historyStart, history.size()));
  }

  /** Returns the seq of the last operation applied for {@code clientId}, if any. */
  public synchronized Optional<Long> lastSeq(String clientId) {
    return Optional.ofNullable(lastApplied.get(Objects.requireNonNull(clientId, "clientId"))).map(LastApplied::seq);
  }
}
