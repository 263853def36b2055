package dev.realtime.broker.redis;

import static dev.realtime.broker.redis.ChatNodes.connectLive;
import static dev.realtime.broker.redis.ChatNodes.ids;
import static dev.realtime.broker.redis.ChatNodes.say;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.realtime.broker.Broker;
import dev.realtime.hub.Hub;
import dev.realtime.testing.TestConnection;
import dev.realtime.testing.redis.RedisExtension;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Redis stops in the middle of traffic between three hubs and comes back: senders of what could
 * not be delivered are told ({@code unavailable}, with their message's id), nobody is
 * disconnected, and traffic resumes by itself. With persistence nothing is lost; without it, every
 * member is told to resync. Either way nothing arrives twice and every member sees one order.
 */
abstract class HubOutageContract {
  private static final int BEFORE = 10;
  private static final int FAILURES = 3;
  private static final int AFTER = 10;

  private ChatNodes nodes;

  abstract RedisExtension redis();

  abstract boolean persistent();

  @BeforeEach
  void nodes() {
    nodes = new ChatNodes(redis().uri(), false);
  }

  @AfterEach
  void close() {
    nodes.close();
  }

  /** One node's sender: sends one message at a time, waiting for its outcome. */
  private final class Sender {
    final String node;
    final TestConnection connection;
    final AtomicInteger next = new AtomicInteger();
    final List<String> sent = new ArrayList<>();
    int sentBeforeRestart;

    Sender(String node, TestConnection connection) {
      this.node = node;
      this.connection = connection;
    }

    String sendOne() {
      String id = node + "-" + next.getAndIncrement();
      sent.add(id);
      connection.send(say("traffic", id));
      Await.until("the outcome of " + id, () -> nodes.outcomes.containsKey(id));
      return nodes.outcomes.get(id);
    }

    long failed() {
      return sent.stream().filter(id -> "failed".equals(nodes.outcomes.get(id))).count();
    }
  }

  @Test
  void aRedisOutageMidTrafficLosesNothingSilentlyAndTrafficResumesByItself() throws Exception {
    List<Hub> hubs = List.of(nodes.start("a"), nodes.start("b"), nodes.start("c"));
    List<TestConnection> members = new ArrayList<>();
    List<Sender> senders = new ArrayList<>();
    for (Hub hub : hubs) {
      TestConnection speaking = connectLive(hub, "r", "user=" + hub.nodeId());
      members.add(speaking);
      members.add(connectLive(hub, "r", "user=listener"));
      senders.add(new Sender(hub.nodeId(), speaking));
    }

    // Traffic from three threads; Redis stops while it flows, and each sender goes on until it
    // has seen its messages fail.
    AtomicInteger okBeforeStop = new AtomicInteger();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<Thread> threads = new ArrayList<>();
    for (Sender sender : senders) {
      threads.add(new Thread(() -> {
        try {
          while (sender.failed() < FAILURES) {
            if ("ok".equals(sender.sendOne())) {
              okBeforeStop.incrementAndGet();
            }
          }
        } catch (Throwable e) {
          failure.set(e);
        }
      }));
    }
    threads.forEach(Thread::start);
    Await.until("traffic flows", () -> okBeforeStop.get() >= 3 * BEFORE);
    redis().server().stop();
    for (Thread thread : threads) {
      thread.join(30_000);
    }
    assertThat(failure.get()).isNull();
    for (Hub hub : hubs) {
      Await.until(hub.nodeId() + " sees Redis down", () -> hub.brokerState() == Broker.State.DOWN);
    }

    // Each failed message's sender got an error frame with its id, and stays connected.
    for (Sender sender : senders) {
      Set<String> failedIds = new HashSet<>();
      sender.sent.stream().filter(id -> "failed".equals(nodes.outcomes.get(id))).forEach(failedIds::add);
      List<JsonObject> errors = sender.connection.receivedOfType("error");
      assertThat(errors).extracting(error -> error.get("code").getAsString()).containsOnly("unavailable");
      Await.until("every failure answered", () -> sender.connection.receivedOfType("error").size() == failedIds.size());
      assertThat(sender.connection.receivedOfType("error")).extracting(error -> error.get("id").getAsString())
          .containsExactlyInAnyOrderElementsOf(failedIds);
    }
    assertThat(members).allMatch(TestConnection::isOpen);

    senders.forEach(sender -> sender.sentBeforeRestart = sender.sent.size());
    redis().server().restart();
    for (Hub hub : hubs) {
      Await.until(hub.nodeId() + " sees Redis back", () -> hub.brokerState() == Broker.State.UP);
    }
    for (int i = 0; i < AFTER; i++) {
      for (Sender sender : senders) {
        assertThat(sender.sendOne()).as("a send after the restart").isEqualTo("ok");
      }
    }

    List<String> delivered = new ArrayList<>();
    List<String> afterRestart = new ArrayList<>();
    for (Sender sender : senders) {
      delivered.addAll(nodes.succeeded(sender.sent));
      afterRestart.addAll(sender.sent.subList(sender.sentBeforeRestart, sender.sent.size()));
    }
    for (TestConnection member : members) {
      Await.until("the messages after the restart reached every member", () -> ids(member).containsAll(afterRestart));
    }
    List<String> reference = ids(members.get(0));
    for (TestConnection member : members) {
      List<String> got = ids(member);
      assertThat(new HashSet<>(got)).as("no duplicate").hasSize(got.size());
      List<JsonObject> resyncs = member.receivedOfType("recovery").stream()
          .filter(frame -> !frame.get("recovered").getAsBoolean()).toList();
      if (persistent()) {
        assertThat(resyncs).as("nothing was lost, so nobody resyncs").isEmpty();
        Await.until("every delivered message reached every member", () -> ids(member).containsAll(delivered));
      } else {
        assertThat(resyncs).as("the stream was lost: told to resync").isNotEmpty();
        assertThat(resyncs.get(0).get("reason").getAsString()).isEqualTo("epoch_changed");
      }
      assertThat(ids(member).stream().filter(reference::contains).toList())
          .as("one order").isEqualTo(reference.stream().filter(ids(member)::contains).toList());
    }
  }
}
