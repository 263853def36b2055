package dev.realtime.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.ot.HistoryEntry;
import dev.realtime.ot.store.CommitResult;
import dev.realtime.ot.store.DocumentStore;
import dev.realtime.ot.text.TextOperation;
import dev.realtime.testing.redis.RedisExtension;
import dev.realtime.testing.store.DocumentStoreContract;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The document store contract on one Redis, and what two nodes sharing it see of each other. */
class RedisDocumentStoreTest extends DocumentStoreContract {
  @RegisterExtension static final RedisExtension REDIS = RedisExtension.standalone();

  private final List<RedisDocumentStore<String, TextOperation>> stores = new ArrayList<>();

  @Override
  protected DocumentStore<String, TextOperation> newStore(int logLimit) {
    RedisDocumentStore<String, TextOperation> store = RedisDocumentStore.plainText(REDIS.uri()).logLimit(logLimit).connect();
    stores.add(store);
    return store;
  }

  @AfterEach
  void close() {
    stores.forEach(RedisDocumentStore::close);
  }

  @Test
  void twoNodesShareOneOrderAndOneDeduplication() {
    DocumentStore<String, TextOperation> a = newStore(100);
    DocumentStore<String, TextOperation> b = newStore(100);
    HistoryEntry<TextOperation> first = new HistoryEntry<>("s1", 1, 0, TextOperation.insert(0, 0, "a"));
    assertThat(a.commit("d", first, 0)).isEqualTo(new CommitResult.Committed(1));
    // The node that did not commit it loses the race and learns what won.
    assertThat(b.commit("d", new HistoryEntry<>("s2", 1, 0, TextOperation.insert(0, 0, "b")), 0))
        .isEqualTo(new CommitResult.Conflict(1));
    assertThat(b.entriesSince("d", 0).orElseThrow()).containsExactly(first);
    // The author's resubmission reaches the other node after a reconnect: recognised there.
    assertThat(b.commit("d", new HistoryEntry<>("s1", 1, 1, TextOperation.insert(1, 1, "a")), 0))
        .isEqualTo(new CommitResult.Duplicate(OptionalInt.of(1)));
    assertThat(b.load("d").orElseThrow().log()).containsExactly(first);
  }

  @Test
  void keysCarryTheDocumentAsAHashTag() {
    newStore(0).commit("notes {1}", new HistoryEntry<>("s", 1, 0, TextOperation.insert(0, 0, "x")), 0);
    assertThat(REDIS.server().command("KEYS", "*").toString())
        .contains("realtime:doc{notes %7B1%7D}:meta", "realtime:doc{notes %7B1%7D}:log",
            "realtime:doc{notes %7B1%7D}:seqs", "realtime:doc{notes %7B1%7D}:clients");
  }
}
