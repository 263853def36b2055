package dev.realtime.examples.editor;

import dev.realtime.ot.DocumentSnapshot;
import dev.realtime.ot.HistoryEntry;
import dev.realtime.ot.Side;
import dev.realtime.ot.document.CatchUp;
import dev.realtime.ot.document.ServerDocument;
import dev.realtime.ot.store.CommitResult;
import dev.realtime.ot.store.DocumentStore;
import dev.realtime.ot.store.StoredDocument;
import dev.realtime.ot.text.Component;
import dev.realtime.ot.text.PlainText;
import dev.realtime.ot.text.TextOperation;
import dev.realtime.protocol.ProtocolException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.IntFunction;

/**
 * This node's copy of one document, mirroring the operation log in the shared store, and the
 * commit protocol that extends that log (ShareDB's): an operation made on revision v is transformed
 * to this copy's revision R and committed only if the log still ends at R (the store's atomic
 * compare-and-append); if another node got there first, the copy loads what it missed, transforms
 * the operation past it and tries again, a bounded number of times. The store decides the order;
 * the broker only spreads committed operations, and a copy applies them by revision, whatever
 * order they arrive in, filling any gap from the store.
 *
 * <p>Not thread-safe: only the document's strand calls it.
 */
final class SharedDocument {

  /** Told of every entry this copy applies, in revision order. */
  interface Listener {
    /** {@code entry} was applied; {@code fromStore} when it was read from the store rather than heard. */
    void applied(HistoryEntry<TextOperation> entry, String author, String userId, boolean fromStore);
  }

  /** What a submission came to. */
  sealed interface Outcome {}

  /** Committed as {@code entry} (its revision plus one is the revision it produced). */
  record Committed(HistoryEntry<TextOperation> entry) implements Outcome {}

  /** Already committed before (a resubmission), producing {@code revision}; this copy has caught up to it. */
  record AlreadyCommitted(int revision) implements Outcome {}

  /** Made on a revision too old to transform or deduplicate: the author must start over. */
  record ResyncRequired() implements Outcome {}

  private static final int MAX_REMEMBERED_AUTHORS = 1000;

