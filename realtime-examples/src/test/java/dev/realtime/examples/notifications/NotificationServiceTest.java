package dev.realtime.examples.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.realtime.hub.Hub;
import dev.realtime.notify.Audience;
import dev.realtime.notify.Notification;
import dev.realtime.notify.NotificationType;
import dev.realtime.notify.center.NotificationCenter;
import dev.realtime.protocol.CloseCodes;
import dev.realtime.testing.InMemoryTransport;
import dev.realtime.testing.TestConnection;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The example's command handling through the in-memory transport: no sockets, no waiting. */
class NotificationServiceTest {
  private NotificationCenter center;
  private NotificationService service;
  private InMemoryTransport transport;

  @BeforeEach
  void setUp() {
    center = NotificationCenter.inMemory();
    service = new NotificationService(center, Hub.builder(), Clock.systemUTC());
    transport = new InMemoryTransport(service.hub());
  }

  private TestConnection connect(String user, String role) {
    return transport.connect("/notifications?username=" + user + (role == null ? "" : "&role=" + role));
  }

  private Notification publish(NotificationType type, String title, Audience audience) {
    return center.publish(
        Notification.builder().type(type).title(title).message(title + " body").audience(audience));
  }

  private Notification publish(NotificationType type, String title) {
    return publish(type, title, Audience.everyone());
  }

  static List<JsonObject> notifications(TestConnection connection) {
    return connection.receivedJson().stream().filter(m -> m.has("id") && m.has("title")).toList();
  }

  static List<String> titles(TestConnection connection) {
    return notifications(connection).stream().map(m -> m.get("title").getAsString()).toList();
  }

  private static JsonObject lastOfType(TestConnection connection, String type) {
    List<JsonObject> frames = connection.receivedOfType(type);
    assertThat(frames).as("a %s frame", type).isNotEmpty();
    return frames.get(frames.size() - 1);
  }

  private static List<String> historyTitles(TestConnection connection, String request) {
    connection.send(request);
    List<String> titles = new java.util.ArrayList<>();
    lastOfType(connection, "history")
        .getAsJsonArray("history")
        .forEach(e -> titles.add(e.getAsJsonObject().get("title").getAsString()));
    return titles;
  }

  @Test
  void onConnectAClientReceivesItsUnreadNotificationsOldestFirstInTheSeedShape() {
    Notification first = publish(NotificationType.INFO, "first");
    publish(NotificationType.WARNING, "for admins", Audience.role("admin"));
    publish(NotificationType.SUCCESS, "for bob", Audience.users("bob"));
    Notification read = publish(NotificationType.ERROR, "already read");
    center.markRead(dev.realtime.notify.Recipient.of("alice", "user"), read.id());

    TestConnection alice = connect("alice", null);

    assertThat(titles(alice)).containsExactly("first");
    JsonObject wire = notifications(alice).get(0);
    assertThat(wire.get("id").getAsString()).isEqualTo(first.id());
    assertThat(wire.get("type").getAsString()).isEqualTo("info");
    assertThat(wire.get("is_read").getAsBoolean()).isFalse();
    assertThat(wire.get("priority").getAsInt()).isEqualTo(3);
    assertThat(wire.has("created_at")).isTrue();
  }

  @Test
  void liveNotificationsReachOnlyTheirAudience() {
    TestConnection alice = connect("alice", "user");
    TestConnection admin = connect("root", "admin");
    TestConnection bob = connect("bob", null);

    publish(NotificationType.INFO, "everyone");
    publish(NotificationType.WARNING, "admins", Audience.role("admin"));
    publish(NotificationType.SUCCESS, "bob only", Audience.users("bob"));

    assertThat(titles(alice)).containsExactly("everyone");
    assertThat(titles(admin)).containsExactly("everyone", "admins");
    assertThat(titles(bob)).containsExactly("everyone", "bob only");
    JsonObject targeted = notifications(admin).get(1);
    assertThat(targeted.get("user_role").getAsString()).isEqualTo("admin");
  }

