package dev.realtime.examples.chat;

import dev.realtime.testing.ManualClock;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.realtime.hub.Hub;
import dev.realtime.protocol.CloseCodes;
import dev.realtime.testing.InMemoryTransport;
import dev.realtime.testing.TestConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The chat's handlers, driven with no socket and no sleeps. */
class ChatServiceTest {
  private final ManualClock clock = new ManualClock(Instant.parse("2026-11-22T10:00:00.123Z"));
  private final ManualScheduler scheduler = new ManualScheduler(clock);
  private final ChatService chat = new ChatService(Hub.builder(), clock, scheduler);
  private final InMemoryTransport transport = new InMemoryTransport(chat.hub());

  private TestConnection connect(String username, String room) {
    return transport.connect("/ws?username=" + username + "&room=" + room);
  }

  private static List<String> types(TestConnection connection) {
    return connection.receivedJson().stream().map(m -> m.get("type").getAsString()).toList();
  }

  @Test
  void messagesReachEveryMemberIncludingTheSenderInTheSeedFormat() {
    TestConnection alice = connect("alice", "r");
    TestConnection bob = connect("bob", "r");
    TestConnection carol = connect("carol", "elsewhere");
    alice.clearReceived();
    bob.clearReceived();
    carol.clearReceived();

    alice.send("{\"type\":\"message\",\"content\":\"hello <b>all</b>\"}");

    for (TestConnection member : List.of(alice, bob)) {
      JsonObject message = member.receivedOfType("message").get(0);
      // The seed's fields, plus the room stream position every room frame carries (docs/protocol.md).
      assertThat(message.keySet())
          .containsExactlyInAnyOrder("type", "content", "username", "timestamp", "room", "offset", "epoch");
      assertThat(message.get("content").getAsString()).isEqualTo("hello <b>all</b>");
      assertThat(message.get("username").getAsString()).isEqualTo("alice");
      assertThat(message.get("room").getAsString()).isEqualTo("r");
      assertThat(Instant.parse(message.get("timestamp").getAsString())).isEqualTo(clock.instant());
    }
    assertThat(carol.received()).isEmpty();
  }

  @Test
  void joinAndLeaveAreAnnouncedBySystem() {
    TestConnection alice = connect("alice", "r");
    TestConnection bob = connect("bob", "r");
    JsonObject join = alice.receivedOfType("join").get(1);
    assertThat(join.get("username").getAsString()).isEqualTo("system");
    assertThat(join.get("content").getAsString()).contains("bob");
    assertThat(join.get("room").getAsString()).isEqualTo("r");
    bob.disconnect(1000, "");
    JsonObject leave = alice.receivedOfType("leave").get(0);
    assertThat(leave.get("username").getAsString()).isEqualTo("system");
    assertThat(leave.get("content").getAsString()).contains("bob");
  }

  @Test
  void missingNameAndRoomGetDefaults() {
    TestConnection anonymous = transport.connect("/ws");
    anonymous.send("{\"type\":\"message\",\"content\":\"hi\"}");
    JsonObject message = anonymous.receivedOfType("message").get(0);
    assertThat(message.get("username").getAsString()).isEqualTo(ChatService.DEFAULT_USERNAME);
    assertThat(message.get("room").getAsString()).isEqualTo(ChatService.DEFAULT_ROOM);
  }

  @Test
  void oneConnectionCanJoinMoreRoomsAndAddressThemByMetadata() {
    TestConnection alice = connect("alice", "home");
    TestConnection bob = connect("bob", "side");
    alice.send("{\"type\":\"join_room\",\"metadata\":{\"room\":\"side\"}}");
    bob.clearReceived();
    alice.send("{\"type\":\"message\",\"content\":\"over here\",\"metadata\":{\"room\":\"side\"}}");
    assertThat(bob.receivedOfType("message")).singleElement()
        .satisfies(m -> assertThat(m.get("room").getAsString()).isEqualTo("side"));

    alice.send("{\"type\":\"leave_room\",\"metadata\":{\"room\":\"side\"}}");
    alice.clearReceived();
    alice.send("{\"type\":\"message\",\"content\":\"gone\",\"metadata\":{\"room\":\"side\"}}");
    assertThat(alice.receivedOfType("error")).singleElement()
        .satisfies(e -> assertThat(e.get("code").getAsString()).isEqualTo("forbidden"));
    assertThat(alice.isOpen()).isTrue();
  }

