package dev.realtime.testing.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RedisServerTest {

  @Test
  void aServerWithoutPersistenceComesBackEmptyOnTheSamePort() {
    try (RedisServer server = RedisServer.start()) {
      int port = server.port();
      server.command("SET", "k", "v");
      assertThat(server.command("GET", "k")).isEqualTo("v");

      server.stop();
      assertThat(server.isRunning()).isFalse();
      assertThatThrownBy(() -> server.command("PING")).isInstanceOf(IllegalStateException.class);
      server.restart();

      assertThat(server.port()).isEqualTo(port);
      assertThat(server.uri()).isEqualTo("redis://127.0.0.1:" + port);
      assertThat(server.command("GET", "k")).isNull();
    }
  }

  @Test
  void aPersistentServerKeepsItsDataAcrossAStopAndAKill() {
    try (RedisServer server = RedisServer.start(true)) {
      server.command("SET", "k", "v");
      server.stop();
      server.restart();
      assertThat(server.command("GET", "k")).isEqualTo("v");

      server.command("SET", "k2", "v2");
      server.kill();
      server.restart();
      assertThat(server.command("GET", "k2")).isEqualTo("v2");
    }
  }

  @Test
  void aPausedServerDoesNotAnswerUntilResumed() {
    try (RedisServer server = RedisServer.start()) {
      server.pause();
      assertThatThrownBy(() -> server.command(300, "PING")).isInstanceOf(IllegalStateException.class);
      server.resume();
      assertThat(server.command("PING")).isEqualTo("PONG");
    }
  }

  @Test
  void errorRepliesAndNestedRepliesAreReadBack() {
    try (RedisServer server = RedisServer.start()) {
      server.command("RPUSH", "list", "a", "b");
      assertThat(server.command("LRANGE", "list", "0", "-1")).isEqualTo(List.of("a", "b"));
      assertThat(server.command("INCR", "n")).isEqualTo(1L);
      assertThatThrownBy(() -> server.command("NOSUCHCOMMAND"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("unknown command");
    }
  }

  @Test
  void threeMastersFormOneCluster() {
    try (RedisCluster cluster = RedisCluster.start()) {
      assertThat(cluster.nodes()).hasSize(3);
      for (RedisServer node : cluster.nodes()) {
        assertThat((String) node.command("CLUSTER", "INFO")).contains("cluster_state:ok");
      }
      assertThat(cluster.uris().split(",")).hasSize(3);
    }
  }
}
