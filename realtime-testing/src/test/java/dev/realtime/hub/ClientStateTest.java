package dev.realtime.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.realtime.testing.InMemoryTransport;
import dev.realtime.testing.TestConnection;
import dev.realtime.transport.OutboundMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A client's rooms and attributes are immutable collections replaced by compare-and-set, and a
 * user's connections an immutable set replaced under the user's lock: they must behave as the
 * concurrent collections they replaced, concurrent changes included.
 */
class ClientStateTest {
  private static final int THREADS = 8;

  private static Client only(Hub hub) {
    assertThat(hub.clients()).hasSize(1);
    return hub.clients().iterator().next();
  }

  @Test
  void attributesAreSetReplacedAndRemoved() {
    Hub hub = Hub.builder().build();
    new InMemoryTransport(hub).connect("/ws");
    Client client = only(hub);
    assertThat(client.attribute("a")).isEmpty();
    client.setAttribute("a", "one");
    client.setAttribute("b", 2);
    assertThat(client.<String>attribute("a")).hasValue("one");
    assertThat(client.<Integer>attribute("b")).hasValue(2);
    client.setAttribute("a", "uno");
    assertThat(client.<String>attribute("a")).hasValue("uno");
    client.setAttribute("a", null);
    client.setAttribute("never-set", null);
    assertThat(client.attribute("a")).isEmpty();
    assertThat(client.<Integer>attribute("b")).hasValue(2);
  }

  @Test
  void concurrentAttributeChangesAreAllKept() throws Exception {
    Hub hub = Hub.builder().build();
    new InMemoryTransport(hub).connect("/ws");
    Client client = only(hub);
    runConcurrently(thread -> {
      for (int i = 0; i < 200; i++) {
        client.setAttribute(thread + "-" + i, i);
      }
    });
    for (int thread = 0; thread < THREADS; thread++) {
      for (int i = 0; i < 200; i++) {
        assertThat(client.<Integer>attribute(thread + "-" + i)).hasValue(i);
      }
    }
  }

  @Test
  void roomsIsASnapshotThatFollowsJoinsAndLeaves() {
    Hub hub = Hub.builder().settings(HubSettings.DEFAULTS.withMaxRoomsPerClient(1_000)).build();
    new InMemoryTransport(hub).connect("/ws");
    Client client = only(hub);
    assertThat(client.rooms()).isEmpty();
    assertThat(client.join("a")).isTrue();
    assertThat(client.join("a")).isFalse();
    Set<String> before = client.rooms();
    assertThat(client.join("b")).isTrue();
    assertThat(before).containsExactly("a");
    assertThat(client.rooms()).containsExactlyInAnyOrder("a", "b");
    assertThat(client.inRoom("b")).isTrue();
    assertThat(client.leave("a")).isTrue();
    assertThat(client.leave("a")).isFalse();
    assertThat(client.rooms()).containsExactly("b");
    assertThat(hub.room("a").size()).isZero();
  }

  @Test
  void concurrentJoinsOfOneClientKeepEveryRoom() throws Exception {
    Hub hub = Hub.builder().settings(HubSettings.DEFAULTS.withMaxRoomsPerClient(10_000)).build();
    new InMemoryTransport(hub).connect("/ws");
    Client client = only(hub);
    runConcurrently(thread -> {
      for (int i = 0; i < 100; i++) {
        client.join("room-" + thread + "-" + i);
      }
    });
    assertThat(client.rooms()).hasSize(THREADS * 100);
    assertThat(hub.roomNames()).hasSize(THREADS * 100);
    runConcurrently(thread -> {
      for (int i = 0; i < 100; i += 2) {
        client.leave("room-" + thread + "-" + i);
      }
    });
    assertThat(client.rooms()).hasSize(THREADS * 50).allMatch(room -> Integer.parseInt(room.substring(room.lastIndexOf('-') + 1)) % 2 == 1);
    assertThat(hub.roomNames()).hasSize(THREADS * 50);
  }

