package dev.realtime.examples.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.realtime.hub.Hub;
import dev.realtime.protocol.CloseCodes;
import dev.realtime.testing.InMemoryTransport;
import dev.realtime.testing.ManualClock;
import dev.realtime.testing.ManualScheduler;
import dev.realtime.testing.TestConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** The chat's handlers on one node, driven with no socket and no sleeps. */
class ChatServiceTest {
  private final ManualClock clock = new ManualClock(Instant.parse("2026-11-22T10:00:00.123Z"));
  private final ManualScheduler scheduler = new ManualScheduler(clock);
  private final ChatService chat =
      new ChatService(Hub.builder().clock(clock), clock, scheduler, Optional.empty(), Duration.ofSeconds(1));
  private final InMemoryTransport transport = new InMemoryTransport(chat.hub());

  private TestConnection connect(String username, String room) {
    TestConnection connection = transport.connect("/ws?username=" + username + "&room=" + room);
    scheduler.runDue(); // its user list
    return connection;
  }

  private static List<String> types(TestConnection connection) {
    return connection.receivedJson().stream().map(m -> m.get("type").getAsString()).toList();
  }

  private static List<String> strings(JsonElement array) {
    return StreamSupport.stream(array.getAsJsonArray().spliterator(), false).map(JsonElement::getAsString).toList();
  }

  private static String clientId(TestConnection connection) {
    return connection.receivedOfType("welcome").get(0).get("client_id").getAsString();
  }

  @Test
  void messagesReachEveryMemberIncludingTheSenderWithTheSendersConnection() {
    TestConnection alice = connect("alice", "r");
    TestConnection bob = connect("bob", "r");
    TestConnection carol = connect("carol", "elsewhere");
    String aliceId = clientId(alice);
    alice.clearReceived();
    bob.clearReceived();
    carol.clearReceived();

    alice.send("{\"type\":\"message\",\"content\":\"hello <b>all</b>\"}");

    for (TestConnection member : List.of(alice, bob)) {
      JsonObject message = member.receivedOfType("message").get(0);
      // The seed's fields, the sender's connection, and the room stream position (docs/protocol.md).
      assertThat(message.keySet()).containsExactlyInAnyOrder(
          "type", "content", "username", "timestamp", "room", "client_id", "offset", "epoch");
      assertThat(message.get("content").getAsString()).isEqualTo("hello <b>all</b>");
      assertThat(message.get("username").getAsString()).isEqualTo("alice");
      assertThat(message.get("client_id").getAsString()).isEqualTo(aliceId);
      assertThat(message.get("room").getAsString()).isEqualTo("r");
      assertThat(Instant.parse(message.get("timestamp").getAsString())).isEqualTo(clock.instant());
    }
    assertThat(carol.received()).isEmpty();
  }

  @Test
  void aConnectionIsWelcomedWithItsIdAndNodeBeforeAnythingElse() {
    TestConnection alice = connect("alice", "r");
    JsonObject welcome = alice.receivedJson().get(0);
    assertThat(welcome.get("type").getAsString()).isEqualTo("welcome");
    assertThat(welcome.get("client_id").getAsString()).startsWith(chat.hub().nodeId() + "-");
    assertThat(welcome.get("node").getAsString()).isEqualTo(chat.hub().nodeId());
    assertThat(welcome.get("username").getAsString()).isEqualTo("alice");
    assertThat(welcome.get("room").getAsString()).isEqualTo("r");
  }

  @Test
  void joinAndLeaveAreAnnouncedBySystem() {
    TestConnection alice = connect("alice", "r");
    scheduler.advance(Duration.ofSeconds(5)); // a quiet room: bob's notice goes out at once
    TestConnection bob = connect("bob", "r");
    JsonObject join = alice.receivedOfType("join").get(1);
    assertThat(join.get("username").getAsString()).isEqualTo("system");
    assertThat(join.get("content").getAsString()).isEqualTo("bob joined r");
    assertThat(strings(join.get("users"))).containsExactly("bob");
    assertThat(join.get("room").getAsString()).isEqualTo("r");
    scheduler.advance(Duration.ofSeconds(5));
    bob.disconnect(1000, "");
    JsonObject leave = alice.receivedOfType("leave").get(0);
    assertThat(leave.get("username").getAsString()).isEqualTo("system");
    assertThat(leave.get("content").getAsString()).isEqualTo("bob left r");
  }

