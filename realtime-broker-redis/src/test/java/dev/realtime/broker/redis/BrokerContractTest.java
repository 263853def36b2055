package dev.realtime.broker.redis;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.broker.History;
import dev.realtime.broker.PresenceInfo;
import dev.realtime.broker.Publication;
import dev.realtime.broker.PublishOptions;
import dev.realtime.broker.PublishResult;
import dev.realtime.broker.StreamGap;
import dev.realtime.broker.StreamPosition;
import dev.realtime.testing.redis.RedisExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every Redis deployment must do, run against a standalone server and a 3-master cluster.
 * Each broker instance is one node; all share one Redis.
 */
abstract class BrokerContractTest {

  /** Channels with different hash tags, so on a cluster they live on different masters. */
  static final List<String> ROOMS = List.of("chat.room.lobby", "chat.room.{odd}", "chat.user.ann", "x");

  Nodes nodes;

  abstract RedisExtension redis();

  @BeforeEach
  void nodes() {
    nodes = new Nodes(redis().uri(), redis().isCluster());
  }

  @AfterEach
  void closeNodes() {
    nodes.close();
  }

  static byte[] bytes(String text) {
    return text.getBytes(UTF_8);
  }

  static PublishResult publish(RedisBroker broker, String channel, String text) {
    return broker.publish(channel, bytes(text), PublishOptions.defaults()).join();
  }

  @Test
  void aPublicationReachesEverySubscribedNodeOnceInOffsetOrder() {
    List<RedisBroker> brokers = List.of(nodes.start("a"), nodes.start("b"), nodes.start("c"));
    for (String room : ROOMS) {
      List<Recorder> recorders = new ArrayList<>();
      for (RedisBroker broker : brokers) {
        Recorder recorder = new Recorder();
        assertThat(broker.subscribe(room, recorder).join().offset()).isZero();
        recorders.add(recorder);
      }
      for (int i = 1; i <= 30; i++) {
        PublishResult result = publish(brokers.get(i % 3), room, room + "#" + i);
        assertThat(result.position().offset()).isEqualTo(i);
      }
      for (Recorder recorder : recorders) {
        Await.until(room + " delivered everywhere", () -> recorder.size() >= 30);
      }
      List<String> expected = new ArrayList<>();
      for (int i = 1; i <= 30; i++) {
        expected.add(room + "#" + i);
      }
      for (Recorder recorder : recorders) {
        assertThat(recorder.texts()).isEqualTo(expected);
        assertThat(recorder.gaps).isEmpty();
        assertThat(recorder.publications).allMatch(p -> p.channel().equals(room) && p.inHistory());
      }
    }
  }

  @Test
  void concurrentPublishersOnThreeNodesProduceOneOrderSeenByAll() throws Exception {
    List<RedisBroker> brokers = List.of(nodes.start("a"), nodes.start("b"), nodes.start("c"));
    List<Recorder> recorders = new ArrayList<>();
    for (RedisBroker broker : brokers) {
      Recorder recorder = new Recorder();
      broker.subscribe("room", recorder).join();
      recorders.add(recorder);
    }
    int each = 300;
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> publishers = new ArrayList<>();
    for (int n = 0; n < brokers.size(); n++) {
      RedisBroker broker = brokers.get(n);
      String name = broker.nodeId();
      Thread publisher =
          new Thread(
              () -> {
                try {
                  go.await();
                } catch (InterruptedException e) {
                  return;
                }
                // Pipelined: up to 300 publishes in flight from each node at once.
                List<CompletableFuture<PublishResult>> sent = new ArrayList<>();
                for (int i = 0; i < each; i++) {
                  sent.add(broker.publish("room", bytes(name + ":" + i), PublishOptions.defaults()));
                }
                sent.forEach(CompletableFuture::join);
              });
      publisher.start();
      publishers.add(publisher);
    }
    go.countDown();
    for (Thread publisher : publishers) {
      publisher.join(TimeUnit.SECONDS.toMillis(30));
    }
    int total = each * brokers.size();
    for (Recorder recorder : recorders) {
      Await.until("all publications delivered", () -> recorder.size() >= total);
    }
    List<String> order = recorders.get(0).texts();
    assertThat(order).hasSize(total);
    for (Recorder recorder : recorders) {
      assertThat(recorder.texts()).isEqualTo(order);
      assertThat(recorder.offsets()).isEqualTo(rangeClosed(1, total));
    }
    // Each node's own publications keep the order it sent them in.
    for (RedisBroker broker : brokers) {
      List<Integer> own =
          order.stream()
              .filter(text -> text.startsWith(broker.nodeId() + ":"))
              .map(text -> Integer.parseInt(text.substring(text.indexOf(':') + 1)))
              .toList();
      assertThat(own).isEqualTo(rangeClosed(0, each - 1).stream().map(Long::intValue).toList());
    }
  }