  @Test
  void aMessageToARoomTheSenderIsNotInIsRefused() {
    TestConnection alice = connect("alice", "a");
    TestConnection bob = connect("bob", "b");
    bob.clearReceived();
    alice.send("{\"type\":\"message\",\"content\":\"sneaky\",\"metadata\":{\"room\":\"b\"}}");
    assertThat(alice.receivedOfType("error")).hasSize(1);
    assertThat(bob.received()).isEmpty();
  }

  @Test
  void badMessagesAnswerErrorsAndKeepTheConnection() {
    TestConnection alice = connect("alice", "r");
    alice.clearReceived();
    alice.send("{\"type\":\"message\"}");
    alice.send("{\"type\":\"message\",\"content\":42}");
    alice.send("{\"type\":\"message\",\"content\":\"   \"}");
    alice.send("{\"type\":\"message\",\"content\":\"" + "x".repeat(ChatService.MAX_CONTENT_LENGTH + 1) + "\"}");
    alice.send("{\"type\":\"join_room\",\"metadata\":\"r2\"}");
    alice.send("{\"type\":\"join_room\",\"metadata\":{\"room\":[1]}}");
    alice.send("{\"type\":\"leave_room\",\"metadata\":{\"room\":\"never\"}}");
    alice.send("{\"type\":\"shout\"}");
    assertThat(types(alice)).containsOnly("error").hasSize(8);
    alice.send("{\"type\":\"message\",\"content\":\"still fine\"}");
    assertThat(alice.receivedOfType("message")).hasSize(1);
  }

  @Test
  void tooLongANameIsRefusedWithAReason() {
    TestConnection connection = connect("x".repeat(ChatService.MAX_NAME_LENGTH + 1), "r");
    assertThat(connection.receivedOfType("error")).hasSize(1);
    assertThat(connection.closeCode()).hasValue(CloseCodes.POLICY_VIOLATION);
  }

  @Test
  void usersRequestAnswersTheRoomsList() {
    TestConnection alice = connect("alice", "r");
    connect("bob", "r");
    alice.clearReceived();
    alice.send("{\"type\":\"users\"}");
    JsonObject users = alice.lastJson().orElseThrow();
    assertThat(users.get("type").getAsString()).isEqualTo("users");
    assertThat(users.get("room").getAsString()).isEqualTo("r");
    assertThat(users.get("users").getAsJsonArray()).extracting(e -> e.getAsString())
        .containsExactly("alice", "bob");
  }

  @Test
  void userListUpdatesAreCoalescedToOnePerRoomPerInterval() {
    TestConnection watcher = connect("watcher", "big");
    scheduler.runDue(clock);
    assertThat(watcher.receivedOfType("users")).hasSize(1);

    for (int i = 0; i < 500; i++) {
      connect("user" + i, "big");
    }
    // within the interval nothing more is sent, however many joined
    scheduler.runDue(clock);
    assertThat(watcher.receivedOfType("users")).hasSize(1);

    clock.advance(Duration.ofSeconds(1));
    scheduler.runDue(clock);
    List<JsonObject> lists = watcher.receivedOfType("users");
    assertThat(lists).hasSize(2);
    assertThat(lists.get(1).get("users").getAsJsonArray()).hasSize(501);
    assertThat(scheduler.pending()).isZero();
  }

  @Test
  void statsDocumentHasTheSeedShape() {
    connect("alice", "a");
    connect("bob", "a");
    connect("carol", "b");
    JsonObject stats = chat.stats();
    assertThat(stats.get("total_clients").getAsInt()).isEqualTo(3);
    JsonObject a = stats.getAsJsonObject("rooms").getAsJsonObject("a");
    assertThat(a.get("client_count").getAsInt()).isEqualTo(2);
    assertThat(a.get("clients").getAsJsonArray()).extracting(e -> e.getAsString())
        .containsExactly("alice", "bob");
  }

  /** Collects scheduled tasks and runs those that are due on the test's clock. */
  static final class ManualScheduler implements UserListCoalescer.Scheduler {
    private record Task(Instant due, Runnable action) {}

    private final List<Task> tasks = new ArrayList<>();
    private final Clock clock;

    ManualScheduler(Clock clock) {
      this.clock = clock;
    }

    @Override
    public synchronized void schedule(Runnable task, Duration delay) {
      tasks.add(new Task(clock.instant().plus(delay), task));
    }

    void runDue(Clock now) {
      List<Task> due = new ArrayList<>();
      synchronized (this) {
        tasks.removeIf(task -> {
          if (!task.due().isAfter(now.instant())) {
            due.add(task);
            return true;
          }
          return false;
        });
      }
      due.forEach(task -> task.action().run());
    }

    synchronized int pending() {
      return tasks.size();
    }
  }
}
