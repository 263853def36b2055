package dev.realtime.ot.document;

import dev.realtime.ot.DocumentSnapshot;
import dev.realtime.ot.HistoryEntry;
import dev.realtime.ot.InvalidOperationException;
import dev.realtime.ot.OperationTransformer;
import dev.realtime.ot.Side;
import dev.realtime.ot.WorkingCopy;
import dev.realtime.ot.store.DocumentStore;
import dev.realtime.ot.store.StoredDocument;
import dev.realtime.ot.text.PlainText;
import dev.realtime.ot.text.TextOperation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The authoritative state of one document: its content, its revision (the number of operations
 * applied, from 0 as ot.js counts) and a bounded history of applied operations, for any operation
 * type its {@link OperationTransformer} defines ({@link #text} for plain text).
 *
 * <p>An operation made at an older revision is transformed past every operation applied since,
 * on the {@link Side#LEFT left} side (where both insert at one place, the incoming insert goes
 * first, as ot.js orders it), so a {@link ClientDocument} transforming the other way converges.
 *
 * <p>Thread-safe: every method locks this document only, so documents proceed independently.
 * Operations older than the newest {@code maxHistory} are folded into a base snapshot; a client
 * behind that snapshot gets {@link ResyncRequired}.
 *
 * @param <S> the content type
 * @param <O> the operation type
 */
public final class ServerDocument<S, O> {

  /** The history bound used when none is given. */
  public static final int DEFAULT_MAX_HISTORY = 10_000;

  /** The last operation applied for a client, to acknowledge resubmissions without reapplying. */
  private record LastApplied(long seq, int revision) {}

  private final OperationTransformer<S, O> transformer;
  private final WorkingCopy<S, O> content;
  private final WorkingCopy<S, O> baseContent;
  private final List<HistoryEntry<O>> history = new ArrayList<>();
  private final Map<String, LastApplied> lastApplied = new HashMap<>();
  private final int maxHistory;
  private final DocumentStore<S, O> store;
  private final String documentId;
  private int historyStart;
  private int baseRevision;
  private int revision;
  private int foldedSinceCompaction;

  private ServerDocument(OperationTransformer<S, O> transformer, DocumentSnapshot<S> snapshot, int maxHistory,
      DocumentStore<S, O> store, String documentId) {
    if (maxHistory < 1) {
      throw new IllegalArgumentException("maxHistory must be positive, was " + maxHistory);
    }
    this.transformer = transformer;
    this.content = transformer.workingCopy(snapshot.content());
    this.baseContent = transformer.workingCopy(snapshot.content());
    this.baseRevision = snapshot.revision();
    this.revision = snapshot.revision();
    this.maxHistory = maxHistory;
    this.store = store;
    this.documentId = documentId;
  }

  /** Creates a plain-text document holding {@code text} at revision 0, keeping the default history bound and no store. */
  public static ServerDocument<String, TextOperation> text(String text) {
    return text(new DocumentSnapshot<>(0, text), DEFAULT_MAX_HISTORY);
  }

  /** Creates a plain-text document from {@code snapshot} that keeps at most {@code maxHistory} operations, with no store. */
  public static ServerDocument<String, TextOperation> text(DocumentSnapshot<String> snapshot, int maxHistory) {
    return of(PlainText.INSTANCE, snapshot, maxHistory);
  }

  /** Creates a document of {@code transformer}'s type from {@code snapshot}, keeping at most {@code maxHistory} operations, with no store. */
  public static <S, O> ServerDocument<S, O> of(OperationTransformer<S, O> transformer, DocumentSnapshot<S> snapshot,
      int maxHistory) {
    Objects.requireNonNull(transformer, "transformer");
    Objects.requireNonNull(snapshot, "snapshot");
    return new ServerDocument<>(transformer, snapshot, maxHistory, null, null);
  }

  /**
   * Loads document {@code documentId} from {@code store} (the transformer's empty content at
   * revision 0 if absent) and writes every applied operation back to it.
   *
   * @throws InvalidOperationException if a stored operation does not fit the stored content
   */
  public static <S, O> ServerDocument<S, O> load(OperationTransformer<S, O> transformer, DocumentStore<S, O> store,
      String documentId, int maxHistory) {
    Objects.requireNonNull(transformer, "transformer");
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(documentId, "documentId");
    StoredDocument<S, O> stored = store.load(documentId)
        .orElse(new StoredDocument<>(new DocumentSnapshot<>(0, transformer.empty()), List.of()));
    ServerDocument<S, O> document = new ServerDocument<>(transformer, stored.snapshot(), maxHistory, store, documentId);
    synchronized (document) {
      for (HistoryEntry<O> entry : stored.log()) {
        if (entry.revision() != document.revision) {
          throw new IllegalStateException("stored log of " + documentId + " has revision "
              + entry.revision() + " where " + document.revision + " was expected");
        }
        document.content.apply(entry.operation());
        document.record(entry, false);
      }
    }
    return document;
  }

  /**
   * Receives {@code operation}, which client {@code clientId} made at {@code revision} and numbered
   * {@code seq}: transforms it past every operation applied since, applies and records it.
   *
   * <p>{@code clientId} names one {@link ClientDocument} session (its seqs start at 1), not a user:
   * a page reloaded under the same id would have its new seqs taken for resubmissions.
   *
   * @throws InvalidOperationException if the revision is in the future, the operation does not fit
   *     the content, or {@code seq} is older than the client's last applied one; nothing changes then
   */
  public synchronized ReceiveResult<S, O> receive(String clientId, long seq, int revision, O operation) {
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(operation, "operation");
    LastApplied last = lastApplied.get(clientId);
    if (last != null && seq <= last.seq()) {
      // A resubmission after a reconnect: acknowledge it again rather than apply it twice.
      return new ReceiveResult.AlreadyApplied<>(revisionOf(clientId, seq, last));
    }
    checkRevision(revision);
    if (revision < baseRevision) {
      return new ResyncRequired<>(snapshot());
    }
    O transformed = operation;
    for (int i = historyStart + revision - baseRevision; i < history.size(); i++) {
      transformed = transformer.transform(transformed, history.get(i).operation(), Side.LEFT);
    }
    content.apply(transformed);
    record(new HistoryEntry<>(clientId, seq, this.revision, transformed), true);
    return new ReceiveResult.Applied<>(transformed, this.revision);
  }

  /**
   * Applies an operation that was ordered elsewhere, at exactly the current revision: committed to
   * a store several servers share ({@link DocumentStore#commit}), so this document mirrors that log.
   * Nothing is transformed or deduplicated. Only for a document without a store of its own
   * ({@link #of}): the shared store already holds the entry.
   *
   * @throws IllegalStateException if the document writes to a store, or the entry's revision is not
   *     the current revision
   * @throws InvalidOperationException if the operation does not fit the content; nothing changes then
   */
  public synchronized void applyCommitted(HistoryEntry<O> entry) {
    Objects.requireNonNull(entry, "entry");
    if (store != null) {
      throw new IllegalStateException("a document that writes to its own store orders its operations itself");
    }
    if (entry.revision() != revision) {
      throw new IllegalStateException("entry at revision " + entry.revision() + " does not follow revision " + revision);
    }
    content.apply(entry.operation());
    record(entry, false);
  }

  private void checkRevision(int revision) {
    if (revision < 0 || revision > this.revision) {
      throw new InvalidOperationException("revision " + revision + " is not between 0 and the current revision "
          + this.revision);
    }
  }

  private int revisionOf(String clientId, long seq, LastApplied last) {
    if (seq == last.seq()) {
      return last.revision();
    }
    for (int i = history.size() - 1; i >= historyStart; i--) {
      HistoryEntry<O> entry = history.get(i);
      if (entry.seq() == seq && entry.clientId().equals(clientId)) {
        return entry.revision() + 1;
      }
    }
    throw new InvalidOperationException("seq " + seq + " of client " + clientId
        + " is older than its last applied seq " + last.seq() + " and no longer in the history");
  }

  private void record(HistoryEntry<O> entry, boolean persist) {
    history.add(entry);
    revision++;
    lastApplied.put(entry.clientId(), new LastApplied(entry.seq(), revision));
    if (persist && store != null) {
      store.append(documentId, entry);
    }
    while (history.size() - historyStart > maxHistory) {
      baseContent.apply(history.get(historyStart).operation());
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
      store.compact(documentId, new DocumentSnapshot<>(baseRevision, baseContent.content()));
      foldedSinceCompaction = 0;
    }
  }

  /** Returns what a client at {@code revision} missed, or {@link ResyncRequired} if it is too far behind. */
  public synchronized CatchUp<S, O> historySince(int revision) {
    checkRevision(revision);
    if (revision < baseRevision) {
      return new ResyncRequired<>(snapshot());
    }
    return new CatchUp.Missed<>(history.subList(historyStart + revision - baseRevision, history.size()));
  }

  /** Returns the operation type this document is written in. */
  public OperationTransformer<S, O> transformer() {
    return transformer;
  }

  /** Returns the current revision: the number of operations applied since the document was empty. */
  public synchronized int revision() {
    return revision;
  }

  /** Returns the current content. */
  public synchronized S content() {
    return content.content();
  }

  /** Returns the current content's size in the operation type's unit (UTF-16 code units for text). */
  public synchronized int size() {
    return content.size();
  }

  /** Returns the current content and revision. */
  public synchronized DocumentSnapshot<S> snapshot() {
    return new DocumentSnapshot<>(revision, content.content());
  }

  /** Returns the state the retained history starts from: replaying {@link #history()} on it gives {@link #content()}. */
  public synchronized DocumentSnapshot<S> baseSnapshot() {
    return new DocumentSnapshot<>(baseRevision, baseContent.content());
  }

  /** Returns the retained operations, oldest first. */
  public synchronized List<HistoryEntry<O>> history() {
    return List.copyOf(history.subList(historyStart, history.size()));
  }

  /** Returns the seq of the last operation applied for {@code clientId}, if any. */
  public synchronized Optional<Long> lastSeq(String clientId) {
    return Optional.ofNullable(lastApplied.get(Objects.requireNonNull(clientId, "clientId"))).map(LastApplied::seq);
  }
}
