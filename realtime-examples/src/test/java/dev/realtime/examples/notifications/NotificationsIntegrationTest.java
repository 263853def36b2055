package dev.realtime.examples.notifications;

import dev.realtime.testing.transport.WsTestClient;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.realtime.examples.ExampleServer;
import dev.realtime.examples.LaunchOptions;
import dev.realtime.examples.http.WebServer;
import dev.realtime.notify.center.NotificationCenter;
import dev.realtime.notify.store.InMemoryNotificationStore;
import dev.realtime.protocol.Json;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The example through the real transport and HTTP server, with the JDK's clients. */
class NotificationsIntegrationTest {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private ExampleServer server;
  private final List<WsTestClient> clients = new ArrayList<>();

  @AfterEach
  void stop() {
    clients.forEach(WsTestClient::close);
    if (server != null) {
      server.close();
    }
  }

  private void start(NotificationsExample example) throws Exception {
    server = ExampleServer.start(LaunchOptions.ephemeral("notifications"), example);
  }

  /** Connects and waits until the server has subscribed it (its first answer proves it). */
  private WsTestClient connect(String user, String role) throws Exception {
    return connect(user, role, new ArrayList<>());
  }

  /** Connects, adding the notifications replayed on connect to {@code replay}. */
  private WsTestClient connect(String user, String role, List<String> replay) throws Exception {
    WsTestClient client = NotificationSockets.connect(server.wsPort(), user, role, replay);
    clients.add(client);
    return client;
  }

  private static JsonObject next(WsTestClient client, String type) throws Exception {
    return NotificationSockets.next(client, type);
  }

  private static List<String> titles(JsonArray history) {
    List<String> titles = new ArrayList<>();
    history.forEach(e -> titles.add(e.getAsJsonObject().get("title").getAsString()));
    return titles;
  }

  private HttpResponse<String> post(String body) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(api(""))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private String publish(String type, String title, String extra) throws Exception {
    HttpResponse<String> response =
        post("{\"type\":\"" + type + "\",\"title\":\"" + title + "\",\"message\":\"m\"" + extra + "}");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonObject body = Json.parseObject(response.body());
    assertThat(body.get("status").getAsString()).isEqualTo("success");
    return body.get("id").getAsString();
  }

  private URI api(String query) {
    return URI.create("http://127.0.0.1:" + server.httpPort() + "/api/notifications" + query);
  }

  @Test
  void aNotificationForARoleReachesOnlyThatRole() throws Exception {
    start(new NotificationsExample());
    WsTestClient admin = connect("root", "admin");
    WsTestClient user = connect("alice", "user");

    publish("warning", "admins only", ",\"user_role\":\"admin\"");
    publish("info", "everyone", "");

    JsonObject first = next(admin, "notification");
    assertThat(first.get("title").getAsString()).isEqualTo("admins only");
    assertThat(first.get("user_role").getAsString()).isEqualTo("admin");
    assertThat(first.get("is_read").getAsBoolean()).isFalse();
    assertThat(next(admin, "notification").get("title").getAsString()).isEqualTo("everyone");
    // Both were delivered in publication order, so had the first reached alice it would be here.
    assertThat(next(user, "notification").get("title").getAsString()).isEqualTo("everyone");
  }

  @Test
  void aFilteredOutTypeArrivesOnlyThroughHistoryAfterWideningAndOnlyWhileUnread() throws Exception {
    start(new NotificationsExample());
    WsTestClient alice = connect("alice", "user");
    alice.send("{\"command\":\"update_filters\",\"filters\":{\"types\":[\"info\"]}}");
    next(alice, "filters");

    String warning = publish("warning", "excluded", "");
    publish("info", "included", "");
    assertThat(next(alice, "notification").get("title").getAsString()).isEqualTo("included");

    alice.send("{\"command\":\"update_filters\",\"filters\":{\"only_unread\":true}}");
    next(alice, "filters");
    alice.send("{\"command\":\"get_history\",\"limit\":10}");
    JsonArray history = next(alice, "history").getAsJsonArray("history");
    assertThat(titles(history)).containsExactly("included", "excluded");
    assertThat(history.get(1).getAsJsonObject().get("is_read").getAsBoolean()).isFalse();

    alice.send("{\"command\":\"mark_read\",\"notification_id\":\"" + warning + "\"}");
    JsonObject read = next(alice, "read");
    assertThat(read.getAsJsonArray("notification_ids").get(0).getAsString()).isEqualTo(warning);
    assertThat(read.get("unread_count").getAsInt()).isEqualTo(1);
    alice.send("{\"command\":\"get_history\",\"limit\":10}");
    assertThat(titles(next(alice, "history").getAsJsonArray("history"))).containsExactly("included");
  }

