package dev.realtime.examples.editor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.realtime.ot.HistoryEntry;
import dev.realtime.ot.store.CommitResult;
import dev.realtime.ot.store.DocumentStore;
import dev.realtime.ot.store.InMemoryDocumentStore;
import dev.realtime.ot.text.PlainText;
import dev.realtime.ot.text.TextOperation;
import dev.realtime.protocol.ProtocolException;
import dev.realtime.store.redis.RedisDocumentStore;
import dev.realtime.testing.redis.RedisExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two nodes' copies of one document over one store: the commit protocol, without sockets. */
class SharedDocumentTest {
  @RegisterExtension static final RedisExtension redis = RedisExtension.standalone();
  private final InMemoryDocumentStore<String, TextOperation> store = new InMemoryDocumentStore<>(PlainText.INSTANCE, 100);
  private final List<HistoryEntry<TextOperation>> fromStore = new ArrayList<>();

  private SharedDocument node(DocumentStore<String, TextOperation> on) {
    SharedDocument copy = new SharedDocument("doc", on, 50, 1000, 3, (entry, author, user, read) -> {
      if (read) {
        fromStore.add(entry);
      }
    });
    copy.load();
    return copy;
  }

  private static TextOperation insert(int length, int at, String text) {
    return TextOperation.insert(length, at, text);
  }

  @Test
  void aCommitThatLostTheRaceIsTransformedPastTheWinnerAndRetried() {
    SharedDocument one = node(store);
    SharedDocument two = node(store);
    assertThat(one.submit("ann", 1, 0, length -> insert(length, 0, "abc"))).isInstanceOf(SharedDocument.Committed.class);

    // Node two has not heard of ann's commit: its copy is at revision 0 when bob's arrives.
    SharedDocument.Outcome outcome = two.submit("bob", 1, 0, length -> insert(length, 0, "X"));

    assertThat(outcome).isInstanceOf(SharedDocument.Committed.class);
    assertThat(((SharedDocument.Committed) outcome).entry().revision()).isEqualTo(1);
    assertThat(two.replica().content()).isEqualTo("Xabc");
    assertThat(fromStore).as("ann's entry, read from the store").hasSize(1);
    assertThat(store.entriesSince("doc", 0).orElseThrow()).hasSize(2);
  }

  @Test
  void onTheRedisStoreTheLoserRetriesToo() {
    try (RedisDocumentStore<String, TextOperation> shared = RedisDocumentStore.plainText(redis.uri()).connect()) {
      SharedDocument one = node(shared);
      SharedDocument two = node(shared);
      one.submit("ann", 1, 0, length -> insert(length, 0, "abc"));
      SharedDocument.Outcome outcome = two.submit("bob", 1, 0, length -> insert(length, 0, "X"));
      assertThat(outcome).isInstanceOf(SharedDocument.Committed.class);
      assertThat(two.replica().content()).isEqualTo("Xabc");
    }
  }

  @Test
  void anOperationHeardBeforeOneItMissedWaitsAndTheGapIsFilledFromTheStore() {
    SharedDocument one = node(store);
    SharedDocument two = node(store);
    SharedDocument.Committed first = (SharedDocument.Committed) one.submit("ann", 1, 0, length -> insert(length, 0, "a"));
    SharedDocument.Committed second = (SharedDocument.Committed) one.submit("ann", 2, 1, length -> insert(length, 1, "b"));

    // Node two never heard the first (a lost pub/sub message): the second waits.
    assertThat(two.heard(new DocumentEvent.Committed("one", second.entry(), "ann", "1"))).as("a gap").isTrue();
    assertThat(two.revision()).isZero();
    assertThat(two.catchUp()).hasValueSatisfying(applied -> assertThat(applied).hasSize(2));
    assertThat(two.replica().content()).isEqualTo("ab");
    assertThat(two.hasGap()).isFalse();
    // Heard late, the first changes nothing.
    assertThat(two.heard(new DocumentEvent.Committed("one", first.entry(), "ann", "1"))).isFalse();
    assertThat(two.revision()).isEqualTo(2);
    assertThat(fromStore).as("only the missed one came from the store").extracting(HistoryEntry::revision)
        .containsExactly(0);
  }

  @Test
  void aResubmissionReachingAnotherNodeIsRecognisedAndNotAppliedTwice() {
    SharedDocument one = node(store);
    SharedDocument two = node(store);
    one.submit("ann", 1, 0, length -> insert(length, 0, "abc"));

    SharedDocument.Outcome again = two.submit("ann", 1, 0, length -> insert(length, 0, "abc"));

    assertThat(again).isEqualTo(new SharedDocument.AlreadyCommitted(1));
    assertThat(two.replica().content()).isEqualTo("abc");
    assertThat(store.entriesSince("doc", 0).orElseThrow()).hasSize(1);
  }

  @Test
  void aCommitThatLosesEveryRaceFailsWithAClearErrorAndChangesNothingOfItsOwn() {
    // Another node commits just before each of this node's attempts.
    DocumentStore<String, TextOperation> contended = new DelegatingDocumentStore(store) {
      int others;

      @Override
      public CommitResult commit(String id, HistoryEntry<TextOperation> entry, int base) {
        int end = store.entriesSince(id, 0).orElseThrow().size();
        store.commit(id, new HistoryEntry<>("other", ++others, end, insert(end, 0, "o")), end);
        return store.commit(id, entry, base);
      }
    };
    SharedDocument loser = node(contended);

    assertThatThrownBy(() -> loser.submit("bob", 1, 0, length -> insert(length, 0, "X")))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("3 times");
    assertThat(store.entriesSince("doc", 0).orElseThrow()).extracting(HistoryEntry::clientId).containsOnly("other");
  }
}
