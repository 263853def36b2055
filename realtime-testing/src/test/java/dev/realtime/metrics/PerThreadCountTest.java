package dev.realtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PerThreadCountTest {

  @Test
  void countsFromManyThreadsAreExactAfterTheyReturnAndWhileOthersKeepAdding() throws Exception {
    PerThreadCount count = new PerThreadCount();
    int threads = 6;
    int adds = 50_000;
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int bytes = t + 1;
      Thread worker = new Thread(() -> {
        awaitQuietly(start);
        for (int i = 0; i < adds; i++) {
          count.add(bytes);
        }
      });
      worker.start();
      workers.add(worker);
    }
    start.countDown();
    // Reads while the adds race: never more than has been added, never going back.
    long previous = 0;
    while (workers.stream().anyMatch(Thread::isAlive)) {
      long now = count.count();
      assertThat(now).isBetween(previous, (long) threads * adds);
      previous = now;
    }
    for (Thread worker : workers) {
      worker.join();
    }
    // 1 + 2 + … + threads bytes per round
    assertThat(count.count()).isEqualTo((long) threads * adds);
    assertThat(count.bytes()).isEqualTo((long) adds * threads * (threads + 1) / 2);
  }

  @Test
  void theCountsOfThreadsThatEndedAreKeptWhenNewThreadsArriveAndTheLiveOnesStillCount() throws Exception {
    PerThreadCount count = new PerThreadCount();
    // A long-lived thread (an event loop) adds before and after many short-lived ones end.
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong loopAdds = new AtomicLong();
    CountDownLatch loopStarted = new CountDownLatch(1);
    Thread loop = new Thread(() -> {
      count.add(10);
      loopAdds.incrementAndGet();
      loopStarted.countDown();
      while (!stop.get()) {
        count.add(10);
        loopAdds.incrementAndGet();
      }
    });
    loop.start();
    loopStarted.await();
    for (int round = 0; round < 200; round++) {
      Thread shortLived = new Thread(() -> {
        count.add(1);
        count.add(1);
      });
      shortLived.start();
      shortLived.join();
    }
    count.add(7); // this thread too
    stop.set(true);
    loop.join();

    long expected = 200 * 2 + 1 + loopAdds.get();
    assertThat(count.count()).isEqualTo(expected);
    assertThat(count.bytes()).isEqualTo(200 * 2 + 7 + 10 * loopAdds.get());
    // Read twice: retiring ended threads' cells does not count them again.
    assertThat(count.count()).isEqualTo(expected);
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
