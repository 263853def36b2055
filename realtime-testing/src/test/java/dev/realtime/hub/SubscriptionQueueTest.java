package dev.realtime.hub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.broker.Publication;
import dev.realtime.broker.StreamPosition;
import dev.realtime.broker.memory.InMemoryBroker;
import dev.realtime.metrics.RealtimeMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The membership decisions a {@link Subscription} queues reach the broker once each, in order. */
class SubscriptionQueueTest {
  private static final String CHANNEL = "t:user:u";

  private final ControlledBroker broker = new ControlledBroker(InMemoryBroker.create());
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final FanOut fanOut = new FanOut(HubSettings.DEFAULTS, RealtimeMetrics.noop(), broker, true,
      new ChannelNames("t"), 100, () -> scheduler);
  private final ExecutorService threads = Executors.newFixedThreadPool(4);

  @AfterEach
  void stop() throws Exception {
    threads.shutdownNow();
    scheduler.shutdownNow();
    assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void decisionsRunInTheOrderTheyWereQueued() {
    Probe probe = new Probe();
    probe.enqueue(Subscription.Op.UNSUBSCRIBE);
    probe.enqueue(Subscription.Op.SUBSCRIBE);
    probe.enqueue(Subscription.Op.SUBSCRIBE);
    assertThat(broker.calls()).isEmpty(); // queued only: no broker call until the drain
    probe.drain();
    assertThat(broker.calls()).containsExactly("-" + CHANNEL, "+" + CHANNEL, "+" + CHANNEL);
    assertThat(probe.phase()).isEqualTo(Subscription.Phase.LIVE);
    probe.enqueue(Subscription.Op.UNSUBSCRIBE);
    probe.drain();
    assertThat(broker.calls()).hasSize(4).last().isEqualTo("-" + CHANNEL);
    assertThat(probe.phase()).isEqualTo(Subscription.Phase.IDLE);
    assertThat(probe.idle()).isTrue();
  }

  @Test
  void oneProducerKeepsItsOrderWhileOthersDrainConcurrently() throws Exception {
    int decisions = 10_000;
    Probe probe = new Probe();
    CountDownLatch produced = new CountDownLatch(1);
    List<Future<?>> drainers = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      drainers.add(threads.submit(() -> {
        while (produced.getCount() > 0) {
          probe.drain();
        }
        probe.drain();
      }));
    }
    threads.submit(() -> {
      for (int i = 0; i < decisions; i++) {
        probe.enqueue(i % 2 == 0 ? Subscription.Op.SUBSCRIBE : Subscription.Op.UNSUBSCRIBE);
        if (i % 7 == 0) {
          probe.drain();
        }
      }
      produced.countDown();
    }).get(30, TimeUnit.SECONDS);
    for (Future<?> drainer : drainers) {
      drainer.get(30, TimeUnit.SECONDS);
    }
    probe.drain();
    List<String> calls = broker.calls();
    assertThat(calls).hasSize(decisions);
    for (int i = 0; i < decisions; i++) {
      assertThat(calls.get(i)).as("call %d", i).isEqualTo((i % 2 == 0 ? "+" : "-") + CHANNEL);
    }
    assertThat(probe.phase()).isEqualTo(Subscription.Phase.IDLE);
    assertThat(probe.idle()).isTrue();
  }

  @Test
  void everyDecisionOfConcurrentProducersRunsExactlyOnce() throws Exception {
    int perThread = 2_500;
    Probe probe = new Probe();
    List<Future<?>> producers = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      producers.add(threads.submit(() -> {
        for (int i = 0; i < perThread; i++) {
          probe.enqueue(i % 2 == 0 ? Subscription.Op.SUBSCRIBE : Subscription.Op.UNSUBSCRIBE);
          probe.drain();
        }
      }));
    }
    for (Future<?> producer : producers) {
      producer.get(30, TimeUnit.SECONDS);
    }
    probe.drain();
    List<String> calls = broker.calls();
    assertThat(calls.stream().filter(call -> call.startsWith("+"))).hasSize(2 * perThread);
    assertThat(calls.stream().filter(call -> call.startsWith("-"))).hasSize(2 * perThread);
    // Nothing left queued: a later decision runs at once and alone.
    probe.enqueue(Subscription.Op.SUBSCRIBE);
    probe.drain();
    assertThat(broker.calls()).hasSize(calls.size() + 1).last().isEqualTo("+" + CHANNEL);
    assertThat(probe.phase()).isEqualTo(Subscription.Phase.LIVE);
  }

  /** A subscription that does nothing with what it receives. */
  private final class Probe extends Subscription {
    Probe() {
      super(CHANNEL, fanOut);
    }

    @Override
    void onLive(StreamPosition baseline, boolean afterFailure) {}

    @Override
    public void onPublication(Publication publication) {}
  }
}