  @Test
  void markReadUpdatesEveryTabOfThatUserAndNoOtherUser() {
    TestConnection aliceTab1 = connect("alice", null);
    TestConnection aliceTab2 = connect("alice", null);
    TestConnection bob = connect("bob", null);
    Notification n = publish(NotificationType.INFO, "shared");
    publish(NotificationType.INFO, "other");

    aliceTab1.send("{\"command\":\"mark_read\",\"notification_id\":\"" + n.id() + "\"}");

    for (TestConnection tab : List.of(aliceTab1, aliceTab2)) {
      JsonObject read = lastOfType(tab, "read");
      assertThat(read.getAsJsonArray("notification_ids").get(0).getAsString()).isEqualTo(n.id());
      assertThat(read.get("unread_count").getAsInt()).isEqualTo(1);
    }
    assertThat(bob.receivedOfType("read")).isEmpty();
    bob.send("{\"command\":\"get_history\"}");
    JsonObject bobsCopy = lastOfType(bob, "history").getAsJsonArray("history").get(1).getAsJsonObject();
    assertThat(bobsCopy.get("id").getAsString()).isEqualTo(n.id());
    assertThat(bobsCopy.get("is_read").getAsBoolean()).isFalse();
    aliceTab2.send("{\"command\":\"get_history\"}");
    JsonObject alicesCopy = lastOfType(aliceTab2, "history").getAsJsonArray("history").get(1).getAsJsonObject();
    assertThat(alicesCopy.get("is_read").getAsBoolean()).isTrue();
  }

  @Test
  void markAllReadListsExactlyWhatItMarkedAndLaterNotificationsStartUnread() {
    TestConnection alice = connect("alice", null);
    Notification a = publish(NotificationType.INFO, "a");
    Notification b = publish(NotificationType.INFO, "b");
    publish(NotificationType.INFO, "not for alice", Audience.users("bob"));

    alice.send("{\"command\":\"mark_all_read\"}");

    JsonObject read = lastOfType(alice, "read");
    assertThat(read.getAsJsonArray("notification_ids").asList().stream().map(e -> e.getAsString()))
        .containsExactlyInAnyOrder(a.id(), b.id());
    assertThat(read.get("unread_count").getAsInt()).isZero();
    publish(NotificationType.INFO, "c");
    JsonObject c = notifications(alice).get(notifications(alice).size() - 1);
    assertThat(c.get("title").getAsString()).isEqualTo("c");
    assertThat(c.get("is_read").getAsBoolean()).isFalse();
  }

  @Test
  void aFilteredOutTypeIsNotDeliveredButShowsInHistoryAfterWideningWhileUnread() {
    TestConnection alice = connect("alice", null);
    alice.send("{\"command\":\"update_filters\",\"filters\":{\"types\":[\"info\"],\"min_priority\":2}}");
    JsonObject ack = lastOfType(alice, "filters").getAsJsonObject("filters");
    assertThat(ack.getAsJsonArray("types").get(0).getAsString()).isEqualTo("info");
    assertThat(ack.get("min_priority").getAsInt()).isEqualTo(2);

    Notification warning = publish(NotificationType.WARNING, "warning");
    publish(NotificationType.INFO, "info");
    assertThat(titles(alice)).containsExactly("info");
    assertThat(historyTitles(alice, "{\"command\":\"get_history\"}")).containsExactly("info");

    alice.send("{\"command\":\"update_filters\",\"filters\":{\"only_unread\":true}}");
    assertThat(historyTitles(alice, "{\"command\":\"get_history\"}")).containsExactly("info", "warning");

    alice.send("{\"command\":\"mark_read\",\"notification_id\":\"" + warning.id() + "\"}");
    assertThat(historyTitles(alice, "{\"command\":\"get_history\"}")).containsExactly("info");
  }

