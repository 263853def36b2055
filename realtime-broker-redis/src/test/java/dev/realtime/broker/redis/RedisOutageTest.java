package dev.realtime.broker.redis;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.realtime.broker.Broker;
import dev.realtime.broker.BrokerUnavailableException;
import dev.realtime.broker.PublishOptions;
import dev.realtime.broker.PublishResult;
import dev.realtime.broker.StreamGap;
import dev.realtime.broker.StreamPosition;
import dev.realtime.testing.redis.RedisExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Redis without persistence stopped, restarted empty, and hung, under live brokers. */
class RedisOutageTest {

  @RegisterExtension static final RedisExtension REDIS = RedisExtension.standalone();

  private Nodes nodes;

  @BeforeEach
  void nodes() {
    nodes = new Nodes(REDIS.uri(), false);
  }

  @AfterEach
  void close() {
    nodes.close();
  }

  private static CompletableFuture<PublishResult> publish(Broker broker, String channel, String text) {
    return broker.publish(channel, text.getBytes(UTF_8), PublishOptions.defaults());
  }

  /** Returns the failure of a future that must fail within {@code bound}. */
  private static Throwable failureWithin(CompletableFuture<?> future, Duration bound) throws Exception {
    try {
      future.get(bound.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    }
    throw new AssertionError("the future succeeded instead of failing");
  }

  @Test
  void publishesFailFastWhileRedisIsDownAndDeliveryResumesWhenItIsBack() throws Exception {
    RedisBroker a = nodes.start("a");
    RedisBroker b = nodes.start("b");
    List<Broker.State> statesOfB = new CopyOnWriteArrayList<>();
    b.addStateListener(statesOfB::add);
    Recorder room = new Recorder();
    b.subscribe("room", room).join();
    StreamPosition before = publish(a, "room", "before").join().position();
    Await.until("before delivered", () -> room.size() == 1);

    REDIS.server().stop();
    Await.until("a down", () -> a.state() == Broker.State.DOWN);
    Await.until("b down", () -> b.state() == Broker.State.DOWN);

    // Fails at once: the connection is known to be down, so nothing is queued for later.
    Throwable failure = failureWithin(publish(a, "room", "during"), Duration.ofSeconds(1));
    assertThat(failure).isInstanceOf(BrokerUnavailableException.class)
        .hasMessageContaining("publish to room");
    assertThat(nodes.metrics(0).snapshot().broker().publishFailures()).isEqualTo(1);
    // A subscription made now fails too, but stays registered and goes live when Redis is back.
    Recorder late = new Recorder();
    assertThat(failureWithin(b.subscribe("late", late), Duration.ofSeconds(3)))
        .isInstanceOf(BrokerUnavailableException.class);

    REDIS.server().restart(); // no persistence: Redis comes back empty
    Await.until("a up", () -> a.state() == Broker.State.UP);
    Await.until("b up", () -> b.state() == Broker.State.UP);

    StreamPosition after = publish(a, "room", "after").join().position();
    Await.until("after delivered", () -> room.size() == 2);
    assertThat(room.texts()).containsExactly("before", "after");
    assertThat(after.epoch()).isNotEqualTo(before.epoch());
    // The lost stream is reported before the new epoch's first publication, never hidden.
    assertThat(room.gaps).hasSize(1);
    assertThat(room.gaps.get(0).reason()).isEqualTo(StreamGap.Reason.EPOCH_CHANGED);
    assertThat(room.events.get(1)).isEqualTo(room.gaps.get(0));
    assertThat(statesOfB).containsExactly(Broker.State.DOWN, Broker.State.UP);
    assertThat(nodes.metrics(1).snapshot().broker().reconnects()).isPositive();

    Await.until(
        "the late subscription is live",
        () -> {
          publish(a, "late", "ping").join();
          return late.size() > 0;
        });
    assertThat(late.texts()).allMatch("ping"::equals);
  }

  @Test
  void aHungRedisFailsPublishesWithinTheCommandTimeoutAndARetryWithTheSameKeyIsNotDoubled()
      throws Exception {
    RedisBroker a = nodes.start("a", builder -> builder.commandTimeout(Duration.ofMillis(300)));
    RedisBroker b = nodes.start("b");
    Recorder room = new Recorder();
    b.subscribe("room", room).join();
    PublishOptions keyed = PublishOptions.defaults().withIdempotencyKey("m-1");

    REDIS.server().pause();
    Throwable failure;
    try {
      failure = failureWithin(a.publish("room", "m".getBytes(UTF_8), keyed), Duration.ofSeconds(2));
    } finally {
      REDIS.server().resume();
    }
    assertThat(failure).isInstanceOf(BrokerUnavailableException.class)
        .hasMessageContaining("did not answer in time");

    // Redis may have run the timed-out publish once it woke up; the retry cannot double it.
    PublishResult retried = a.publish("room", "m".getBytes(UTF_8), keyed).join();
    publish(a, "room", "next").join();
    Await.until("next delivered", () -> room.texts().contains("next"));
    assertThat(room.texts()).containsExactly("m", "next");
    assertThat(retried.position().offset()).isEqualTo(1);
  }

  @Test
  void startingWithoutRedisFailsClearly() {
    REDIS.server().stop();
    RedisBroker broker =
        RedisBroker.builder(REDIS.uri()).connectTimeout(Duration.ofMillis(500)).build();
    assertThatThrownBy(broker::start)
        .isInstanceOf(BrokerUnavailableException.class)
        .hasMessageContaining("cannot connect to Redis");
    assertThatThrownBy(() -> broker.publish("room", new byte[0], PublishOptions.defaults()).join())
        .hasCauseInstanceOf(BrokerUnavailableException.class);
  }
}
