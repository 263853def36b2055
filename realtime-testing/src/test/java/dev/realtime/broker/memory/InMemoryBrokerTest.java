package dev.realtime.broker.memory;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.realtime.broker.Broker;
import dev.realtime.broker.BrokerUnavailableException;
import dev.realtime.broker.ChannelListener;
import dev.realtime.broker.History;
import dev.realtime.broker.PresenceInfo;
import dev.realtime.broker.Publication;
import dev.realtime.broker.PublishOptions;
import dev.realtime.broker.PublishResult;
import dev.realtime.broker.StreamGap;
import dev.realtime.broker.StreamPosition;
import dev.realtime.metrics.InMemoryMetrics;
import dev.realtime.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InMemoryBrokerTest {

  private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final InMemoryMetrics metrics = new InMemoryMetrics(clock);
  private final InMemoryBroker broker =
      InMemoryBroker.builder()
          .historySize(5)
          .historyAge(Duration.ofMinutes(1))
          .idempotencyWindow(Duration.ofSeconds(30))
          .streamTtl(Duration.ofMinutes(10))
          .clock(clock)
          .metrics(metrics)
          .build();

  @AfterEach
  void close() {
    broker.close();
  }

  /** Collects what a channel delivers. */
  static final class Recorder implements ChannelListener {
    final List<Publication> publications = new CopyOnWriteArrayList<>();
    final List<StreamGap> gaps = new CopyOnWriteArrayList<>();

    @Override
    public void onPublication(Publication publication) {
      publications.add(publication);
    }

    @Override
    public void onUnrecoverableGap(StreamGap gap) {
      gaps.add(gap);
    }

    List<String> texts() {
      return publications.stream().map(Publication::payloadText).toList();
    }
  }

  private PublishResult publish(String channel, String text) {
    return broker.publish(channel, text.getBytes(UTF_8), PublishOptions.defaults()).join();
  }

  @Test
  void publishesGetConsecutiveOffsetsAndReachTheSubscriberBeforePublishReturns() {
    Recorder recorder = new Recorder();
    StreamPosition start = broker.subscribe("room", recorder).join();
    assertThat(start.offset()).isZero();

    PublishResult first = publish("room", "a");
    assertThat(recorder.texts()).containsExactly("a");
    PublishResult second = publish("room", "b");

    assertThat(first.position()).isEqualTo(new StreamPosition(1, start.epoch()));
    assertThat(second.position()).isEqualTo(new StreamPosition(2, start.epoch()));
    assertThat(first.duplicate()).isFalse();
    assertThat(recorder.publications)
        .extracting(p -> p.position().offset())
        .containsExactly(1L, 2L);
    assertThat(broker.position("room").join()).isEqualTo(second.position());
    assertThat(metrics.snapshot().broker().publishes()).isEqualTo(2);
    assertThat(metrics.snapshot().broker().publishLatencyCount()).isEqualTo(2);
  }

  @Test
  void unsubscribedChannelsDeliverNothingAndChannelsAreIndependent() {
    Recorder room = new Recorder();
    Recorder other = new Recorder();
    broker.subscribe("room", room).join();
    broker.subscribe("other", other).join();
    publish("room", "a");
    broker.unsubscribe("room").join();
    publish("room", "b");
    publish("other", "c");

    assertThat(room.texts()).containsExactly("a");
    assertThat(other.texts()).containsExactly("c");
    assertThat(broker.position("other").join().offset()).isEqualTo(1);
    assertThat(broker.position("room").join().offset()).isEqualTo(2);
  }

  @Test
  void concurrentPublishersAreDeliveredInOffsetOrderWithEachPublishersOrderKept() throws Exception {
    Recorder recorder = new Recorder();
    broker.subscribe("room", recorder).join();
    int publishers = 4;
    int each = 2_000;
    ExecutorService pool = Executors.newFixedThreadPool(publishers);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    for (int p = 0; p < publishers; p++) {
      int publisher = p;
      done.add(
          pool.submit(
              () -> {
                go.await();
                for (int i = 0; i < each; i++) {
                  publish("room", publisher + ":" + i);
                }
                return null;
              }));
    }
    go.countDown();
    for (Future<?> future : done) {
      future.get(30, TimeUnit.SECONDS);
    }
    pool.shutdown();

    assertThat(recorder.publications).hasSize(publishers * each);
    long expected = 1;
    int[] next = new int[publishers];
    for (Publication publication : recorder.publications) {
      assertThat(publication.position().offset()).isEqualTo(expected++);
      String[] parts = publication.payloadText().split(":");
      int publisher = Integer.parseInt(parts[0]);
      assertThat(Integer.parseInt(parts[1])).isEqualTo(next[publisher]++);
    }
  }

  @Test
  void historyRecoversEverythingAfterAPosition() {
    StreamPosition start = broker.position("room").join();
    publish("room", "a");
    StreamPosition afterA = publish("room", "b").position();
    publish("room", "c");
    publish("room", "d");

    History history = broker.history("room", new StreamPosition(1, start.epoch()), 10).join();

    assertThat(history.recovered()).isTrue();
    assertThat(history.publications()).extracting(Publication::payloadText)
        .containsExactly("b", "c", "d");
    assertThat(history.top()).isEqualTo(new StreamPosition(4, start.epoch()));
    assertThat(broker.history("room", afterA, 2).join().publications())
        .extracting(Publication::payloadText).containsExactly("c", "d");
  }

  @Test
  void nothingMissedIsRecoveredWithNoPublications() {
    StreamPosition top = publish("room", "a").position();
    History history = broker.history("room", top, 0).join();
    assertThat(history.recovered()).isTrue();
    assertThat(history.publications()).isEmpty();
    assertThat(history.top()).isEqualTo(top);
  }

  @Test
  void moreMissedThanTheLimitIsNotRecovered() {
    StreamPosition start = broker.position("room").join();
    publish("room", "a");
    publish("room", "b");
    publish("room", "c");

    History history = broker.history("room", start, 2).join();

    assertThat(history.recovered()).isFalse();
    assertThat(history.lost()).contains(StreamGap.Reason.LIMIT_EXCEEDED);
    assertThat(history.publications()).isEmpty();
    assertThat(history.top().offset()).isEqualTo(3);
  }

  @Test
  void historyTrimmedToItsSizeIsNotRecoveredFromBeforeIt() {
    StreamPosition start = broker.position("room").join();
    for (int i = 1; i <= 7; i++) {
      publish("room", "m" + i);
    }
    // Size 5 keeps offsets 3..7: from 2 on is recoverable, from 1 on is not.
    assertThat(broker.history("room", new StreamPosition(2, start.epoch()), 100).join()
            .publications())
        .extracting(Publication::payloadText)
        .containsExactly("m3", "m4", "m5", "m6", "m7");
    assertThat(broker.history("room", new StreamPosition(1, start.epoch()), 100).join().lost())
        .contains(StreamGap.Reason.HISTORY_TRIMMED);
  }

  @Test
  void historyOlderThanItsAgeIsGone() {
    StreamPosition start = broker.position("room").join();
    publish("room", "old");
    clock.advance(Duration.ofSeconds(40));
    publish("room", "new");
    clock.advance(Duration.ofSeconds(30));

    assertThat(broker.history("room", start, 10).join().lost())
        .contains(StreamGap.Reason.HISTORY_TRIMMED);
    History fromOld = broker.history("room", new StreamPosition(1, start.epoch()), 10).join();
    assertThat(fromOld.publications()).extracting(Publication::payloadText).containsExactly("new");
  }

  @Test
  void historyTrimmedBySizeAndByAgeGivesEachPublicationTheOffsetItWasPublishedAt() {
    String epoch = broker.position("room").join().epoch();
    Map<Long, String> published = new HashMap<>();
    PublishOptions live = PublishOptions.defaults().withHistory(false);
    PublishOptions keyed = PublishOptions.defaults().withIdempotencyKey("k");
    for (int i = 1; i <= 7; i++) {
      String text = "m" + i;
      PublishOptions options = i == 3 ? keyed
          : i == 4 ? PublishOptions.defaults().excluding("c-4")
          : PublishOptions.defaults();
      PublishResult result = broker.publish("room", text.getBytes(UTF_8), options).join();
      published.put(result.position().offset(), text);
      // Neither a live publication nor a replayed key takes an offset or a place in history.
      broker.publish("room", ("live" + i).getBytes(UTF_8), live).join();
      if (i >= 3) {
        assertThat(broker.publish("room", "again".getBytes(UTF_8), keyed).join().duplicate()).isTrue();
      }
    }
    assertThat(published.keySet()).containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L, 6L, 7L);

    // By size (5): offsets 3..7 are kept.
    History fromTwo = broker.history("room", new StreamPosition(2, epoch), 100).join();
    assertThat(fromTwo.recovered()).isTrue();
    assertThat(fromTwo.publications()).extracting(p -> p.position().offset())
        .containsExactly(3L, 4L, 5L, 6L, 7L);
    assertThat(fromTwo.publications()).allSatisfy(p -> {
      assertThat(p.payloadText()).isEqualTo(published.get(p.position().offset()));
      assertThat(p.position().epoch()).isEqualTo(epoch);
      assertThat(p.inHistory()).isTrue();
    });
    assertThat(fromTwo.publications().get(1).excludedClient()).contains("c-4");
    assertThat(fromTwo.publications().get(0).excludedClient()).isEmpty();
    assertThat(broker.history("room", new StreamPosition(5, epoch), 100).join().publications())
        .extracting(p -> p.position().offset() + "=" + p.payloadText())
        .containsExactly("6=m6", "7=m7");

    // By age (one minute): 3..7 expire, 8 and 9 (published 40 s later) stay, then 10 follows.
    clock.advance(Duration.ofSeconds(40));
    assertThat(publish("room", "m8").position().offset()).isEqualTo(8);
    assertThat(publish("room", "m9").position().offset()).isEqualTo(9);
    clock.advance(Duration.ofSeconds(30));
    assertThat(broker.history("room", new StreamPosition(6, epoch), 100).join().lost())
        .contains(StreamGap.Reason.HISTORY_TRIMMED);
    assertThat(broker.history("room", new StreamPosition(7, epoch), 100).join().publications())
        .extracting(p -> p.position().offset() + "=" + p.payloadText())
        .containsExactly("8=m8", "9=m9");
    publish("room", "m10");
    assertThat(broker.history("room", new StreamPosition(8, epoch), 100).join().publications())
        .extracting(p -> p.position().offset() + "=" + p.payloadText())
        .containsExactly("9=m9", "10=m10");
    clock.advance(Duration.ofMinutes(2));
    History expired = broker.history("room", new StreamPosition(9, epoch), 100).join();
    assertThat(expired.lost()).contains(StreamGap.Reason.HISTORY_TRIMMED);
    assertThat(expired.top()).isEqualTo(new StreamPosition(10, epoch));
  }

  @Test
  void aBrokerWithoutHistoryCountsOffsetsButRecoversNothing() {
    InMemoryBroker none = InMemoryBroker.builder().historySize(0).clock(clock).build();
    try {
      String epoch = none.position("room").join().epoch();
      none.publish("room", "a".getBytes(UTF_8), PublishOptions.defaults()).join();
      none.publish("room", "b".getBytes(UTF_8), PublishOptions.defaults()).join();
      History history = none.history("room", new StreamPosition(1, epoch), 10).join();
      assertThat(history.lost()).contains(StreamGap.Reason.HISTORY_TRIMMED);
      assertThat(history.top()).isEqualTo(new StreamPosition(2, epoch));
      assertThat(none.history("room", new StreamPosition(2, epoch), 10).join().recovered()).isTrue();
    } finally {
      none.close();
    }
  }

  @Test
  void anotherEpochOrAnOffsetBeyondTheTopIsNotRecovered() {
    StreamPosition top = publish("room", "a").position();
    assertThat(broker.history("room", new StreamPosition(0, "other"), 10).join().lost())
        .contains(StreamGap.Reason.EPOCH_CHANGED);
    assertThat(broker.history("room", new StreamPosition(9, top.epoch()), 10).join().lost())
        .contains(StreamGap.Reason.EPOCH_CHANGED);
  }

  @Test
  void aForgottenStreamStartsANewEpochSoOldPositionsAreNotTrusted() {
    StreamPosition old = publish("room", "a").position();
    clock.advance(Duration.ofMinutes(11));
    assertThat(broker.streamCount()).isZero();

    StreamPosition fresh = broker.position("room").join();

    assertThat(fresh.epoch()).isNotEqualTo(old.epoch());
    assertThat(fresh.offset()).isZero();
    assertThat(broker.history("room", old, 10).join().lost())
        .contains(StreamGap.Reason.EPOCH_CHANGED);
  }

  @Test
  void aSubscribedStreamIsNeverForgotten() {
    broker.subscribe("room", new Recorder()).join();
    StreamPosition old = publish("room", "a").position();
    clock.advance(Duration.ofHours(2));
    assertThat(broker.streamCount()).isEqualTo(1);
    assertThat(broker.position("room").join()).isEqualTo(old);
  }

  @Test
  void aReplayedPublishIsNeitherStoredNorDeliveredTwice() {
    Recorder recorder = new Recorder();
    broker.subscribe("room", recorder).join();
    PublishOptions keyed = PublishOptions.defaults().withIdempotencyKey("msg-1");

    PublishResult first = broker.publish("room", "a".getBytes(UTF_8), keyed).join();
    PublishResult replay = broker.publish("room", "a".getBytes(UTF_8), keyed).join();

    assertThat(replay.duplicate()).isTrue();
    assertThat(replay.position()).isEqualTo(first.position());
    assertThat(recorder.texts()).containsExactly("a");
    assertThat(broker.position("room").join().offset()).isEqualTo(1);
    assertThat(metrics.snapshot().broker().publishes()).isEqualTo(1);

    clock.advance(Duration.ofSeconds(31));
    assertThat(broker.publish("room", "a".getBytes(UTF_8), keyed).join().duplicate()).isFalse();
  }

  @Test
  void aPublicationOutsideHistoryCarriesTheCurrentPositionAndIsNotRecovered() {
    Recorder recorder = new Recorder();
    broker.subscribe("room", recorder).join();
    StreamPosition stored = publish("room", "kept").position();

    PublishResult live =
        broker.publish("room", "live".getBytes(UTF_8), PublishOptions.defaults().withHistory(false))
            .join();

    assertThat(live.position()).isEqualTo(stored);
    assertThat(recorder.publications.get(1).inHistory()).isFalse();
    assertThat(recorder.texts()).containsExactly("kept", "live");
    History history = broker.history("room", new StreamPosition(0, stored.epoch()), 10).join();
    assertThat(history.publications()).extracting(Publication::payloadText).containsExactly("kept");
  }

  @Test
  void theExcludedClientTravelsWithThePublication() {
    Recorder recorder = new Recorder();
    broker.subscribe("room", recorder).join();
    broker.publish("room", "x".getBytes(UTF_8), PublishOptions.defaults().excluding("c-1")).join();
    assertThat(recorder.publications.get(0).excludedClient()).contains("c-1");
  }

  @Test
  void aChannelHasOneListenerAndSubscribingAgainWithItChangesNothing() {
    Recorder recorder = new Recorder();
    broker.subscribe("room", recorder).join();
    broker.subscribe("room", recorder).join();
    publish("room", "a");
    assertThat(recorder.texts()).containsExactly("a");
    assertThatThrownBy(() -> broker.subscribe("room", new Recorder()))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aFailingListenerDoesNotFailThePublish() {
    broker.subscribe("room", publication -> {
      throw new IllegalStateException("boom");
    }).join();
    assertThat(publish("room", "a").position().offset()).isEqualTo(1);
  }

  @Test
  void presenceListsCountsAndRemovesEntries() {
    broker.presence().add("room", new PresenceInfo("c2", "bob", broker.nodeId(), "")).join();
    broker.presence().add("room", new PresenceInfo("c1", "ann", broker.nodeId(), "{}")).join();
    broker.presence().add("other", new PresenceInfo("c3", "eve", broker.nodeId(), "")).join();

    assertThat(broker.presence().list("room").join())
        .extracting(PresenceInfo::clientId).containsExactly("c1", "c2");
    assertThat(broker.presence().count("room").join()).isEqualTo(2);

    broker.presence().remove("room", "c1").join();
    broker.presence().remove("room", "absent").join();
    assertThat(broker.presence().list("room").join())
        .extracting(PresenceInfo::user).containsExactly("bob");
    assertThat(broker.presence().count("nowhere").join()).isZero();
  }

  @Test
  void afterCloseOperationsFailAsUnavailableAndListenersLearnItIsDown() {
    List<Broker.State> states = new CopyOnWriteArrayList<>();
    broker.addStateListener(states::add);
    assertThat(broker.state()).isEqualTo(Broker.State.UP);

    broker.close();

    assertThat(states).containsExactly(Broker.State.DOWN);
    assertThat(broker.state()).isEqualTo(Broker.State.DOWN);
    assertThatThrownBy(() -> publish("room", "a"))
        .isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(BrokerUnavailableException.class);
    assertThat(metrics.snapshot().broker().publishFailures()).isEqualTo(1);
  }

  @Test
  void argumentsAreValidated() {
    assertThatThrownBy(() -> broker.publish("", new byte[0], PublishOptions.defaults()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> broker.publish("room", null, PublishOptions.defaults()))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> broker.history("room", new StreamPosition(0, "e"), -1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> broker.history("room", new StreamPosition(0, "e"), Broker.MAX_HISTORY_LIMIT + 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new StreamPosition(-1, "e")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new StreamPosition(0, "a b")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aPublisherDoesNotWaitForAnotherThreadsDeliveryAndEveryListenerSeesOffsetOrder() throws Exception {
    CountDownLatch firstDelivering = new CountDownLatch(1);
    CountDownLatch releaseFirst = new CountDownLatch(1);
    List<String> seen = new CopyOnWriteArrayList<>();
    broker.subscribe("room", new ChannelListener() {
      @Override
      public void onPublication(Publication publication) {
        seen.add(publication.payloadText());
        if (publication.payloadText().equals("first")) {
          firstDelivering.countDown();
          try {
            releaseFirst.await(10, TimeUnit.SECONDS); // a fan-out to many slow members
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
      }

      @Override
      public void onUnrecoverableGap(StreamGap gap) {}
    }).join();
    Recorder other = new Recorder();
    broker.newNode("b").subscribe("room", other).join();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<PublishResult> first = pool.submit(() -> publish("room", "first"));
      assertThat(firstDelivering.await(10, TimeUnit.SECONDS)).isTrue();
      // Another thread publishes while the first delivery runs: it returns at once, its
      // publication queued behind the first (the delivering thread hands it on).
      PublishResult second = broker.publish("room", "second".getBytes(UTF_8), PublishOptions.defaults())
          .get(5, TimeUnit.SECONDS);
      assertThat(second.position().offset()).isEqualTo(2);
      assertThat(seen).containsExactly("first");
      assertThat(first.isDone()).isFalse();
      releaseFirst.countDown();
      assertThat(first.get(10, TimeUnit.SECONDS).position().offset()).isEqualTo(1);
      assertThat(seen).containsExactly("first", "second");
      assertThat(other.texts()).containsExactly("first", "second");
    } finally {
      releaseFirst.countDown();
      pool.shutdownNow();
    }
  }

  @Test
  void aNodeThatUnsubscribedWhileDeliveriesWereQueuedGetsNoneOfThem() throws Exception {
    CountDownLatch firstDelivering = new CountDownLatch(1);
    CountDownLatch releaseFirst = new CountDownLatch(1);
    broker.subscribe("room", new ChannelListener() {
      @Override
      public void onPublication(Publication publication) {
        firstDelivering.countDown();
        try {
          releaseFirst.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }

      @Override
      public void onUnrecoverableGap(StreamGap gap) {}
    }).join();
    Broker nodeB = broker.newNode("b");
    Recorder leaver = new Recorder();
    nodeB.subscribe("room", leaver).join();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<PublishResult> first = pool.submit(() -> publish("room", "first"));
      assertThat(firstDelivering.await(10, TimeUnit.SECONDS)).isTrue();
      publish("room", "second"); // queued for both nodes
      nodeB.unsubscribe("room").join();
      Recorder again = new Recorder();
      nodeB.subscribe("room", again).join(); // a new subscription, after both publications
      releaseFirst.countDown();
      first.get(10, TimeUnit.SECONDS);
      assertThat(leaver.texts()).isEmpty();
      assertThat(again.texts()).isEmpty();
      publish("room", "third");
      assertThat(again.texts()).containsExactly("third");
    } finally {
      releaseFirst.countDown();
      pool.shutdownNow();
    }
  }
}