  private final String id;
  private final DocumentStore<String, TextOperation> store;
  private final int maxHistory;
  private final int maxLength;
  private final int attempts;
  private final Listener listener;
  private final TreeMap<Integer, DocumentEvent.Committed> ahead = new TreeMap<>();
  /** Who wrote with each recent session, to name authors of entries read from the store; bounded. */
  private final Map<String, String[]> authors = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, String[]> eldest) {
      return size() > MAX_REMEMBERED_AUTHORS;
    }
  };
  private ServerDocument<String, TextOperation> replica;

  SharedDocument(String id, DocumentStore<String, TextOperation> store, int maxHistory, int maxLength, int attempts,
      Listener listener) {
    this.id = id;
    this.store = store;
    this.maxHistory = maxHistory;
    this.maxLength = maxLength;
    this.attempts = attempts;
    this.listener = listener;
  }

  /** Loads the snapshot and the log after it; the listener hears nothing of these. */
  void load() {
    StoredDocument<String, TextOperation> stored = store.load(id)
        .orElse(new StoredDocument<>(new DocumentSnapshot<>(0, ""), List.of()));
    ServerDocument<String, TextOperation> loaded = ServerDocument.of(PlainText.INSTANCE, stored.snapshot(), maxHistory);
    for (HistoryEntry<TextOperation> entry : stored.log()) {
      loaded.applyCommitted(entry);
    }
    replica = loaded;
    ahead.clear();
  }

  /** Drops the copy (the document leaves this node's memory); {@link #load} starts it again. */
  void unload() {
    replica = null;
    ahead.clear();
  }

  /** The copy, or null when not loaded. */
  ServerDocument<String, TextOperation> replica() {
    return replica;
  }

  int revision() {
    return replica.revision();
  }

  /** Remembers who writes with {@code session}. */
  void author(String session, String username, String userId) {
    authors.put(session, new String[] {username, userId});
  }

  /**
   * A committed entry heard on the broker: applied if it is the next one, ignored if already
   * applied, held if it comes early. Returns whether entries are missing before those held.
   */
  boolean heard(DocumentEvent.Committed committed) {
    int revision = committed.entry().revision();
    if (!committed.author().isEmpty()) {
      author(committed.entry().clientId(), committed.author(), committed.userId());
    }
    if (revision < revision()) {
      return false;
    }
    if (revision > revision()) {
      ahead.put(revision, committed);
      return true;
    }
    apply(committed.entry(), false);
    drainAhead();
    return !ahead.isEmpty();
  }

  /**
   * Reads from the store every entry after this copy's revision and applies it; returns those
   * applied, oldest first, or empty if the log no longer reaches back that far (then reload).
   */
  Optional<List<HistoryEntry<TextOperation>>> catchUp() {
    Optional<List<HistoryEntry<TextOperation>>> missed = store.entriesSince(id, revision());
    if (missed.isEmpty()) {
      return Optional.empty();
    }
    List<HistoryEntry<TextOperation>> applied = new ArrayList<>();
    for (HistoryEntry<TextOperation> entry : missed.get()) {
      if (entry.revision() == revision()) {
        DocumentEvent.Committed heard = ahead.remove(entry.revision());
        apply(entry, heard == null);
        applied.add(entry);
      }
    }
    applied.addAll(drainAhead());
    return Optional.of(applied);
  }

  /** Whether entries heard early are still waiting for earlier ones. */
  boolean hasGap() {
    return !ahead.isEmpty();
  }

  /**
   * What a client at {@code revision} missed, oldest first: from this copy's history, or from the
   * store's longer log; empty if neither reaches back that far.
   */
  Optional<List<HistoryEntry<TextOperation>>> since(int revision) {
    if (revision >= replica.baseSnapshot().revision()
        && replica.historySince(revision) instanceof CatchUp.Missed<String, TextOperation> missed) {
      return Optional.of(missed.entries());
    }
    Optional<List<HistoryEntry<TextOperation>>> stored = store.entriesSince(id, revision);
    if (stored.isEmpty()) {
      return Optional.empty();
    }
    List<HistoryEntry<TextOperation>> upToHere = new ArrayList<>();
    for (HistoryEntry<TextOperation> entry : stored.get()) {
      if (entry.revision() < revision()) {
        upToHere.add(entry);
      }
    }
    return Optional.of(upToHere);
  }

  /** The name and public id of the author of {@code entry}, if this node knows them. */
  String[] authorOf(HistoryEntry<TextOperation> entry) {
    return authors.getOrDefault(entry.clientId(), new String[] {"", ""});
  }

  /**
   * Submits an operation that session {@code session} made on {@code version} and numbered
   * {@code seq}; {@code operationAt} builds it given the text length at that revision.
   *
   * @throws ProtocolException {@code invalid_operation}, {@code document_too_large}, or {@code
   *     commit_conflict} when the commit lost the race every time
   * @throws RuntimeException when the store fails (the caller answers {@code unavailable})
   */
  Outcome submit(String session, long seq, int version, IntFunction<TextOperation> operationAt) {
    if (version > revision()) {
      // The client is ahead of this copy (it was on a node that was further along): catch up first.
      catchUpOrReload();
    }
    if (version < 0 || version > revision()) {
      throw new ProtocolException("invalid_operation",
          "version " + version + " is not between 0 and the current version " + revision());
    }
    Optional<List<HistoryEntry<TextOperation>>> missed = since(version);
    TextOperation operation;
    if (missed.isPresent()) {
      int lengthThen = missed.get().isEmpty() ? replica.size() : missed.get().get(0).operation().baseLength();
      operation = EditorService.decode(() -> operationAt.apply(lengthThen));
      checkSize(operation);
      for (HistoryEntry<TextOperation> entry : missed.get()) {
        operation = transform(operation, entry.operation());
      }
    } else {
      // Too far behind to transform; the commit still says whether it is a resubmission (never commits it).
      operation = TextOperation.identity(replica.size());
    }
    CommitResult result = null;
    for (int attempt = 0; attempt < attempts; attempt++) {
      HistoryEntry<TextOperation> entry = new HistoryEntry<>(session, seq, revision(), operation);
      result = store.commit(id, entry, version);
      if (result instanceof CommitResult.Committed) {
        apply(entry, false);
        return new Committed(entry);
      }
      if (result instanceof CommitResult.Duplicate duplicate) {
        if (duplicate.revision().isEmpty()) {
          throw new ProtocolException("invalid_operation", "seq " + seq
              + " is older than this session's last applied operation and no longer in the history");
        }
        int produced = duplicate.revision().getAsInt();
        if (produced > revision()) {
          catchUpOrReload();
        }
        return new AlreadyCommitted(produced);
      }
      if (result instanceof CommitResult.Stale || missed.isEmpty()) {
        return new ResyncRequired();
      }
      // Another node committed first: take what it committed, move the operation past it, retry.
      Optional<List<HistoryEntry<TextOperation>>> newer = catchUp();
      if (newer.isEmpty()) {
        reload();
        return new ResyncRequired();
      }
      for (HistoryEntry<TextOperation> committed : newer.get()) {
        operation = transform(operation, committed.operation());
      }
    }
    throw new ProtocolException("commit_conflict", "the document changed under this operation " + attempts
        + " times in a row (this copy is at " + revision() + ", " + result + "); resubmit it");
  }

  /** Catches up from the store, reloading when the log no longer reaches back; returns whether it reloaded. */
  boolean catchUpOrReload() {
    if (catchUp().isPresent()) {
      return false;
    }
    reload();
    return true;
  }

  /** Starts again from the store's snapshot (this copy fell further behind than the log reaches). */
  void reload() {
    load();
  }

  private void apply(HistoryEntry<TextOperation> entry, boolean fromStore) {
    replica.applyCommitted(entry);
    String[] author = authorOf(entry);
    listener.applied(entry, author[0], author[1], fromStore);
  }

  private List<HistoryEntry<TextOperation>> drainAhead() {
    ahead.headMap(revision()).clear();
    List<HistoryEntry<TextOperation>> applied = new ArrayList<>();
    DocumentEvent.Committed next;
    while ((next = ahead.remove(revision())) != null) {
      apply(next.entry(), false);
      applied.add(next.entry());
    }
    return applied;
  }

  private TextOperation transform(TextOperation operation, TextOperation against) {
    return EditorService.decode(() -> operation.transform(against, Side.LEFT));
  }

  private void checkSize(TextOperation operation) {
    long inserted = 0;
    for (Component component : operation.components()) {
      if (component instanceof Component.Insert insert) {
        inserted += insert.length();
      }
    }
    // A transformed operation inserts exactly what the original did and deletes no more, so this bounds the result.
    if (replica.size() + inserted > maxLength) {
      throw new ProtocolException("document_too_large", "the document may hold at most " + maxLength + " characters");
    }
  }
}
