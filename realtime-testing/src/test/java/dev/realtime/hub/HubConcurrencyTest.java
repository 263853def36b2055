package dev.realtime.hub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.testing.InMemoryTransport;
import dev.realtime.testing.TestConnection;
import dev.realtime.transport.OutboundMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Many threads joining, leaving and broadcasting at once: nothing lost, duplicated or leaked. */
class HubConcurrencyTest {
  private static final int ROOMS = 8;
  private static final int STABLE_PER_ROOM = 5;
  private static final int BROADCASTERS = 8;
  private static final int MESSAGES_PER_BROADCASTER = 400;
  private static final int CHURNERS = 6;
  private static final int CHURN_CLIENTS = 150;

  @Test
  void concurrentJoinLeaveAndBroadcastDeliverExactlyOnce() throws Exception {
    CountingMetrics metrics = new CountingMetrics();
    Hub hub = Hub.builder().metrics(metrics).build();
    InMemoryTransport transport = new InMemoryTransport(hub);

    Map<Integer, List<TestConnection>> stable = new HashMap<>();
    for (int room = 0; room < ROOMS; room++) {
      List<TestConnection> members = new ArrayList<>();
      for (int i = 0; i < STABLE_PER_ROOM; i++) {
        TestConnection connection = transport.connect("/ws");
        clientOf(hub, connection).join("room-" + room);
        members.add(connection);
      }
      stable.put(room, members);
    }

    ExecutorService pool = Executors.newFixedThreadPool(BROADCASTERS + CHURNERS);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> futures = new ArrayList<>();
    for (int b = 0; b < BROADCASTERS; b++) {
      int sender = b;
      futures.add(pool.submit((Callable<Void>) () -> {
        start.await();
        String room = "room-" + (sender % ROOMS);
        for (int seq = 0; seq < MESSAGES_PER_BROADCASTER; seq++) {
          hub.room(room).broadcast(OutboundMessage.text(sender + ":" + seq));
        }
        return null;
      }));
    }
    for (int c = 0; c < CHURNERS; c++) {
      long seed = c;
      futures.add(pool.submit((Callable<Void>) () -> {
        SplittableRandom random = new SplittableRandom(seed);
        start.await();
        for (int i = 0; i < CHURN_CLIENTS; i++) {
          TestConnection connection = transport.connect("/ws");
          Client client = clientOf(hub, connection);
          client.setUser("churner-" + seed);
          for (int j = 0; j < 3; j++) {
            client.join("room-" + random.nextInt(ROOMS));
          }
          if (random.nextBoolean()) {
            client.leave("room-" + random.nextInt(ROOMS));
          }
          connection.disconnect(1000, "done");
        }
        return null;
      }));
    }
    start.countDown();
    for (Future<?> future : futures) {
      future.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();

    for (int room = 0; room < ROOMS; room++) {
      for (TestConnection member : stable.get(room)) {
        List<String> expected = new ArrayList<>();
        Map<Integer, Integer> nextSeq = new HashMap<>();
        for (String message : member.received()) {
          String[] parts = message.split(":");
          int sender = Integer.parseInt(parts[0]);
          int seq = Integer.parseInt(parts[1]);
          assertThat(sender % ROOMS).as("delivered to the wrong room").isEqualTo(room);
          // per-sender order is kept, with no gap and no duplicate
          assertThat(seq).isEqualTo(nextSeq.getOrDefault(sender, 0));
          nextSeq.put(sender, seq + 1);
        }
        for (int sender = 0; sender < BROADCASTERS; sender++) {
          if (sender % ROOMS == room) {
            assertThat(nextSeq.getOrDefault(sender, 0)).isEqualTo(MESSAGES_PER_BROADCASTER);
            for (int seq = 0; seq < MESSAGES_PER_BROADCASTER; seq++) {
              expected.add(sender + ":" + seq);
            }
          }
        }
        assertThat(member.received()).containsExactlyInAnyOrderElementsOf(expected);
      }
    }

    assertThat(hub.clientCount()).isEqualTo(ROOMS * STABLE_PER_ROOM);
    for (int room = 0; room < ROOMS; room++) {
      assertThat(hub.room("room-" + room).size()).isEqualTo(STABLE_PER_ROOM);
    }
    assertThat(hub.clientsOf("churner-0")).isEmpty();

    for (List<TestConnection> members : stable.values()) {
      for (TestConnection member : members) {
        member.disconnect(1000, "bye");
      }
    }
    assertThat(hub.roomNames()).isEmpty();
    assertThat(hub.clientCount()).isZero();
    assertThat(metrics.roomsCreated.get()).isEqualTo(metrics.roomsRemoved.get());
    assertThat(metrics.opened.get()).isEqualTo(metrics.closed.get());
  }

  private static Client clientOf(Hub hub, TestConnection connection) {
    for (Client client : hub.clients()) {
      if (client.connection() == connection) {
        return client;
      }
    }
    throw new AssertionError("no client for " + connection);
  }
}