  @Test
  void getHistoryPagesNewestFirstWithLimitAndBefore() {
    TestConnection alice = connect("alice", null);
    Notification[] published = new Notification[5];
    for (int i = 0; i < 5; i++) {
      published[i] = publish(NotificationType.INFO, "n" + i);
    }
    assertThat(historyTitles(alice, "{\"command\":\"get_history\",\"limit\":2}")).containsExactly("n4", "n3");
    assertThat(historyTitles(alice,
        "{\"command\":\"get_history\",\"limit\":2,\"before\":\"" + published[3].id() + "\"}"))
        .containsExactly("n2", "n1");
    assertThat(historyTitles(alice, "{\"command\":\"get_history\",\"before\":\"gone\"}")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "not json",
      "[1,2]",
      "{\"command\":42}",
      "{}",
      "{\"command\":\"explode\"}",
      "{\"command\":\"mark_read\"}",
      "{\"command\":\"mark_read\",\"notification_id\":7}",
      "{\"command\":\"mark_read\",\"notification_id\":\"nope\"}",
      "{\"command\":\"update_filters\"}",
      "{\"command\":\"update_filters\",\"filters\":[]}",
      "{\"command\":\"update_filters\",\"filters\":{\"types\":\"info\"}}",
      "{\"command\":\"update_filters\",\"filters\":{\"types\":[\"shout\"]}}",
      "{\"command\":\"update_filters\",\"filters\":{\"min_priority\":9}}",
      "{\"command\":\"update_filters\",\"filters\":{\"min_priority\":1e999999999}}",
      "{\"command\":\"update_filters\",\"filters\":{\"only_unread\":\"yes\"}}",
      "{\"command\":\"get_history\",\"limit\":0}",
      "{\"command\":\"get_history\",\"limit\":501}",
      "{\"command\":\"get_history\",\"limit\":1.5}",
      "{\"command\":\"get_history\",\"limit\":\"10\"}",
      "{\"command\":\"get_history\",\"limit\":99999999999999999999999999999}",
      "{\"command\":\"get_history\",\"before\":{}}",
  })
  void badInputIsAnsweredWithAnErrorAndTheConnectionStaysUsable(String frame) {
    TestConnection alice = connect("alice", null);
    alice.clearReceived();

    alice.send(frame);

    JsonObject error = lastOfType(alice, "error");
    assertThat(error.get("code").getAsString()).isNotBlank();
    assertThat(error.get("message").getAsString()).isNotBlank();
    assertThat(alice.closeCode()).isEmpty();
    assertThat(alice.isOpen()).isTrue();
    publish(NotificationType.INFO, "still here");
    assertThat(titles(alice)).containsExactly("still here");
  }

  @Test
  void errorMessagesNameTheField() {
    TestConnection alice = connect("alice", null);
    alice.send("{\"command\":\"update_filters\",\"filters\":{\"min_priority\":9}}");
    assertThat(lastOfType(alice, "error").get("message").getAsString()).startsWith("min_priority:");
    alice.send("{\"command\":\"get_history\",\"limit\":0}");
    assertThat(lastOfType(alice, "error").get("message").getAsString()).startsWith("limit:");
    alice.send("{\"command\":\"explode\"}");
    assertThat(lastOfType(alice, "error").get("code").getAsString()).isEqualTo("unknown_command");
    alice.send("{\"command\":\"mark_read\",\"notification_id\":\"nope\"}");
    assertThat(lastOfType(alice, "error").get("code").getAsString()).isEqualTo("not_found");
  }

  @Test
  void aNotificationForAnotherUserCannotBeMarkedRead() {
    TestConnection alice = connect("alice", null);
    Notification forBob = publish(NotificationType.INFO, "bob's", Audience.users("bob"));
    alice.send("{\"command\":\"mark_read\",\"notification_id\":\"" + forBob.id() + "\"}");
    assertThat(lastOfType(alice, "error").get("code").getAsString()).isEqualTo("not_found");
    assertThat(center.isRead(dev.realtime.notify.Recipient.of("bob"), forBob.id())).isFalse();
  }

  @Test
  void theSharedClientsHeartbeatIsAnswered() {
    TestConnection alice = connect("alice", null);
    alice.send("{\"type\":\"ping\"}");
    assertThat(alice.receivedOfType("pong")).hasSize(1);
  }

  @Test
  void disconnectingUnsubscribes() {
    TestConnection alice = connect("alice", null);
    TestConnection bob = connect("bob", null);
    assertThat(center.subscriberCount()).isEqualTo(2);
    alice.disconnect(CloseCodes.NORMAL, "bye");
    assertThat(center.subscriberCount()).isEqualTo(1);
    publish(NotificationType.INFO, "after");
    assertThat(titles(bob)).containsExactly("after");
  }

  @Test
  void defaultsAndOverlongNames() {
    TestConnection anonymous = transport.connect("/notifications");
    publish(NotificationType.INFO, "users", Audience.role("user"));
    assertThat(titles(anonymous)).containsExactly("users");
    assertThat(service.hub().clientsOf(NotificationService.DEFAULT_USERNAME)).hasSize(1);

    TestConnection tooLong = connect("x".repeat(200), null);
    assertThat(tooLong.closeCode()).hasValue(CloseCodes.POLICY_VIOLATION);
    assertThat(center.subscriberCount()).isEqualTo(1);
  }
}
