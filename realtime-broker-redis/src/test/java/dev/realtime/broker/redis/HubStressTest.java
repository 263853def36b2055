package dev.realtime.broker.redis;

import static dev.realtime.broker.redis.ChatNodes.connect;
import static dev.realtime.broker.redis.ChatNodes.connectLive;
import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.broker.History;
import dev.realtime.broker.Publication;
import dev.realtime.broker.StreamPosition;
import dev.realtime.hub.Hub;
import dev.realtime.protocol.Json;
import dev.realtime.testing.TestConnection;
import dev.realtime.testing.redis.RedisExtension;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Three hubs on one Redis with threads joining, leaving and broadcasting at random at once. At the
 * end, against the room's stream as Redis kept it: steady members on every node got all of it, in
 * its order; every member that came and went got an unbroken run of it while it was in (including
 * rooms whose subscriptions came and went with their only members); nothing twice.
 */
class HubStressTest {

  @RegisterExtension static final RedisExtension REDIS = RedisExtension.standalone();

  private static final List<String> STEADY_ROOMS = List.of("room-0", "room-1");
  /** Only visitors go there, so each node subscribes and unsubscribes it again and again. */
  private static final String FLEETING_ROOM = "room-fleeting";
  private static final int WORKERS_PER_NODE = 2;
  private static final int OPERATIONS = 250;

  /** One connection that came (and maybe went), in one room, and what it said there. */
  record Visitor(String room, TestConnection connection, List<String> said) {}

  @Test
  void everyMemberOnEveryNodeGotExactlyItsRoomsFramesWhileInInOneOrder() throws Exception {
    try (ChatNodes nodes = new ChatNodes(REDIS.uri(), false)) {
      List<Hub> hubs = List.of(nodes.start("a"), nodes.start("b"), nodes.start("c"));
      Map<String, List<TestConnection>> steady = new HashMap<>();
      for (String room : STEADY_ROOMS) {
        List<TestConnection> members = new ArrayList<>();
        for (Hub hub : hubs) {
          members.add(connectLive(hub, room, ""));
          members.add(connectLive(hub, room, ""));
        }
        steady.put(room, members);
      }
      List<String> rooms = new ArrayList<>(STEADY_ROOMS);
      rooms.add(FLEETING_ROOM);

      List<Visitor> visitors = new CopyOnWriteArrayList<>();
      List<String> sent = new CopyOnWriteArrayList<>();
      ExecutorService pool = Executors.newFixedThreadPool(hubs.size() * WORKERS_PER_NODE);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> workers = new ArrayList<>();
      for (Hub hub : hubs) {
        for (int w = 0; w < WORKERS_PER_NODE; w++) {
          String worker = hub.nodeId() + w;
          SplittableRandom random = new SplittableRandom(worker.hashCode());
          workers.add(pool.submit(() -> {
            start.await();
            List<Visitor> mine = new ArrayList<>();
            for (int op = 0; op < OPERATIONS; op++) {
              String room = rooms.get(random.nextInt(rooms.size()));
              int choice = random.nextInt(10);
              String id = worker + "-" + op;
              if (choice < 2 || mine.isEmpty()) {
                Visitor visitor = new Visitor(room, connect(hub, "/ws?room=" + room), new CopyOnWriteArrayList<>());
                mine.add(visitor);
                visitors.add(visitor);
              } else if (choice < 4) {
                mine.remove(random.nextInt(mine.size())).connection().disconnect(1000, "bye");
              } else if (choice < 7 || room.equals(FLEETING_ROOM)) {
                Visitor speaker = mine.get(random.nextInt(mine.size()));
                speaker.connection().send(say(speaker.room(), id));
                speaker.said().add(id);
                sent.add(id);
              } else {
                List<TestConnection> members = steady.get(room);
                members.get(random.nextInt(members.size())).send(say(room, id));
                sent.add(id);
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
      Await.until("every broadcast answered", () -> nodes.outcomes.keySet().containsAll(sent));
      assertThat(nodes.failures).as("failed broadcasts").isEmpty();

      Map<String, List<String>> streams = new HashMap<>();
      int total = 0;
      for (String room : rooms) {
        List<String> stream = stream(nodes.broker("a"), hubs.get(0), room);
        streams.put(room, stream);
        total += stream.size();
      }
      assertThat(total).as("each broadcast once in its room's stream").isEqualTo(sent.size());

      for (String room : STEADY_ROOMS) {
        List<String> stream = streams.get(room);
        for (TestConnection member : steady.get(room)) {
          Await.until("a steady member of " + room + " got it all", () -> frames(member, room).size() >= stream.size());
          assertThat(frames(member, room)).isEqualTo(stream);
        }
      }
      int checkedRuns = 0;
      for (Visitor visitor : visitors) {
        if (visitor.connection().isOpen()) {
          // Its own node published behind the subscription, so a member hears itself, even one
          // whose join made the node subscribe an instant before it spoke.
          Await.until("a visitor hears itself", () -> ids(visitor).containsAll(visitor.said()));
        }
        List<String> run = frames(visitor.connection(), visitor.room());
        if (run.isEmpty()) {
          continue;
        }
        List<String> stream = streams.get(visitor.room());
        int from = Integer.parseInt(run.get(0).substring(0, run.get(0).indexOf('=')));
        assertThat(run).as("a visitor of %s", visitor.room()).isEqualTo(stream.subList(from - 1, from - 1 + run.size()));
        checkedRuns++;
      }
      assertThat(checkedRuns).isPositive();
    }
  }

  private static List<String> ids(Visitor visitor) {
    return frames(visitor.connection(), visitor.room()).stream().map(frame -> frame.substring(frame.indexOf('=') + 1)).toList();
  }

  private static String say(String room, String id) {
    return "{\"type\":\"say\",\"room\":\"" + room + "\",\"text\":\"x\",\"id\":\"" + id + "\"}";
  }

  /** The room's stream as Redis kept it, as {@code offset=id}. */
  private static List<String> stream(RedisBroker broker, Hub hub, String room) {
    StreamPosition top = hub.room(room).position().toCompletableFuture().join();
    History history = broker.history("chat:room:" + room, new StreamPosition(0, top.epoch()), 10_000).join();
    assertThat(history.recovered()).isTrue();
    List<String> frames = new ArrayList<>();
    for (Publication publication : history.publications()) {
      // The hub's payload: one kind byte ('t' for text), then the frame as the application gave it.
      String id = Json.parseObject(publication.payloadText().substring(1)).get("id").getAsString();
      frames.add(publication.position().offset() + "=" + id);
    }
    return frames;
  }

  /** A member's frames of {@code room}, as {@code offset=id}. */
  private static List<String> frames(TestConnection connection, String room) {
    return connection.receivedOfType("said").stream()
        .filter(frame -> frame.get("room").getAsString().equals(room))
        .map(frame -> frame.get("offset").getAsLong() + "=" + frame.get("id").getAsString())
        .toList();
  }
}
