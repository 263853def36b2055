package dev.realtime.ot.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.realtime.ot.DocumentSnapshot;
import dev.realtime.ot.HistoryEntry;
import dev.realtime.ot.InvalidOperationException;
import dev.realtime.ot.store.InMemoryDocumentStore;
import dev.realtime.ot.store.StoredDocument;
import dev.realtime.ot.text.PlainText;
import dev.realtime.ot.text.TextOperation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ServerDocumentTest {

  @Test
  void appliesAtTheCurrentRevision() {
    ServerDocument<String, TextOperation> doc = ServerDocument.text("abc");
    ReceiveResult<String, TextOperation> result = doc.receive("alice", 1, 0, TextOperation.insert(3, 3, "d"));
    assertThat(result).isEqualTo(new ReceiveResult.Applied<>(TextOperation.insert(3, 3, "d"), 1));
    assertThat(doc.content()).isEqualTo("abcd");
    assertThat(doc.revision()).isEqualTo(1);
    assertThat(doc.size()).isEqualTo(4);
    assertThat(doc.snapshot()).isEqualTo(new DocumentSnapshot<>(1, "abcd"));
    assertThat(doc.history()).containsExactly(new HistoryEntry<>("alice", 1, 0, TextOperation.insert(3, 3, "d")));
    assertThat(doc.lastSeq("alice")).contains(1L);
    assertThat(doc.lastSeq("bob")).isEmpty();
  }

  @Test
  void transformsAnOldOperationWithTheClientsInsertFirst() {
    ServerDocument<String, TextOperation> doc = ServerDocument.text("ab");
    doc.receive("alice", 1, 0, TextOperation.insert(2, 1, "A"));
    ReceiveResult<String, TextOperation> result = doc.receive("bob", 1, 0, TextOperation.insert(2, 1, "B"));
    // Bob's operation is the one transformed into the history, so its insert goes first (ot.js).
    assertThat(doc.content()).isEqualTo("aBAb");
    assertThat(((ReceiveResult.Applied<String, TextOperation>) result).operation()).isEqualTo(TextOperation.insert(3, 1, "B"));
    assertThat(((ReceiveResult.Applied<String, TextOperation>) result).revision()).isEqualTo(2);
  }

  @Test
  void acknowledgesAResubmissionWithoutApplyingItTwice() {
    ServerDocument<String, TextOperation> doc = ServerDocument.text("");
    doc.receive("alice", 1, 0, TextOperation.insert(0, 0, "x"));
    doc.receive("bob", 1, 1, TextOperation.insert(1, 1, "y"));
    assertThat(doc.receive("alice", 1, 0, TextOperation.insert(0, 0, "x")))
        .isEqualTo(new ReceiveResult.AlreadyApplied<>(1));
    doc.receive("alice", 2, 2, TextOperation.insert(2, 0, "z"));
    assertThat(doc.receive("alice", 1, 0, TextOperation.insert(0, 0, "x")))
        .isEqualTo(new ReceiveResult.AlreadyApplied<>(1));
    assertThat(doc.content()).isEqualTo("zxy");
    assertThat(doc.revision()).isEqualTo(3);
  }

  @Test
  void rejectsWithoutChangingTheDocument() {
    ServerDocument<String, TextOperation> doc = ServerDocument.text("a😀");
    doc.receive("alice", 1, 0, TextOperation.insert(3, 0, "b"));
    assertThatThrownBy(() -> doc.receive("bob", 1, 2, TextOperation.identity(4)))
        .isInstanceOf(InvalidOperationException.class).hasMessageContaining("revision 2");
    assertThatThrownBy(() -> doc.receive("bob", 1, -1, TextOperation.identity(4)))
        .isInstanceOf(InvalidOperationException.class);
    assertThatThrownBy(() -> doc.receive("bob", 1, 1, TextOperation.identity(3)))
        .isInstanceOf(InvalidOperationException.class).hasMessageContaining("length");
    assertThatThrownBy(() -> doc.receive("bob", 1, 0, TextOperation.identity(4)))
        .isInstanceOf(InvalidOperationException.class).hasMessageContaining("base lengths");
    assertThatThrownBy(() -> doc.receive("bob", 1, 1, TextOperation.delete(4, 2, 1)))
        .isInstanceOf(InvalidOperationException.class).hasMessageContaining("surrogate");
    assertThat(doc.snapshot()).isEqualTo(new DocumentSnapshot<>(1, "ba😀"));
    assertThat(doc.lastSeq("bob")).isEmpty();
  }

  @Test
  void rejectsAStaleSeqNoLongerInTheHistory() {
    ServerDocument<String, TextOperation> doc = ServerDocument.text(new DocumentSnapshot<>(0, ""), 1);
    doc.receive("alice", 1, 0, TextOperation.insert(0, 0, "x"));
    doc.receive("alice", 2, 1, TextOperation.insert(1, 0, "y"));
    assertThatThrownBy(() -> doc.receive("alice", 1, 0, TextOperation.insert(0, 0, "x")))
        .isInstanceOf(InvalidOperationException.class).hasMessageContaining("older");
  }

  @Test
  void foldsOldHistoryAndAsksDistantClientsToResync() {
    ServerDocument<String, TextOperation> doc = ServerDocument.text(new DocumentSnapshot<>(0, ""), 2);
    for (int i = 0; i < 5; i++) {
      doc.receive("alice", i + 1, i, TextOperation.insert(i, i, "x"));
    }
    assertThat(doc.history()).hasSize(2);
    assertThat(doc.baseSnapshot()).isEqualTo(new DocumentSnapshot<>(3, "xxx"));
    assertThat(doc.receive("bob", 1, 2, TextOperation.insert(2, 0, "b")))
        .isEqualTo(new ResyncRequired<>(new DocumentSnapshot<>(5, "xxxxx")));
    assertThat(doc.historySince(2)).isEqualTo(new ResyncRequired<>(new DocumentSnapshot<>(5, "xxxxx")));
    assertThat(doc.historySince(3)).isInstanceOf(CatchUp.Missed.class);
    assertThat(((CatchUp.Missed<String, TextOperation>) doc.historySince(3)).entries())
        .extracting(HistoryEntry::revision).containsExactly(3, 4);
    assertThat(doc.historySince(5)).isEqualTo(new CatchUp.Missed<>(List.of()));
    assertThatThrownBy(() -> doc.historySince(6)).isInstanceOf(InvalidOperationException.class);
    assertThat(doc.receive("bob", 1, 3, TextOperation.insert(3, 0, "b"))).isInstanceOf(ReceiveResult.Applied.class);
    assertThat(doc.content()).isEqualTo("bxxxxx");
  }

  @Test
  void writesThroughToAndLoadsFromAStore() {
    InMemoryDocumentStore<String, TextOperation> store = new InMemoryDocumentStore<>(PlainText.INSTANCE);
    ServerDocument<String, TextOperation> doc = ServerDocument.load(PlainText.INSTANCE, store, "notes", 2);
    for (int i = 0; i < 7; i++) {
      doc.receive("alice", i + 1, i, TextOperation.insert(i, i, String.valueOf(i)));
    }
    StoredDocument<String, TextOperation> stored = store.load("notes").orElseThrow();
    assertThat(stored.snapshot().revision() + stored.log().size()).isEqualTo(7);
    ServerDocument<String, TextOperation> reloaded = ServerDocument.load(PlainText.INSTANCE, store, "notes", 2);
    assertThat(reloaded.snapshot()).isEqualTo(new DocumentSnapshot<>(7, "0123456"));
    assertThat(reloaded.receive("alice", 7, 6, TextOperation.insert(6, 0, "x")))
        .isEqualTo(new ReceiveResult.AlreadyApplied<>(7));
    assertThat(ServerDocument.load(PlainText.INSTANCE, store, "other", 2).snapshot()).isEqualTo(new DocumentSnapshot<>(0, ""));
  }

  @Test
  void serialisesConcurrentReceivers() throws Exception {
    ServerDocument<String, TextOperation> doc = ServerDocument.text("");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        String client = "client-" + t;
        futures.add(pool.submit(() -> {
          for (int i = 1; i <= 200; i++) {
            // Each thread edits the latest text, so racing revisions are transformed, never lost.
            DocumentSnapshot<String> snapshot = doc.snapshot();
            doc.receive(client, i, snapshot.revision(), TextOperation.insert(snapshot.content().length(), 0, "x"));
          }
        }));
      }
      for (Future<?> future : futures) {
        future.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(doc.revision()).isEqualTo(800);
    assertThat(doc.content()).hasSize(800);
  }

  @Test
  void rejectsBadArguments() {
    assertThatThrownBy(() -> ServerDocument.text(new DocumentSnapshot<>(0, ""), 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ServerDocument.text((String) null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> ServerDocument.of(null, new DocumentSnapshot<>(0, ""), 1))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> ServerDocument.text("").receive(null, 1, 0, TextOperation.identity(0)))
        .isInstanceOf(NullPointerException.class);
  }
}