  @Test
  void aSubscriptionMadeMidTrafficGetsEveryPublicationAfterItsBaseline() throws Exception {
    RedisBroker a = nodes.start("a");
    RedisBroker b = nodes.start("b");
    AtomicBoolean publishing = new AtomicBoolean(true);
    AtomicLong top = new AtomicLong();
    Thread publisher =
        new Thread(
            () -> {
              while (publishing.get() && top.get() < 20_000) {
                top.set(publish(a, "room", "m").position().offset());
              }
            });
    publisher.start();
    Await.until("traffic flows", () -> top.get() > 100);
    Recorder recorder = new Recorder();
    long baseline = b.subscribe("room", recorder).join().offset();
    Await.until("traffic after the subscription", () -> top.get() > baseline + 200);
    publishing.set(false);
    publisher.join(10_000);

    long last = top.get();
    Await.until("everything after the baseline delivered", () -> recorder.size() >= last - baseline);
    assertThat(recorder.offsets()).isEqualTo(rangeClosed(baseline + 1, last));
    assertThat(recorder.gaps).isEmpty();
  }

  @Test
  void historyRecoversWhatWasMissedAllOrNothing() {
    RedisBroker broker = nodes.start("a", b -> b.historySize(5));
    StreamPosition start = broker.position("room").join();
    assertThat(start.offset()).isZero();
    assertThat(broker.position("room").join()).isEqualTo(start);
    for (int i = 1; i <= 4; i++) {
      publish(broker, "room", "m" + i);
    }

    History fromOne = broker.history("room", new StreamPosition(1, start.epoch()), 10).join();
    assertThat(fromOne.recovered()).isTrue();
    assertThat(fromOne.publications()).extracting(Publication::payloadText)
        .containsExactly("m2", "m3", "m4");
    assertThat(fromOne.publications()).extracting(p -> p.position().offset())
        .containsExactly(2L, 3L, 4L);
    assertThat(fromOne.top()).isEqualTo(new StreamPosition(4, start.epoch()));

    History upToDate = broker.history("room", fromOne.top(), 10).join();
    assertThat(upToDate.recovered()).isTrue();
    assertThat(upToDate.publications()).isEmpty();

    assertThat(broker.history("room", start, 3).join().lost())
        .contains(StreamGap.Reason.LIMIT_EXCEEDED);
    assertThat(broker.history("room", new StreamPosition(0, "elsewhere"), 10).join().lost())
        .contains(StreamGap.Reason.EPOCH_CHANGED);
    assertThat(broker.history("room", new StreamPosition(99, start.epoch()), 10).join().lost())
        .contains(StreamGap.Reason.EPOCH_CHANGED);

    for (int i = 5; i <= 8; i++) {
      publish(broker, "room", "m" + i);
    }
    // The stream keeps offsets 4..8: from 3 on is recoverable, from 2 on is trimmed.
    assertThat(broker.history("room", new StreamPosition(3, start.epoch()), 10).join().publications())
        .extracting(Publication::payloadText).containsExactly("m4", "m5", "m6", "m7", "m8");
    History trimmed = broker.history("room", new StreamPosition(2, start.epoch()), 10).join();
    assertThat(trimmed.lost()).contains(StreamGap.Reason.HISTORY_TRIMMED);
    assertThat(trimmed.publications()).isEmpty();
  }

  @Test
  void historyOlderThanItsAgeIsNotRecovered() {
    RedisBroker broker = nodes.start("a", b -> b.historyAge(Duration.ofMillis(300)));
    StreamPosition start = broker.position("room").join();
    publish(broker, "room", "old");
    Await.until(
        "the publication ages out",
        () -> broker.history("room", start, 10).join().lost().equals(Optional.of(StreamGap.Reason.HISTORY_TRIMMED)));
    // A position at the top is still fine: nothing was missed.
    assertThat(broker.history("room", new StreamPosition(1, start.epoch()), 10).join().recovered())
        .isTrue();
  }