  @Test
  void aBurstOfJoinsIsOneNoticePerIntervalNamingEveryone() {
    TestConnection watcher = connect("watcher", "r");
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      names.add("user" + i);
      connect("user" + i, "r");
    }
    // Only the watcher's own notice so far: the others wait for the interval's end.
    assertThat(watcher.receivedOfType("join")).hasSize(1);

    scheduler.advance(Duration.ofSeconds(1));

    List<JsonObject> joins = watcher.receivedOfType("join");
    assertThat(joins).hasSize(2);
    assertThat(joins.get(1).get("content").getAsString()).isEqualTo("user0, user1, user2 and 47 others joined r");
    assertThat(strings(joins.get(1).get("users"))).containsExactlyElementsOf(names);
    assertThat(joins.get(1).get("username").getAsString()).isEqualTo("system");
    assertThat(joins.get(1).has("offset")).isTrue(); // a room frame like any other: recovery replays it

    // Nothing more is waiting: the next interval ends quietly, and the room is quiet again.
    scheduler.advance(Duration.ofSeconds(1));
    scheduler.advance(Duration.ofSeconds(1));
    assertThat(watcher.receivedOfType("join")).hasSize(2);
    connect("late", "r");
    assertThat(watcher.receivedOfType("join")).hasSize(3);
    assertThat(watcher.receivedOfType("join").get(2).get("content").getAsString()).isEqualTo("late joined r");
  }

  @Test
  void coalescedNoticesKeepTheirOrderAndComeBeforeAMessage() {
    TestConnection watcher = connect("watcher", "r");
    TestConnection ann = connect("ann", "r");
    TestConnection bob = connect("bob", "r");
    ann.disconnect(1000, "");
    TestConnection cid = connect("cid", "r");
    watcher.clearReceived();

    // cid speaks before the interval ends: the waiting notices go first, in the order they happened.
    cid.send("{\"type\":\"message\",\"content\":\"hi\"}");

    List<String> lines = watcher.receivedJson().stream()
        .filter(frame -> List.of("join", "leave", "message").contains(frame.get("type").getAsString()))
        .map(frame -> frame.get("type").getAsString() + ": " + frame.get("content").getAsString())
        .toList();
    assertThat(lines).containsExactly("join: ann and bob joined r", "leave: ann left r", "join: cid joined r",
        "message: hi");
    scheduler.advance(Duration.ofSeconds(1));
    assertThat(watcher.receivedOfType("join")).hasSize(2);
    assertThat(bob.receivedOfType("message")).hasSize(1);
  }

  @Test
  void joinersWaitingTogetherEachGetOneWholeListAndARequestItsOwnId() {
    TestConnection ann = transport.connect("/ws?username=ann&room=r");
    TestConnection bob = transport.connect("/ws?username=bob&room=r");
    TestConnection cid = transport.connect("/ws?username=cid&room=r");
    cid.send("{\"type\":\"users\",\"id\":7}");

    scheduler.runDue();

    for (TestConnection joiner : List.of(ann, bob)) {
      List<JsonObject> lists = joiner.receivedOfType("users");
      assertThat(lists).hasSize(1);
      assertThat(strings(lists.get(0).get("users"))).containsExactly("ann", "bob", "cid");
      assertThat(lists.get(0).has("id")).isFalse();
    }
    List<JsonObject> cidLists = cid.receivedOfType("users");
    assertThat(cidLists).hasSize(2);
    assertThat(cidLists.get(0).has("id")).isFalse();
    assertThat(cidLists.get(1).get("id").getAsInt()).isEqualTo(7);
    assertThat(strings(cidLists.get(1).get("users"))).containsExactly("ann", "bob", "cid");
  }

  @Test
  void aUserWithTwoConnectionsIsNamedOnceInACoalescedNotice() {
    TestConnection watcher = connect("watcher", "r");
    connect("ann", "r");
    connect("ann", "r");
    connect("bob", "r");
    scheduler.advance(Duration.ofSeconds(1));
    JsonObject join = watcher.receivedOfType("join").get(1);
    assertThat(join.get("content").getAsString()).isEqualTo("ann and bob joined r");
    assertThat(strings(join.get("users"))).containsExactly("ann", "bob");
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
  void badMessagesAnswerErrorsWithTheirIdAndKeepTheConnection() {
    TestConnection alice = connect("alice", "r");
    alice.clearReceived();
    alice.send("{\"type\":\"message\",\"id\":1}");
    alice.send("{\"type\":\"message\",\"content\":42,\"id\":2}");
    alice.send("{\"type\":\"message\",\"content\":\"   \",\"id\":3}");
    alice.send("{\"type\":\"message\",\"content\":\"" + "x".repeat(ChatService.MAX_CONTENT_LENGTH + 1) + "\",\"id\":4}");
    alice.send("{\"type\":\"join_room\",\"metadata\":\"r2\",\"id\":5}");
    alice.send("{\"type\":\"join_room\",\"metadata\":{\"room\":[1]},\"id\":6}");
    alice.send("{\"type\":\"leave_room\",\"metadata\":{\"room\":\"never\"},\"id\":7}");
    alice.send("{\"type\":\"shout\",\"id\":8}");
    alice.send("{\"type\":\"message\",\"content\":\"hi\",\"id\":{\"nested\":true}}");
    alice.send("{\"type\":\"message\",\"content\":\"hi\",\"id\":\"" + "i".repeat(ChatService.MAX_ID_LENGTH + 1) + "\"}");
    assertThat(types(alice)).containsOnly("error").hasSize(10);
    assertThat(alice.receivedOfType("error").subList(0, 8)).extracting(e -> e.get("id").getAsInt())
        .containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
    alice.send("{\"type\":\"message\",\"content\":\"still fine\",\"id\":\"m-9\"}");
    assertThat(alice.receivedOfType("message")).singleElement()
        .satisfies(m -> assertThat(m.get("id").getAsString()).isEqualTo("m-9"));
  }

  @Test
  void tooLongANameIsRefusedWithAReason() {
    TestConnection connection = connect("x".repeat(ChatService.MAX_NAME_LENGTH + 1), "r");
    assertThat(connection.receivedOfType("error")).hasSize(1);
    assertThat(connection.closeCode()).hasValue(CloseCodes.POLICY_VIOLATION);
  }

  @Test
  void aJoinerGetsTheWholeListAndUsersAnswersItEachUserOnceWithItsConnections() {
    TestConnection alice = connect("alice", "r");
    connect("bob", "r");
    TestConnection otherBob = connect("bob", "r");
    JsonObject joined = otherBob.receivedOfType("users").get(0);
    assertThat(strings(joined.get("users"))).containsExactly("alice", "bob");
    assertThat(joined.getAsJsonObject("connections").get("bob").getAsInt()).isEqualTo(2);

    alice.clearReceived();
    alice.send("{\"type\":\"users\",\"id\":\"u1\"}");
    scheduler.runDue();
    JsonObject users = alice.lastJson().orElseThrow();
    assertThat(users.get("type").getAsString()).isEqualTo("users");
    assertThat(users.get("room").getAsString()).isEqualTo("r");
    assertThat(users.get("id").getAsString()).isEqualTo("u1");
    assertThat(strings(users.get("users"))).containsExactly("alice", "bob");
    assertThat(users.getAsJsonObject("connections").get("alice").getAsInt()).isEqualTo(1);
    assertThat(users.getAsJsonObject("connections").get("bob").getAsInt()).isEqualTo(2);
  }

  @Test
  void membersAreToldOnlyWhatChangedCoalescedToOneFramePerRoomPerInterval() {
    TestConnection watcher = connect("watcher", "big");
    scheduler.advance(Duration.ofSeconds(1));
    watcher.clearReceived();

    List<TestConnection> joiners = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      joiners.add(transport.connect("/ws?username=user" + i + "&room=big"));
    }
    scheduler.runDue();
    // within the interval no change frame and no list went to the watcher, however many joined
    assertThat(watcher.receivedOfType("presence")).isEmpty();
    assertThat(watcher.receivedOfType("users")).isEmpty();

    scheduler.advance(Duration.ofSeconds(1));
    JsonObject change = watcher.receivedOfType("presence").get(0);
    assertThat(watcher.receivedOfType("presence")).hasSize(1);
    assertThat(change.get("room").getAsString()).isEqualTo("big");
    assertThat(change.getAsJsonArray("joined")).hasSize(500);
    assertThat(change.getAsJsonArray("left")).isEmpty();
    assertThat(change.getAsJsonObject("connections").get("user7").getAsInt()).isEqualTo(1);
    assertThat(change.getAsJsonObject("connections").has("watcher")).isFalse();

    watcher.clearReceived();
    joiners.get(7).disconnect(1000, "");
    scheduler.advance(Duration.ofSeconds(1));
    JsonObject leave = watcher.receivedOfType("presence").get(0);
    assertThat(strings(leave.get("left"))).containsExactly("user7");
    assertThat(leave.getAsJsonObject("connections").get("user7").getAsInt()).isZero();
  }

  @Test
  void twoPeopleWithOneNameAreOneUserWithTwoConnectionsAndTwoSenders() {
    TestConnection first = connect("ann", "r");
    TestConnection second = connect("ann", "r");
    scheduler.advance(Duration.ofSeconds(1));
    String firstId = clientId(first);
    String secondId = clientId(second);
    assertThat(firstId).isNotEqualTo(secondId);
    first.clearReceived();

    second.send("{\"type\":\"message\",\"content\":\"from the second ann\"}");
    JsonObject heard = first.receivedOfType("message").get(0);
    assertThat(heard.get("client_id").getAsString()).isEqualTo(secondId);

    second.disconnect(1000, "");
    scheduler.advance(Duration.ofSeconds(1));
    JsonObject change = first.receivedOfType("presence").get(0);
    assertThat(change.getAsJsonArray("left")).isEmpty(); // ann is still here, once
    assertThat(change.getAsJsonObject("connections").get("ann").getAsInt()).isEqualTo(1);
  }

  @Test
  void aProbeIsNoUserJoinsNoRoomAndStillAnswersPings() {
    TestConnection alice = connect("alice", ChatService.DEFAULT_ROOM);
    scheduler.advance(Duration.ofSeconds(1));
    alice.clearReceived();

    TestConnection probe = transport.connect("/ws?probe=1&id=monitoring_single");
    probe.send("{\"type\":\"ping\",\"id\":\"p\"}");
    assertThat(probe.receivedOfType("pong")).singleElement()
        .satisfies(pong -> assertThat(pong.get("id").getAsString()).isEqualTo("p"));
    probe.send("{\"type\":\"join_room\",\"metadata\":{\"room\":\"general\"},\"id\":1}");
    probe.send("{\"type\":\"message\",\"content\":\"lurking\"}");
    assertThat(probe.receivedOfType("error")).extracting(e -> e.get("code").getAsString())
        .containsExactly("forbidden", "forbidden");
    JsonObject stats = chat.stats();
    probe.disconnect(1000, "");
    scheduler.advance(Duration.ofSeconds(2));

    assertThat(alice.received()).isEmpty(); // no join, no leave, no user-list change
    assertThat(stats.get("total_clients").getAsInt()).isEqualTo(1);
    assertThat(stats.getAsJsonObject("rooms").getAsJsonObject("general").get("client_count").getAsInt()).isEqualTo(1);
  }

  @Test
  void aClientResumesItsFirstRoomFromTheConnectUrlAndOthersFromJoinRoom() {
    TestConnection alice = connect("alice", "r");
    alice.send("{\"type\":\"join_room\",\"metadata\":{\"room\":\"side\"}}");
    TestConnection bob = connect("bob", "r");
    bob.send("{\"type\":\"join_room\",\"metadata\":{\"room\":\"side\"}}");
    alice.send("{\"type\":\"message\",\"content\":\"seen\"}");
    alice.send("{\"type\":\"message\",\"content\":\"seen too\",\"metadata\":{\"room\":\"side\"}}");
    JsonObject lastInR = bob.receivedOfType("message").get(0);
    JsonObject lastInSide = bob.receivedOfType("message").get(1);
    bob.disconnect(1000, "");
    alice.send("{\"type\":\"message\",\"content\":\"missed 1\"}");
    alice.send("{\"type\":\"message\",\"content\":\"missed 2\",\"metadata\":{\"room\":\"side\"}}");

    TestConnection back = transport.connect("/ws?username=bob&room=r&since=" + lastInR.get("offset").getAsLong()
        + "&epoch=" + lastInR.get("epoch").getAsString());
    back.send("{\"type\":\"join_room\",\"metadata\":{\"room\":\"side\",\"since\":" + lastInSide.get("offset").getAsLong()
        + ",\"epoch\":\"" + lastInSide.get("epoch").getAsString() + "\"}}");

    // each room: what was missed (alice's leave notice for bob is in r too), then recovered
    List<JsonObject> frames = back.receivedJson();
    List<String> missed = frames.stream().filter(f -> f.get("type").getAsString().equals("message"))
        .map(f -> f.get("content").getAsString()).toList();
    assertThat(missed).containsExactly("missed 1", "missed 2");
    assertThat(back.receivedOfType("recovery")).extracting(r -> r.get("room").getAsString() + ":" + r.get("recovered"))
        .containsExactly("r:true", "side:true");
  }

  @Test
  void aMalformedPositionIsAnErrorNeverAnException() {
    TestConnection badUrl = transport.connect("/ws?username=eve&room=r&since=-1&epoch=x");
    assertThat(badUrl.receivedOfType("error")).singleElement()
        .satisfies(e -> assertThat(e.get("code").getAsString()).isEqualTo("invalid_message"));
    assertThat(badUrl.closeCode()).hasValue(CloseCodes.POLICY_VIOLATION);
    for (String query : List.of("since=12", "epoch=abc", "since=1e3&epoch=a", "since=99999999999999999999&epoch=a",
        "since=1&epoch=" + "e".repeat(ResumePoint.MAX_EPOCH_LENGTH + 1))) {
      TestConnection bad = transport.connect("/ws?username=eve&room=r&" + query);
      assertThat(bad.receivedOfType("error")).as(query).hasSize(1);
      assertThat(bad.closeCode()).as(query).hasValue(CloseCodes.POLICY_VIOLATION);
    }

    TestConnection eve = connect("eve", "r");
    eve.clearReceived();
    for (String metadata : List.of("\"since\":-1,\"epoch\":\"a\"", "\"since\":1.5,\"epoch\":\"a\"", "\"since\":\"3\",\"epoch\":\"a\"",
        "\"since\":1", "\"epoch\":\"a\"", "\"since\":1,\"epoch\":7", "\"since\":1e400,\"epoch\":\"a\"",
        "\"since\":1,\"epoch\":\"with space\"")) {
      eve.send("{\"type\":\"join_room\",\"id\":\"j\",\"metadata\":{\"room\":\"side\"," + metadata + "}}");
    }
    assertThat(eve.receivedOfType("error")).hasSize(8).allSatisfy(error -> {
      assertThat(error.get("code").getAsString()).isEqualTo("invalid_message");
      assertThat(error.get("id").getAsString()).isEqualTo("j");
    });
    assertThat(eve.isOpen()).isTrue();
    assertThat(chat.hub().room("side").size()).isZero();
  }

  @Test
  void statsKeepTheSeedShapeAndAddTheNode() {
    connect("alice", "a");
    connect("bob", "a");
    connect("carol", "b");
    JsonObject stats = chat.stats();
    assertThat(stats.get("total_clients").getAsInt()).isEqualTo(3);
    assertThat(stats.get("total_users").getAsInt()).isEqualTo(3);
    JsonObject a = stats.getAsJsonObject("rooms").getAsJsonObject("a");
    assertThat(a.get("client_count").getAsInt()).isEqualTo(2);
    assertThat(strings(a.get("clients"))).containsExactly("alice", "bob");
    assertThat(stats.get("cluster").getAsBoolean()).isFalse();
    assertThat(stats.get("complete").getAsBoolean()).isTrue();
    String node = stats.get("node").getAsString();
    assertThat(stats.getAsJsonObject("nodes").getAsJsonObject(node).get("total_clients").getAsInt()).isEqualTo(3);
  }
}
