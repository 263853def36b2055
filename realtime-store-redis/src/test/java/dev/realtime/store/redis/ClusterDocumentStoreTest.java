package dev.realtime.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.ot.DocumentSnapshot;
import dev.realtime.ot.HistoryEntry;
import dev.realtime.ot.store.DocumentStore;
import dev.realtime.ot.text.TextOperation;
import dev.realtime.testing.redis.RedisExtension;
import dev.realtime.testing.redis.RedisServer;
import dev.realtime.testing.store.DocumentStoreContract;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The document store contract on a Redis Cluster of three masters: one document, one slot. */
class ClusterDocumentStoreTest extends DocumentStoreContract {
  @RegisterExtension static final RedisExtension REDIS = RedisExtension.cluster();

  private final List<RedisDocumentStore<String, TextOperation>> stores = new ArrayList<>();

  @Override
  protected DocumentStore<String, TextOperation> newStore(int logLimit) {
    RedisDocumentStore<String, TextOperation> store =
        RedisDocumentStore.plainText(REDIS.uri()).cluster(true).logLimit(logLimit).connect();
    stores.add(store);
    return store;
  }

  @AfterEach
  void close() {
    stores.forEach(RedisDocumentStore::close);
  }

  @Test
  void eachDocumentsKeysShareOneMasterAndDocumentsSpreadOverSeveral() {
    DocumentStore<String, TextOperation> store = newStore(0);
    List<String> documents = List.of("a", "b", "c", "notes", "{odd}", "z");
    for (String id : documents) {
      store.commit(id, new HistoryEntry<>("s", 1, 0, TextOperation.insert(0, 0, "x")), 0);
      store.compact(id, new DocumentSnapshot<>(1, "x"));
    }
    Map<String, Set<Integer>> mastersByDocument = new HashMap<>();
    List<RedisServer> masters = REDIS.redisCluster().nodes();
    for (int m = 0; m < masters.size(); m++) {
      for (Object key : (List<?>) masters.get(m).command("KEYS", "realtime:doc{*")) {
        String name = (String) key;
        mastersByDocument.computeIfAbsent(name.substring(name.indexOf('{') + 1, name.indexOf('}')),
            d -> new HashSet<>()).add(m);
      }
    }
    assertThat(mastersByDocument).hasSize(documents.size());
    assertThat(mastersByDocument.values()).allMatch(set -> set.size() == 1);
    Set<Integer> used = new HashSet<>();
    mastersByDocument.values().forEach(used::addAll);
    assertThat(used).hasSizeGreaterThan(1);
  }
}