  @Test
  void aLostStreamStartsANewEpochAndSubscribersAreToldOfTheGap() {
    RedisBroker a = nodes.start("a");
    RedisBroker b = nodes.start("b");
    Recorder recorder = new Recorder();
    StreamPosition start = b.subscribe("room", recorder).join();
    StreamPosition before = publish(a, "room", "before").position();
    Await.until("first delivered", () -> recorder.size() == 1);

    redis().flushAllNodes();
    StreamPosition after = publish(a, "room", "after").position();

    assertThat(after.epoch()).isNotEqualTo(before.epoch());
    assertThat(after.offset()).isEqualTo(1);
    Await.until("the new epoch's first publication", () -> recorder.size() == 2);
    assertThat(recorder.gaps).hasSize(1);
    StreamGap gap = recorder.gaps.get(0);
    assertThat(gap.reason()).isEqualTo(StreamGap.Reason.EPOCH_CHANGED);
    assertThat(gap.lastDelivered()).isEqualTo(before);
    assertThat(gap.resumedAfter()).isEqualTo(new StreamPosition(0, after.epoch()));
    assertThat(recorder.events.get(1)).isEqualTo(gap); // the gap comes before the new publication
    assertThat(recorder.publications.get(1).position()).isEqualTo(after);
    assertThat(a.history("room", before, 10).join().lost()).contains(StreamGap.Reason.EPOCH_CHANGED);
    assertThat(start.epoch()).isEqualTo(before.epoch());
  }

  @Test
  void aReplayedPublishIsNeitherStoredNorDeliveredTwice() {
    RedisBroker a = nodes.start("a");
    RedisBroker b = nodes.start("b");
    Recorder recorder = new Recorder();
    b.subscribe("room", recorder).join();
    PublishOptions keyed = PublishOptions.defaults().withIdempotencyKey("client-7:msg-1");

    PublishResult first = a.publish("room", bytes("hello"), keyed).join();
    PublishResult replayed = a.publish("room", bytes("hello"), keyed).join();
    PublishResult fromOtherNode = b.publish("room", bytes("hello"), keyed).join();
    publish(a, "room", "next");

    assertThat(first.duplicate()).isFalse();
    assertThat(replayed.duplicate()).isTrue();
    assertThat(replayed.position()).isEqualTo(first.position());
    assertThat(fromOtherNode.position()).isEqualTo(first.position());
    Await.until("next delivered", () -> recorder.size() == 2);
    assertThat(recorder.texts()).containsExactly("hello", "next");
    assertThat(a.position("room").join().offset()).isEqualTo(2);
    assertThat(nodes.metrics(0).snapshot().broker().publishes()).isEqualTo(2);
  }

  @Test
  void liveOnlyPublicationsAndExcludedClientsTravelAsPublished() {
    RedisBroker a = nodes.start("a");
    RedisBroker b = nodes.start("b");
    Recorder recorder = new Recorder();
    b.subscribe("room", recorder).join();
    StreamPosition kept =
        a.publish("room", bytes("kept"), PublishOptions.defaults().excluding("client-1")).join().position();
    PublishResult live =
        a.publish("room", bytes("live"), PublishOptions.defaults().withHistory(false)).join();

    assertThat(live.position()).isEqualTo(kept);
    Await.until("both delivered", () -> recorder.size() == 2);
    assertThat(recorder.publications.get(0).excludedClient()).contains("client-1");
    assertThat(recorder.publications.get(1).excludedClient()).isEmpty();
    assertThat(recorder.publications.get(1).inHistory()).isFalse();
    History history = a.history("room", new StreamPosition(0, kept.epoch()), 10).join();
    assertThat(history.publications()).extracting(Publication::payloadText).containsExactly("kept");
    assertThat(history.publications().get(0).excludedClient()).contains("client-1");
  }

  @Test
  void binaryPayloadsArriveByteForByte() {
    RedisBroker a = nodes.start("a");
    Recorder recorder = new Recorder();
    a.subscribe("room", recorder).join();
    byte[] payload = new byte[256];
    for (int i = 0; i < payload.length; i++) {
      payload[i] = (byte) i; // spaces, colons, zero bytes and invalid UTF-8 included
    }
    StreamPosition position = a.publish("room", payload, PublishOptions.defaults()).join().position();
    Await.until("delivered", () -> recorder.size() == 1);
    assertThat(recorder.publications.get(0).payloadBytes()).isEqualTo(payload);
    assertThat(a.history("room", new StreamPosition(0, position.epoch()), 1).join()
            .publications().get(0).payloadBytes())
        .isEqualTo(payload);
  }

