package dev.realtime.examples.editor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.examples.Cluster;
import dev.realtime.examples.ExampleServer;
import dev.realtime.examples.LaunchOptions;
import dev.realtime.testing.redis.RedisExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two editor nodes while their Redis (with an append-only file) restarts under them: commits fail
 * as {@code unavailable} meanwhile and are sent again, pub/sub misses what was published around the
 * restart and the nodes catch up from the log; everyone converges and nothing is applied twice.
 */
class EditorRedisRestartTest {
  @RegisterExtension static final RedisExtension redis = RedisExtension.persistent();
  private static final String DOC = "outage";

  private final List<ExampleServer> nodes = new ArrayList<>();
  private final List<EditorPeer> peers = new ArrayList<>();

  @AfterEach
  void stop() {
    peers.forEach(EditorPeer::close);
    nodes.forEach(ExampleServer::close);
  }

  @Test
  void authorsOnTwoNodesConvergeAcrossARedisRestart() throws Exception {
    for (int i = 1; i <= 2; i++) {
      Cluster cluster = new Cluster(redis.uri(), "node-" + i, Duration.ofSeconds(5));
      nodes.add(ExampleServer.start(LaunchOptions.ephemeral("editor").withCluster(cluster), new EditorExample()));
    }
    for (int i = 0; i < 4; i++) {
      peers.add(EditorPeer.connect(nodes.get(i % 2).wsPort(), "typist" + i, DOC));
    }
    Random random = new Random(5);
    for (int round = 0; round < 60; round++) {
      if (round == 30) {
        redis.server().restart();
      }
      for (EditorPeer peer : peers) {
        assertThat(peer.disconnected()).as("%s stays connected to its node", peer).isFalse();
        peer.edit(random);
        peer.drain(random.nextInt(3));
      }
    }
    StoreLog.assertConverged(peers, redis.uri(), DOC);
  }
}