  @Test
  void aFilteredOutNotificationEvictedFromHistoryDoesNotComeBack() throws Exception {
    start(new NotificationsExample(new NotificationCenter(new InMemoryNotificationStore(2), Clock.systemUTC())));
    WsTestClient alice = connect("alice", "user");
    alice.send("{\"command\":\"update_filters\",\"filters\":{\"types\":[\"info\"]}}");
    next(alice, "filters");

    publish("error", "evicted", "");
    publish("info", "one", "");
    publish("info", "two", "");
    assertThat(next(alice, "notification").get("title").getAsString()).isEqualTo("one");
    assertThat(next(alice, "notification").get("title").getAsString()).isEqualTo("two");

    alice.send("{\"command\":\"update_filters\",\"filters\":{}}");
    next(alice, "filters");
    alice.send("{\"command\":\"get_history\"}");
    assertThat(titles(next(alice, "history").getAsJsonArray("history"))).containsExactly("two", "one");
  }

  @Test
  void badFramesAreAnsweredAndTheConnectionStaysOpen() throws Exception {
    start(new NotificationsExample());
    WsTestClient alice = connect("alice", "user");
    for (String frame : List.of("{", "{\"command\":\"nope\"}",
        "{\"command\":\"get_history\",\"limit\":1e999999999}", "{\"command\":\"mark_read\"}")) {
      alice.send(frame);
      assertThat(next(alice, "error").get("message").getAsString()).isNotBlank();
    }
    publish("info", "still open", "");
    assertThat(next(alice, "notification").get("title").getAsString()).isEqualTo("still open");
    assertThat(alice.closeCode).isNotDone();
  }

  @Test
  void restAnswersTheDocumentedStatusCodes() throws Exception {
    start(new NotificationsExample());

    HttpResponse<String> badJson = post("{\"type\":");
    assertThat(badJson.statusCode()).isEqualTo(400);
    assertThat(message(badJson)).startsWith("body:");

    HttpResponse<String> noTitle = post("{\"type\":\"info\",\"message\":\"m\"}");
    assertThat(noTitle.statusCode()).isEqualTo(400);
    assertThat(message(noTitle)).isEqualTo("title: is required");

    HttpResponse<String> badPriority = post("{\"type\":\"info\",\"title\":\"t\",\"message\":\"m\",\"priority\":9}");
    assertThat(badPriority.statusCode()).isEqualTo(400);
    assertThat(message(badPriority)).startsWith("priority:");

    HttpResponse<String> script = post(
        "{\"type\":\"info\",\"title\":\"t\",\"message\":\"m\",\"action_url\":\"javascript:alert(1)\"}");
    assertThat(script.statusCode()).isEqualTo(400);
    assertThat(message(script)).startsWith("action_url:");

    for (String method : List.of("PUT", "DELETE", "PATCH")) {
      HttpResponse<String> response = HTTP.send(
          HttpRequest.newBuilder(api("")).method(method, HttpRequest.BodyPublishers.ofString("{}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(method).isEqualTo(405);
      assertThat(response.headers().firstValue("Allow")).hasValue("GET, POST");
    }

    String padding = "x".repeat(WebServer.MAX_BODY_BYTES);
    HttpResponse<String> tooBig = post("{\"type\":\"info\",\"title\":\"t\",\"message\":\"" + padding + "\"}");
    assertThat(tooBig.statusCode()).isEqualTo(413);
  }

  @Test
  void getReturnsThatUsersHistoryWithItsOwnReadFlags() throws Exception {
    start(new NotificationsExample());
    String shared = publish("info", "shared", "");
    publish("info", "for bob", ",\"user_id\":\"bob\"");
    publish("warning", "for admins", ",\"user_role\":\"admin\"");
    publish("success", "latest", "");
    List<String> replay = new ArrayList<>();
    WsTestClient alice = connect("alice", "user", replay);
    assertThat(replay).containsExactly("shared", "latest");
    alice.send("{\"command\":\"mark_read\",\"notification_id\":\"" + shared + "\"}");
    next(alice, "read");

    JsonArray alices = getHistory("?username=alice&limit=10");
    assertThat(titles(alices)).containsExactly("latest", "shared");
    assertThat(alices.get(1).getAsJsonObject().get("is_read").getAsBoolean()).isTrue();

    JsonArray bobs = getHistory("?username=bob&limit=2");
    assertThat(titles(bobs)).containsExactly("latest", "for bob");
    JsonArray adminsPage2 = getHistory("?username=carol&role=admin&limit=1&before="
        + URLEncoder.encode(shared, StandardCharsets.UTF_8));
    assertThat(titles(adminsPage2)).isEmpty();
    JsonArray bobsShared = getHistory("?username=bob&limit=10");
    assertThat(bobsShared.get(2).getAsJsonObject().get("is_read").getAsBoolean()).isFalse();

    assertThat(HTTP.send(HttpRequest.newBuilder(api("?limit=5")).build(), HttpResponse.BodyHandlers.ofString())
        .body()).contains("username: is required");
    HttpResponse<String> badLimit =
        HTTP.send(HttpRequest.newBuilder(api("?username=bob&limit=9999999999999")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(badLimit.statusCode()).isEqualTo(400);
    assertThat(message(badLimit)).startsWith("limit:");
  }

  private JsonArray getHistory(String query) throws Exception {
    HttpResponse<String> response =
        HTTP.send(HttpRequest.newBuilder(api(query)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return Json.parse(response.body()).getAsJsonArray();
  }

  private static String message(HttpResponse<String> response) {
    return Json.parseObject(response.body()).get("message").getAsString();
  }
}
