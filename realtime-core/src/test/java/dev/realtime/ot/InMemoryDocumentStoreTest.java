package dev.realtime.ot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InMemoryDocumentStoreTest {

  private static HistoryEntry entry(int revision) {
    return new HistoryEntry("c", revision + 1, revision, TextOperation.insert(revision, 0, "x"));
  }

  @Test
  void keepsASnapshotAndTheLogAfterIt() {
    InMemoryDocumentStore store = new InMemoryDocumentStore();
    assertThat(store.load("d")).isEmpty();
    store.append("d", entry(0));
    store.append("d", entry(1));
    store.append("d", entry(2));
    store.compact("d", new DocumentSnapshot(2, "xx"));
    StoredDocument stored = store.load("d").orElseThrow();
    assertThat(stored.snapshot()).isEqualTo(new DocumentSnapshot(2, "xx"));
    assertThat(stored.log()).containsExactly(entry(2));
  }

  @Test
  void rejectsGapsAndSnapshotsOutsideTheLog() {
    InMemoryDocumentStore store = new InMemoryDocumentStore();
    assertThatThrownBy(() -> store.append("d", entry(1))).isInstanceOf(IllegalStateException.class);
    store.append("d", entry(0));
    assertThatThrownBy(() -> store.compact("d", new DocumentSnapshot(2, "xx"))).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> store.load(null)).isInstanceOf(NullPointerException.class);
  }
}
