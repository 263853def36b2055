package dev.realtime.broker.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.testing.redis.RedisExtension;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A node's JVM killed with SIGKILL: its presence must go within the TTL, nobody removing it. */
class NodeDeathTest {

  @RegisterExtension static final RedisExtension REDIS = RedisExtension.standalone();

  // The node refreshes every TTL / 4, so a refresh may come 3/4 TTL late before the entry lapses:
  // over 2 s, as a just-started JVM on a loaded machine needs.
  private static final Duration TTL = Duration.ofMillis(3_000);

  @Test
  void aKilledNodesPresenceExpiresWithinTheTtl() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process node =
        new ProcessBuilder(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                PresenceNode.class.getName(),
                REDIS.uri(),
                "room",
                "ghost-1",
                Long.toString(TTL.toMillis()))
            .redirectErrorStream(true)
            .start();
    try (Nodes nodes = new Nodes(REDIS.uri(), false)) {
      BufferedReader output =
          new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
      String line;
      while ((line = output.readLine()) != null && !line.equals("READY")) {
        // the node's log lines
      }
      assertThat(line).as("the node started").isEqualTo("READY");
      RedisBroker observer = nodes.start("observer");
      // Alive, it keeps its entry past the TTL by refreshing it.
      long aliveUntil = System.nanoTime() + TTL.multipliedBy(3).dividedBy(2).toNanos();
      while (System.nanoTime() < aliveUntil) {
        assertThat(observer.presence().count("room").join()).isEqualTo(1);
        BrokerContractTest.pace(); // leaves the CPU to the node whose refreshes are watched
      }

      node.destroyForcibly(); // SIGKILL: no graceful close, no removal
      assertThat(node.waitFor(10, TimeUnit.SECONDS)).isTrue();
      long killedAt = System.nanoTime();
      assertThat(observer.presence().list("room").join()).hasSize(1);

      Await.until(
          "the dead node's entry expires", TTL.plusSeconds(2), () -> observer.presence().count("room").join() == 0);
      assertThat(Duration.ofNanos(System.nanoTime() - killedAt)).isLessThan(TTL.plusSeconds(2));
      assertThat(observer.presence().list("room").join()).isEmpty();
    } finally {
      node.destroyForcibly();
    }
  }
}
