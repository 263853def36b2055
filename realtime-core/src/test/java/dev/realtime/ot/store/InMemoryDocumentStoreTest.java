package dev.realtime.ot.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.realtime.ot.DocumentSnapshot;
import dev.realtime.ot.HistoryEntry;
import dev.realtime.ot.text.PlainText;
import dev.realtime.ot.text.TextOperation;
import org.junit.jupiter.api.Test;

class InMemoryDocumentStoreTest {

  private static HistoryEntry<TextOperation> entry(int revision) {
    return new HistoryEntry<>("c", revision + 1, revision, TextOperation.insert(revision, 0, "x"));
  }

  @Test
  void keepsASnapshotAndTheLogAfterIt() {
    InMemoryDocumentStore<String, TextOperation> store = new InMemoryDocumentStore<>(PlainText.INSTANCE);
    assertThat(store.load("d")).isEmpty();
    store.append("d", entry(0));
    store.append("d", entry(1));
    store.append("d", entry(2));
    store.compact("d", new DocumentSnapshot<>(2, "xx"));
    StoredDocument<String, TextOperation> stored = store.load("d").orElseThrow();
    assertThat(stored.snapshot()).isEqualTo(new DocumentSnapshot<>(2, "xx"));
    assertThat(stored.log()).containsExactly(entry(2));
  }

  @Test
  void rejectsGapsAndSnapshotsOutsideTheLog() {
    InMemoryDocumentStore<String, TextOperation> store = new InMemoryDocumentStore<>(PlainText.INSTANCE);
    assertThatThrownBy(() -> store.append("d", entry(1))).isInstanceOf(IllegalStateException.class);
    store.append("d", entry(0));
    assertThatThrownBy(() -> store.compact("d", new DocumentSnapshot<>(2, "xx"))).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> store.load(null)).isInstanceOf(NullPointerException.class);
  }
}
