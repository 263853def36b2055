package dev.realtime.examples.editor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.ot.HistoryEntry;
import dev.realtime.ot.text.TextOperation;
import dev.realtime.store.redis.RedisDocumentStore;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What the editor's cluster tests check at the end, against the document's log in Redis. */
final class StoreLog {
  private StoreLog() {}

  /** Every peer synchronized at the store's last revision with the store's text; the log has each acknowledged operation once. */
  static void assertConverged(List<EditorPeer> peers, String redisUri, String doc) throws Exception {
    for (EditorPeer peer : peers) {
      peer.awaitSynchronized();
    }
    try (RedisDocumentStore<String, TextOperation> store = RedisDocumentStore.plainText(redisUri).connect()) {
      List<HistoryEntry<TextOperation>> log = store.entriesSince(doc, 0).orElseThrow();
      String text = "";
      Set<String> ids = new HashSet<>();
      for (HistoryEntry<TextOperation> entry : log) {
        text = entry.operation().apply(text);
        assertThat(ids.add(entry.clientId() + "#" + entry.seq())).as("%s applied once", entry).isTrue();
      }
      for (EditorPeer peer : peers) {
        peer.awaitRevision(log.size());
        assertThat(peer.document.content()).as("%s's text", peer).isEqualTo(text);
        assertThat(peer.document.revision()).isEqualTo(log.size());
        assertThat(peer.resyncs).as("%s never had to start over", peer).isZero();
        String session = "session-" + peer.name();
        for (long seq : peer.acked) {
          assertThat(ids).as("acknowledged seq %d of %s is in the log", seq, session).contains(session + "#" + seq);
        }
      }
    }
  }
}
