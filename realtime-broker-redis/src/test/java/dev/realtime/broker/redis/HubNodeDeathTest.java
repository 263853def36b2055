package dev.realtime.broker.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.hub.Hub;
import dev.realtime.testing.redis.RedisExtension;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A hub node in its own JVM killed with SIGKILL: nobody says its users left, yet they leave every
 * other node's presence view (and its presence handler hears it) within the presence TTL.
 */
class HubNodeDeathTest {

  @RegisterExtension static final RedisExtension REDIS = RedisExtension.standalone();

  private static final Duration TTL = Duration.ofMillis(1_500);

  @Test
  void aKilledNodesUsersLeaveTheOtherNodesViewsWithinTheTtl() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process node = new ProcessBuilder(
            java.toString(), "-cp", System.getProperty("java.class.path"), HubNode.class.getName(),
            REDIS.uri(), "lobby", "ghost", Long.toString(TTL.toMillis()))
        .redirectErrorStream(true)
        .start();
    List<String> left = new CopyOnWriteArrayList<>();
    try (ChatNodes nodes = new ChatNodes(REDIS.uri(), false)) {
      BufferedReader output = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
      String line;
      while ((line = output.readLine()) != null && !line.equals("READY")) {
        // the node's log lines
      }
      assertThat(line).as("the node started").isEqualTo("READY");
      Hub observer = nodes.start("observer", UnaryOperator.identity(), hub -> hub
          .presenceInterval(Duration.ofMillis(100))
          .presenceResync(Duration.ofMillis(250))
          .onPresence(ctx -> ctx.left().forEach(client -> left.add(client.user() + "@" + client.nodeId()))));
      ChatNodes.connect(observer, "/ws?user=watcher&room=lobby");
      Await.untilEquals("the ghost is seen", Map.of("ghost", 1, "watcher", 1),
          () -> observer.room("lobby").presence().toCompletableFuture().join().users());

      node.destroyForcibly(); // SIGKILL: no graceful close, no leave
      assertThat(node.waitFor(10, TimeUnit.SECONDS)).isTrue();
      long killedAt = System.nanoTime();

      Await.untilEquals("the ghost is gone", Map.of("watcher", 1),
          () -> observer.room("lobby").presence().toCompletableFuture().join().users());
      assertThat(Duration.ofNanos(System.nanoTime() - killedAt)).isLessThan(TTL.plusSeconds(2));
      Await.until("the handler heard it", () -> left.contains("ghost@doomed"));
    } finally {
      node.destroyForcibly();
    }
  }
}