  @Test
  void unsubscribedNodesReceiveNothingMoreAndResubscribeFromTheTop() {
    RedisBroker a = nodes.start("a");
    RedisBroker b = nodes.start("b");
    Recorder first = new Recorder();
    b.subscribe("room", first).join();
    publish(a, "room", "one");
    Await.until("one delivered", () -> first.size() == 1);
    b.unsubscribe("room").join();
    publish(a, "room", "two");

    Recorder second = new Recorder();
    StreamPosition from = b.subscribe("room", second).join();
    assertThat(from.offset()).isEqualTo(2);
    publish(a, "room", "three");
    Await.until("three delivered", () -> second.size() == 1);
    assertThat(second.texts()).containsExactly("three");
    assertThat(first.texts()).containsExactly("one");
  }

  @Test
  void messagesDroppedAtAFullHandoffQueueAreRefetchedInOrder() throws Exception {
    RedisBroker publisher = nodes.start("a");
    RedisBroker slow = nodes.start("slow", b -> b.handoffQueueSize(2).deliveryThreads(1));
    CountDownLatch release = new CountDownLatch(1);
    Recorder recorder = new Recorder();
    slow.subscribe(
            "room",
            publication -> {
              if (publication.position().offset() == 1) {
                awaitQuietly(release); // a listener stuck on the first publication
              }
              recorder.onPublication(publication);
            })
        .join();
    int total = 200;
    for (int i = 1; i <= total; i++) {
      publish(publisher, "room", "m" + i);
    }
    Await.until("messages dropped", () -> nodes.metrics(1).snapshot().broker().messagesDropped() > 0);
    release.countDown();

    Await.until("every publication delivered", () -> recorder.size() >= total);
    assertThat(recorder.offsets()).isEqualTo(rangeClosed(1, total));
    assertThat(nodes.metrics(1).snapshot().broker().gapsFilled()).isPositive();
  }

  @Test
  void presenceSpansNodesAndAClosedNodeLeavesAtOnce() {
    RedisBroker a = nodes.start("a");
    RedisBroker b = nodes.start("b");
    a.presence().add("room", new PresenceInfo("c1", "ann", a.nodeId(), "")).join();
    a.presence().add("room", new PresenceInfo("c2", "ann", a.nodeId(), "{\"tab\":2}")).join();
    b.presence().add("room", new PresenceInfo("c3", "bob", b.nodeId(), "")).join();

    assertThat(b.presence().list("room").join())
        .containsExactly(
            new PresenceInfo("c1", "ann", "a", ""),
            new PresenceInfo("c2", "ann", "a", "{\"tab\":2}"),
            new PresenceInfo("c3", "bob", "b", ""));
    assertThat(a.presence().count("room").join()).isEqualTo(3);

    b.presence().remove("room", "c3").join();
    assertThat(a.presence().count("room").join()).isEqualTo(2);

    RedisBroker c = nodes.start("c");
    a.close();
    assertThat(c.presence().list("room").join()).isEmpty();
    assertThat(c.presence().count("room").join()).isZero();
  }

  @Test
  void presenceOutlivesItsTtlWhileTheNodeRefreshesIt() {
    // A refresh may come up to TTL - period late before the entry lapses: over 2 s of slack, so a
    // loaded machine's scheduling delay cannot make the entry lapse while the node is alive.
    Duration ttl = Duration.ofMillis(2_500);
    RedisBroker a =
        nodes.start("a", b -> b.presenceTtl(ttl).presenceRefresh(Duration.ofMillis(250)));
    RedisBroker reader = nodes.start("reader");
    a.presence().add("room", new PresenceInfo("c1", "ann", a.nodeId(), "")).join();
    long end = System.nanoTime() + ttl.multipliedBy(3).dividedBy(2).toNanos();
    while (System.nanoTime() < end) {
      assertThat(reader.presence().count("room").join()).isEqualTo(1);
      pace();
    }
  }

  /** Paces a watching loop, so it does not take the CPU the refreshing node needs. */
  static void pace() {
    try {
      Thread.sleep(20); // the rate of a watching loop, not a wait for anything
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  static List<Long> rangeClosed(long from, long to) {
    List<Long> values = new ArrayList<>();
    for (long i = from; i <= to; i++) {
      values.add(i);
    }
    return values;
  }

  static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
