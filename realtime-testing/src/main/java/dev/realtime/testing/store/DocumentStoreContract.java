package dev.realtime.testing.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.realtime.ot.DocumentSnapshot;
import dev.realtime.ot.HistoryEntry;
import dev.realtime.ot.store.CommitResult;
import dev.realtime.ot.store.DocumentStore;
import dev.realtime.ot.store.StoredDocument;
import dev.realtime.ot.text.TextOperation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every plain-text {@link DocumentStore} must do: load what was logged, order commits by
 * compare-and-append, deduplicate by client and seq, refuse what it can no longer deduplicate,
 * keep snapshots and a bounded log, and stay consistent under concurrent committers.
 *
 * <p>Extend it and return a fresh, empty store from {@link #newStore}.
 */
public abstract class DocumentStoreContract {

  /** Returns a new, empty store keeping up to {@code logLimit} entries per document (0: none before the snapshot). */
  protected abstract DocumentStore<String, TextOperation> newStore(int logLimit);

  private static final String EMOJI = "\uD83D\uDE00";

  /** An insert of {@code text} at the end of a text of {@code length} units, as client {@code client}'s {@code seq}. */
  private static HistoryEntry<TextOperation> insert(String client, long seq, int revision, int length, String text) {
    return new HistoryEntry<>(client, seq, revision, TextOperation.insert(length, length, text));
  }

  private static String replay(StoredDocument<String, TextOperation> stored) {
    String text = stored.snapshot().content();
    int revision = stored.snapshot().revision();
    for (HistoryEntry<TextOperation> entry : stored.log()) {
      assertEquals(revision++, entry.revision(), "log revisions are consecutive");
      text = entry.operation().apply(text);
    }
    return text;
  }

  @Test
  void anUnknownDocumentIsEmpty() {
    DocumentStore<String, TextOperation> store = newStore(0);
    assertEquals(Optional.empty(), store.load("nothing"));
    assertEquals(Optional.of(List.of()), store.entriesSince("nothing", 0));
    assertEquals(Optional.empty(), store.entriesSince("nothing", 1));
  }

  @Test
  void commitsAppendInOrderAndLoadReplaysThem() {
    DocumentStore<String, TextOperation> store = newStore(0);
    assertEquals(new CommitResult.Committed(1), store.commit("d", insert("a", 1, 0, 0, "x"), 0));
    assertEquals(new CommitResult.Committed(2), store.commit("d", insert("b", 1, 1, 1, EMOJI + "\n\"q\""), 1));
    assertEquals(new CommitResult.Committed(3), store.commit("d", insert("a", 2, 2, 7, "é"), 1));
    StoredDocument<String, TextOperation> stored = store.load("d").orElseThrow();
    assertEquals(new DocumentSnapshot<>(0, ""), stored.snapshot());
    assertEquals(3, stored.log().size());
    assertEquals(insert("b", 1, 1, 1, EMOJI + "\n\"q\""), stored.log().get(1));
    assertEquals("x" + EMOJI + "\n\"q\"é", replay(stored));
  }

  @Test
  void aCommitAtAnOldRevisionConflictsAndAppendsNothing() {
    DocumentStore<String, TextOperation> store = newStore(0);
    store.commit("d", insert("a", 1, 0, 0, "x"), 0);
    store.commit("d", insert("a", 2, 1, 1, "y"), 1);
    assertEquals(new CommitResult.Conflict(2), store.commit("d", insert("b", 1, 1, 1, "z"), 0));
    assertEquals(new CommitResult.Conflict(2), store.commit("d", insert("b", 1, 3, 3, "z"), 0));
    assertEquals(2, store.load("d").orElseThrow().log().size());
    // The loser loads what it missed, transforms, and commits at the end.
    List<HistoryEntry<TextOperation>> missed = store.entriesSince("d", 1).orElseThrow();
    assertEquals(List.of(insert("a", 2, 1, 1, "y")), missed);
    assertEquals(new CommitResult.Committed(3), store.commit("d", insert("b", 1, 2, 2, "z"), 0));
  }

  @Test
  void aResubmissionIsADuplicateWhereverItLands() {
    DocumentStore<String, TextOperation> store = newStore(0);
    store.commit("d", insert("a", 1, 0, 0, "x"), 0);
    store.commit("d", insert("b", 1, 1, 1, "y"), 1);
    store.commit("d", insert("a", 2, 2, 2, "z"), 2);
    // The same seq again: at the end, at an old revision, from an old base — always the duplicate first.
    assertEquals(new CommitResult.Duplicate(OptionalInt.of(3)), store.commit("d", insert("a", 2, 3, 3, "z"), 2));
    assertEquals(new CommitResult.Duplicate(OptionalInt.of(3)), store.commit("d", insert("a", 2, 1, 1, "z"), 0));
    // An older seq of the same client: a duplicate whose revision is no longer indexed.
    assertEquals(new CommitResult.Duplicate(OptionalInt.empty()), store.commit("d", insert("a", 1, 3, 3, "x"), 3));
    assertEquals(3, store.load("d").orElseThrow().log().size());
    // Seqs belong to a client within one document.
    assertEquals(new CommitResult.Committed(1), store.commit("other", insert("a", 1, 0, 0, "x"), 0));
  }

  @Test
  void entriesSinceAnswersFromTheLogOrNotAtAll() {
    DocumentStore<String, TextOperation> store = newStore(0);
    for (int i = 0; i < 4; i++) {
      store.commit("d", insert("a", i + 1, i, i, "x"), i);
    }
    assertEquals(4, store.entriesSince("d", 0).orElseThrow().size());
    assertEquals(List.of(insert("a", 4, 3, 3, "x")), store.entriesSince("d", 3).orElseThrow());
    assertEquals(List.of(), store.entriesSince("d", 4).orElseThrow());
    assertEquals(Optional.empty(), store.entriesSince("d", 5));
  }

  @Test
  void aSnapshotShortensTheLoadAndTheLogKeepsItsBoundedTail() {
    DocumentStore<String, TextOperation> store = newStore(3);
    String text = "";
    for (int i = 0; i < 8; i++) {
      store.commit("d", insert("c" + i, 1, i, text.length(), "ab"), i);
      text += "ab";
    }
    store.compact("d", new DocumentSnapshot<>(6, "ab".repeat(6)));
    StoredDocument<String, TextOperation> stored = store.load("d").orElseThrow();
    assertEquals(new DocumentSnapshot<>(6, "ab".repeat(6)), stored.snapshot());
    assertEquals(2, stored.log().size());
    assertEquals(text, replay(stored));
    // Three entries kept in all: from revision 5 on.
    assertEquals(3, store.entriesSince("d", 5).orElseThrow().size());
    assertEquals(Optional.empty(), store.entriesSince("d", 4));
    // An older snapshot (another server's, late) changes nothing; one beyond the log is refused.
    store.compact("d", new DocumentSnapshot<>(5, "ab".repeat(5)));
    assertEquals(new DocumentSnapshot<>(6, "ab".repeat(6)), store.load("d").orElseThrow().snapshot());
    assertThrows(IllegalStateException.class, () -> store.compact("d", new DocumentSnapshot<>(9, "x")));
  }

  @Test
  void anOperationMadeBeforeTheLogIsStaleUnlessItIsAKnownDuplicate() {
    DocumentStore<String, TextOperation> store = newStore(0);
    for (int i = 0; i < 4; i++) {
      store.commit("d", insert("c" + i, 1, i, i, "x"), i);
    }
    store.compact("d", new DocumentSnapshot<>(3, "xxx"));
    // c3's entry (revision 3) is still logged: its resubmission is recognised whatever its base.
    assertEquals(new CommitResult.Duplicate(OptionalInt.of(4)), store.commit("d", insert("c3", 1, 4, 4, "x"), 0));
    // c0's entry is gone: the store cannot tell, so an operation made before the log is stale.
    assertEquals(new CommitResult.Stale(4), store.commit("d", insert("c0", 1, 4, 4, "x"), 2));
    assertEquals(new CommitResult.Committed(5), store.commit("d", insert("c0", 2, 4, 4, "y"), 3));
    assertThrows(IllegalArgumentException.class, () -> store.commit("d", insert("e", 1, 5, 5, "x"), 6));
  }

  @Test
  void appendKeepsTheLogGapFree() {
    DocumentStore<String, TextOperation> store = newStore(0);
    store.append("d", insert("a", 1, 0, 0, "x"));
    assertThrows(IllegalStateException.class, () -> store.append("d", insert("a", 2, 2, 1, "x")));
    store.append("d", insert("a", 2, 1, 1, "y"));
    assertEquals("xy", replay(store.load("d").orElseThrow()));
  }

  @Test
  void documentsAreIndependentWhateverTheirIds() {
    DocumentStore<String, TextOperation> store = newStore(0);
    List<String> ids = List.of("{a}", "a", "%7Ba%7D", "a:b", "notes/ü " + EMOJI);
    for (String id : ids) {
      store.commit(id, insert("c", 1, 0, 0, id), 0);
    }
    for (String id : ids) {
      assertEquals(id, replay(store.load(id).orElseThrow()), id);
    }
  }

  @Test
  void concurrentCommittersRetryingOnConflictGetOneGapFreeOrder() throws Exception {
    DocumentStore<String, TextOperation> store = newStore(0);
    int writers = 4;
    int each = 40;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      List<Future<?>> writing = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        String client = "w" + w;
        writing.add(pool.submit(() -> {
          int known = 0;
          int length = 0;
          for (long seq = 1; seq <= each; seq++) {
            while (true) {
              CommitResult result = store.commit("race", insert(client, seq, known, length, client + ";"), known);
              if (result instanceof CommitResult.Committed committed) {
                known = committed.revision();
                length += client.length() + 1;
                break;
              }
              assertTrue(result instanceof CommitResult.Conflict, "a conflict, was " + result);
              for (HistoryEntry<TextOperation> entry : store.entriesSince("race", known).orElseThrow()) {
                length = entry.operation().targetLength();
                known++;
              }
            }
          }
          return null;
        }));
      }
      for (Future<?> future : writing) {
        future.get(60, TimeUnit.SECONDS);
      }
      StoredDocument<String, TextOperation> stored = store.load("race").orElseThrow();
      assertEquals(writers * each, stored.log().size());
      Set<String> seen = new HashSet<>();
      for (HistoryEntry<TextOperation> entry : stored.log()) {
        assertTrue(seen.add(entry.clientId() + "#" + entry.seq()), "committed once: " + entry);
      }
      String text = replay(stored);
      for (int w = 0; w < writers; w++) {
        assertEquals(each, text.split("w" + w + ";", -1).length - 1, "every commit of w" + w + " is in the text");
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