  @Test
  void aUsersConnectionsFollowOpensUserChangesAndCloses() {
    Hub hub = Hub.builder()
        .onConnect(ctx -> ctx.client().setUser(ctx.client().handshake().query("user").orElseThrow()))
        .build();
    InMemoryTransport transport = new InMemoryTransport(hub);
    TestConnection phone = transport.connect("/ws?user=alice");
    TestConnection laptop = transport.connect("/ws?user=alice");
    transport.connect("/ws?user=bob");
    assertThat(hub.clientsOf("alice")).hasSize(2);
    Client laptopClient = hub.clientsOf("alice").stream()
        .filter(client -> client.connection() == laptop).findFirst().orElseThrow();
    laptopClient.setUser("carol");
    assertThat(hub.clientsOf("alice")).hasSize(1);
    assertThat(hub.clientsOf("carol")).containsExactly(laptopClient);
    phone.disconnect(1000, "");
    assertThat(hub.clientsOf("alice")).isEmpty();
    assertThat(hub.stats().totalUsers()).isEqualTo(2);
  }

  @Test
  void roomsFollowJoinsAndLeavesThroughOneRoomAndSeveral() {
    Hub hub = Hub.builder().build();
    new InMemoryTransport(hub).connect("/ws");
    Client client = hub.clients().iterator().next();
    assertThat(client.rooms()).isEmpty();
    assertThat(client.join("a")).isTrue();
    assertThat(client.join("a")).isFalse();
    assertThat(client.rooms()).containsExactly("a");
    assertThat(client.inRoom("a")).isTrue();
    assertThat(client.inRoom("b")).isFalse();
    assertThat(client.join("b")).isTrue();
    assertThat(client.rooms()).containsExactlyInAnyOrder("a", "b");
    assertThat(client.leave("a")).isTrue();
    assertThat(client.rooms()).containsExactly("b");
    assertThat(client.inRoom("a")).isFalse();
    assertThat(client.inRoom("b")).isTrue();
    assertThat(hub.roomNames()).containsExactly("b");
    assertThatThrownBy(() -> client.rooms().add("c")).isInstanceOf(UnsupportedOperationException.class);
    assertThat(client.leave("b")).isTrue();
    assertThat(client.rooms()).isEmpty();
    assertThat(hub.roomNames()).isEmpty();
  }

  @Test
  void aUserGoesFromOneConnectionToThreeAndBackAndEachSendReachesTheCurrentOnes() {
    Hub hub = Hub.builder()
        .onConnect(ctx -> ctx.client().setUser(ctx.client().handshake().query("user").orElseThrow()))
        .build();
    InMemoryTransport transport = new InMemoryTransport(hub);
    TestConnection first = transport.connect("/ws?user=alice");
    assertThat(hub.clientsOf("alice")).hasSize(1);
    hub.sendToUser("alice", OutboundMessage.text("one"));
    TestConnection second = transport.connect("/ws?user=alice");
    TestConnection third = transport.connect("/ws?user=alice");
    assertThat(hub.clientsOf("alice")).hasSize(3);
    hub.sendToUser("alice", OutboundMessage.text("three"));
    second.disconnect(1000, "");
    assertThat(hub.clientsOf("alice")).hasSize(2);
    first.disconnect(1000, "");
    assertThat(hub.clientsOf("alice")).hasSize(1).allMatch(client -> client.connection() == third);
    hub.sendToUser("alice", OutboundMessage.text("last"));
    assertThat(first.received()).containsExactly("one", "three");
    assertThat(second.received()).containsExactly("three");
    assertThat(third.received()).containsExactly("three", "last");
    third.disconnect(1000, "");
    assertThat(hub.clientsOf("alice")).isEmpty();
    assertThat(hub.stats().totalUsers()).isZero();
    TestConnection again = transport.connect("/ws?user=alice");
    hub.sendToUser("alice", OutboundMessage.text("back"));
    assertThat(again.received()).containsExactly("back");
  }

  private interface Work {
    void run(int thread) throws Exception;
  }

  private static void runConcurrently(Work work) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> done = new ArrayList<>();
      for (int thread = 0; thread < THREADS; thread++) {
        int number = thread;
        done.add(pool.submit(() -> {
          start.await();
          work.run(number);
          return null;
        }));
      }
      start.countDown();
      for (Future<?> future : done) {
        future.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
