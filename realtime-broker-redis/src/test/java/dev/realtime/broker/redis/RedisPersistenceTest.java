package dev.realtime.broker.redis;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.broker.Broker;
import dev.realtime.broker.History;
import dev.realtime.broker.Publication;
import dev.realtime.broker.PublishOptions;
import dev.realtime.broker.StreamPosition;
import dev.realtime.testing.redis.RedisExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Redis with an fsynced append-only file, killed with SIGKILL and restarted under live brokers. */
class RedisPersistenceTest {

  @RegisterExtension static final RedisExtension REDIS = RedisExtension.persistent();

  private Nodes nodes;

  @BeforeEach
  void nodes() {
    nodes = new Nodes(REDIS.uri(), false);
  }

  @AfterEach
  void close() {
    nodes.close();
  }

  private static StreamPosition publish(Broker broker, String text) {
    return broker.publish("room", text.getBytes(UTF_8), PublishOptions.defaults()).join().position();
  }

  @Test
  void aCrashAndRestartWithPersistenceKeepsEpochOffsetsAndHistory() {
    RedisBroker a = nodes.start("a");
    RedisBroker b = nodes.start("b");
    Recorder room = new Recorder();
    b.subscribe("room", room).join();
    StreamPosition third = null;
    for (int i = 1; i <= 5; i++) {
      StreamPosition position = publish(a, "m" + i);
      if (i == 3) {
        third = position;
      }
    }
    Await.until("first five delivered", () -> room.size() == 5);

    REDIS.server().kill();
    Await.until("b down", () -> b.state() == Broker.State.DOWN);
    REDIS.server().restart();
    Await.until("a up", () -> a.state() == Broker.State.UP);
    Await.until("b up", () -> b.state() == Broker.State.UP);

    for (int i = 6; i <= 10; i++) {
      assertThat(publish(a, "m" + i).epoch()).isEqualTo(third.epoch());
    }
    Await.until("all ten delivered", () -> room.size() == 10);
    assertThat(room.offsets()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
    assertThat(room.gaps).isEmpty();

    History history = a.history("room", third, 100).join();
    assertThat(history.recovered()).isTrue();
    assertThat(history.publications()).extracting(Publication::payloadText)
        .containsExactly("m4", "m5", "m6", "m7", "m8", "m9", "m10");
  }

  @Test
  void aNodeStillAwayAfterTheRestartFillsWhatWasPublishedBeforeItCameBack() {
    // b logs in as an ACL user, which a restart forgets (ACLs are not in the AOF): b stays out
    // after Redis is back until the test creates the user again, while a publishes meanwhile.
    createUser();
    RedisBroker a = nodes.start("a");
    try (Nodes separate = new Nodes("redis://nodeb:secret@127.0.0.1:" + REDIS.server().port(), false)) {
      RedisBroker b = separate.start("b");
      Recorder room = new Recorder();
      b.subscribe("room", room).join();
      publish(a, "m1");
      publish(a, "m2");
      Await.until("first two delivered", () -> room.size() == 2);

      REDIS.server().kill();
      Await.until("b down", () -> b.state() == Broker.State.DOWN);
      REDIS.server().restart();
      Await.until("a up", () -> a.state() == Broker.State.UP);
      for (int i = 3; i <= 6; i++) {
        publish(a, "m" + i);
      }
      assertThat(b.state()).isEqualTo(Broker.State.DOWN);
      assertThat(room.size()).isEqualTo(2);

      createUser();
      Await.until("the four published while b was away", () -> room.size() >= 6);
      assertThat(room.texts()).containsExactly("m1", "m2", "m3", "m4", "m5", "m6");
      assertThat(room.gaps).isEmpty();
      assertThat(separate.metrics(0).snapshot().broker().gapsFilled()).isPositive();
    } finally {
      REDIS.server().command("ACL", "DELUSER", "nodeb");
    }
  }

  private static void createUser() {
    REDIS.server().command("ACL", "SETUSER", "nodeb", "on", ">secret", "~*", "&*", "+@all");
  }
}
