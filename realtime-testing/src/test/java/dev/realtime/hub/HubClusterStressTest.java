package dev.realtime.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.realtime.broker.memory.InMemoryBroker;
import dev.realtime.testing.InMemoryTransport;
import dev.realtime.testing.TestConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Three hubs on one in-memory cluster, with threads joining, leaving and broadcasting at random
 * at once: every room has one order, seen whole by its steady members on every node, and every
 * other member saw an unbroken run of it while it was in.
 */
class HubClusterStressTest {
  private static final int NODES = 3;
  private static final int ROOMS = 3;
  private static final int STEADY_PER_ROOM = 2;
  private static final int WORKERS_PER_NODE = 2;
  private static final int OPERATIONS = 400;

  /** One connection that came and went, in one room. */
  record Visitor(String room, TestConnection connection) {}

  @Test
  void everyMemberOnEveryNodeSeesItsRoomsOneOrderWithoutGapOrDuplicate() throws Exception {
    InMemoryBroker first = InMemoryBroker.builder().nodeId("n0").build();
    List<Hub> hubs = new ArrayList<>();
    Map<String, Set<String>> published = new ConcurrentHashMap<>();
    for (int n = 0; n < NODES; n++) {
      hubs.add(Hub.builder()
          .name("stress")
          .broker(n == 0 ? first : first.newNode("n" + n))
          .onConnect(ctx -> ctx.client().join(ctx.client().handshake().query("room").orElseThrow()))
          .on("say", ctx -> {
            String room = ctx.message().get("room").getAsString();
            String text = ctx.message().get("text").getAsString();
            JsonObject frame = new JsonObject();
            frame.addProperty("type", "said");
            frame.addProperty("room", room);
            frame.addProperty("text", text);
            ctx.broadcast(room, frame).thenAccept(position ->
                published.computeIfAbsent(room, r -> ConcurrentHashMap.newKeySet()).add(text));
          })
          .build());
    }
    Map<String, List<TestConnection>> steady = new ConcurrentHashMap<>();
    for (Hub hub : hubs) {
      InMemoryTransport transport = new InMemoryTransport(hub);
      for (int r = 0; r < ROOMS; r++) {
        for (int i = 0; i < STEADY_PER_ROOM; i++) {
          steady.computeIfAbsent("room-" + r, k -> new CopyOnWriteArrayList<>()).add(transport.connect("/ws?room=room-" + r));
        }
      }
    }

    List<Visitor> visitors = new CopyOnWriteArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(NODES * WORKERS_PER_NODE);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> workers = new ArrayList<>();
    for (int n = 0; n < NODES; n++) {
      InMemoryTransport transport = new InMemoryTransport(hubs.get(n));
      for (int w = 0; w < WORKERS_PER_NODE; w++) {
        String worker = n + "." + w;
        SplittableRandom random = new SplittableRandom(n * 31L + w);
        workers.add(pool.submit(() -> {
          start.await();
          List<Visitor> mine = new ArrayList<>();
          for (int op = 0; op < OPERATIONS; op++) {
            String room = "room-" + random.nextInt(ROOMS);
            int choice = random.nextInt(10);
            if (choice < 2) {
              Visitor visitor = new Visitor(room, transport.connect("/ws?room=" + room));
              mine.add(visitor);
              visitors.add(visitor);
            } else if (choice < 3 && !mine.isEmpty()) {
              Visitor leaving = mine.remove(random.nextInt(mine.size()));
              leaving.connection().disconnect(1000, "bye");
            } else if (choice < 6 && !mine.isEmpty()) {
              Visitor speaker = mine.get(random.nextInt(mine.size()));
              speaker.connection().send(say(speaker.room(), worker + ":" + op));
            } else {
              TestConnection member = steady.get(room).get(random.nextInt(steady.get(room).size()));
              member.send(say(room, worker + ":" + op));
            }
          }
          return null;
        }));
      }
    }
    start.countDown();
    for (Future<?> worker : workers) {
      worker.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();

    for (int r = 0; r < ROOMS; r++) {
      String room = "room-" + r;
      List<String> order = frames(steady.get(room).get(0), room);
      for (int i = 0; i < order.size(); i++) {
        assertThat(order.get(i)).startsWith((i + 1) + "=");
      }
      assertThat(order).hasSize(published.getOrDefault(room, Set.of()).size());
      for (TestConnection member : steady.get(room)) {
        assertThat(frames(member, room)).as("a steady member of %s", room).isEqualTo(order);
      }
      for (Visitor visitor : visitors) {
        if (visitor.room().equals(room)) {
          List<String> run = frames(visitor.connection(), room);
          if (!run.isEmpty()) {
            int from = Integer.parseInt(run.get(0).substring(0, run.get(0).indexOf('=')));
            assertThat(run).as("a visitor of %s", room).isEqualTo(order.subList(from - 1, from - 1 + run.size()));
          }
        }
      }
    }
    assertThat(visitors).isNotEmpty();
    hubs.forEach(Hub::close);
  }

  private static String say(String room, String text) {
    return "{\"type\":\"say\",\"room\":\"" + room + "\",\"text\":\"" + text + "\"}";
  }

  /** A member's frames of {@code room}, as {@code offset=text}. */
  private static List<String> frames(TestConnection connection, String room) {
    return connection.receivedOfType("said").stream()
        .filter(frame -> frame.get("room").getAsString().equals(room))
        .map(frame -> frame.get("offset").getAsLong() + "=" + frame.get("text").getAsString())
        .toList();
  }
}
