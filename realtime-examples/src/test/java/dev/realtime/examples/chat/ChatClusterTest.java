package dev.realtime.examples.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.realtime.examples.Cluster;
import dev.realtime.examples.ExampleServer;
import dev.realtime.examples.LaunchOptions;
import dev.realtime.examples.Main;
import dev.realtime.protocol.Json;
import dev.realtime.testing.redis.RedisExtension;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Chat nodes started as {@code chat --redis URI} on one real Redis: the whole chat protocol
 * across nodes, presence and {@code /stats} for the cluster, a Redis outage, a killed node.
 */
class ChatClusterTest {
  @RegisterExtension static final RedisExtension redis = RedisExtension.standalone();

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private final List<ExampleServer> nodes = new ArrayList<>();

  @AfterEach
  void stop() {
    nodes.forEach(ExampleServer::close);
  }

  private ExampleServer node(String id) throws Exception {
    Cluster cluster = new Cluster(redis.uri(), id, Duration.ofSeconds(5));
    ExampleServer node = ExampleServer.start(LaunchOptions.ephemeral("chat").withCluster(cluster), new ChatExample());
    nodes.add(node);
    return node;
  }

  /** Connects and waits for the client's own join notice: it is in the room when this returns. */
  private static ChatSocket join(ExampleServer node, String user, String room) throws Exception {
    ChatSocket socket = ChatSocket.open(node.wsPort(), "username=" + user + "&room=" + room);
    socket.next("join", join -> join.get("content").getAsString().equals(user + " joined " + room));
    return socket;
  }

  private static JsonObject stats(ExampleServer node) throws Exception {
    HttpResponse<String> response = HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + "/stats")).build(),
        HttpResponse.BodyHandlers.ofString());
    return Json.parseObject(response.body());
  }

  private static List<String> strings(JsonElement array) {
    return StreamSupport.stream(array.getAsJsonArray().spliterator(), false).map(JsonElement::getAsString).toList();
  }

  private static int connections(JsonObject frame, String user) {
    JsonObject counts = frame.getAsJsonObject("connections");
    return counts.has(user) ? counts.get(user).getAsInt() : -1;
  }

  /** Asks for the room's list until it is {@code expected} (user → connections); presence crosses nodes asynchronously. */
  private static JsonObject usersUntil(ChatSocket socket, Map<String, Integer> expected) throws Exception {
    return Eventually.until("the user list " + expected, Duration.ofSeconds(10), () -> {
      socket.send("{\"type\":\"users\"}");
      return socket.next("users");
    }, users -> Json.gson().fromJson(users.getAsJsonObject("connections"), Map.class).size() == expected.size()
        && expected.entrySet().stream().allMatch(e -> connections(users, e.getKey()) == e.getValue()));
  }

  @Test
  void messagesNoticesRoomsUserListsAndErrorsWorkAcrossNodes() throws Exception {
    ExampleServer a = node("a");
    ExampleServer b = node("b");
    ChatSocket ann = join(a, "ann", "lobby");
    ChatSocket bob = join(b, "bob", "lobby");
    String bobId = bob.welcome().get("client_id").getAsString();

    // Bob's notice and the change frame cross to ann's node; the lists agree on both nodes.
    ann.next("join", join -> join.get("content").getAsString().equals("bob joined lobby"));
    JsonObject change = ann.next("presence", frame -> connections(frame, "bob") == 1);
    assertThat(strings(change.get("joined"))).containsExactly("bob");
    usersUntil(ann, Map.of("ann", 1, "bob", 1));
    usersUntil(bob, Map.of("ann", 1, "bob", 1));

    bob.send("{\"type\":\"message\",\"content\":\"hello from node b\",\"id\":\"b-1\"}");
    JsonObject heard = ann.next("message");
    assertThat(heard.get("content").getAsString()).isEqualTo("hello from node b");
    assertThat(heard.get("username").getAsString()).isEqualTo("bob");
    assertThat(heard.get("client_id").getAsString()).isEqualTo(bobId).startsWith("b-");
    assertThat(heard.get("id").getAsString()).isEqualTo("b-1");
    assertThat(heard.get("offset").getAsLong()).isPositive();

    ChatSocket carol = join(b, "carol", "hall");
    carol.send("{\"type\":\"join_room\",\"metadata\":{\"room\":\"lobby\"}}");
    ann.next("join", join -> join.get("content").getAsString().equals("carol joined lobby"));
    ann.next("presence", frame -> connections(frame, "carol") == 1);

    bob.send("{\"type\":\"leave_room\",\"metadata\":{\"room\":\"lobby\"}}");
    ann.next("leave", leave -> leave.get("content").getAsString().equals("bob left lobby"));
    JsonObject gone = ann.next("presence", frame -> connections(frame, "bob") == 0);
    assertThat(strings(gone.get("left"))).containsExactly("bob");

    // Errors are the sender's, on its own node, with its id.
    bob.send("{\"type\":\"message\",\"content\":\"too late\",\"id\":\"b-2\"}");
    JsonObject refused = bob.next("error");
    assertThat(refused.get("code").getAsString()).isEqualTo("forbidden");
    assertThat(refused.get("id").getAsString()).isEqualTo("b-2");
  }

  @Test
  void twoPeopleWithOneNameOnTwoNodesAreOneUserWithTwoConnectionsAndTellTheirMessagesApart() throws Exception {
    ExampleServer a = node("a");
    ExampleServer b = node("b");
    ChatSocket annOnA = join(a, "ann", "lobby");
    ChatSocket annOnB = join(b, "ann", "lobby");
    String idOnA = annOnA.welcome().get("client_id").getAsString();
    String idOnB = annOnB.welcome().get("client_id").getAsString();

    JsonObject onA = usersUntil(annOnA, Map.of("ann", 2));
    assertThat(strings(onA.get("users"))).containsExactly("ann");
    usersUntil(annOnB, Map.of("ann", 2));

    annOnB.send("{\"type\":\"message\",\"content\":\"which ann am I?\"}");
    assertThat(annOnA.next("message").get("client_id").getAsString()).isEqualTo(idOnB).isNotEqualTo(idOnA);
    assertThat(annOnB.next("message").get("client_id").getAsString()).isEqualTo(idOnB);
  }

  @Test
  void statsAreClusterWideWithEachNodesCountsAndNoProbe() throws Exception {
    ExampleServer a = node("a");
    ExampleServer b = node("b");
    ChatSocket ann = join(a, "ann", "lobby");
    join(b, "bob", "lobby");
    ChatSocket carol = join(b, "carol", "hall");
    ChatSocket probe = ChatSocket.open(a.wsPort(), "probe=1");
    probe.welcome();

    JsonObject stats = Eventually.until("both nodes in /stats", Duration.ofSeconds(10), () -> stats(a),
        body -> body.get("total_clients").getAsInt() == 3);
    // The seed's fields, for the whole cluster
    JsonObject lobby = stats.getAsJsonObject("rooms").getAsJsonObject("lobby");
    assertThat(lobby.get("client_count").getAsInt()).isEqualTo(2);
    assertThat(strings(lobby.get("clients"))).containsExactly("ann", "bob");
    assertThat(stats.getAsJsonObject("rooms").getAsJsonObject("hall").get("client_count").getAsInt()).isEqualTo(1);
    // and what is new: users, who answered, each node
    assertThat(stats.get("total_users").getAsInt()).isEqualTo(3);
    assertThat(stats.get("node").getAsString()).isEqualTo("a");
    assertThat(stats.get("cluster").getAsBoolean()).isTrue();
    assertThat(stats.get("complete").getAsBoolean()).isTrue();
    JsonObject perNode = stats.getAsJsonObject("nodes");
    assertThat(perNode.keySet()).containsExactly("a", "b");
    assertThat(perNode.getAsJsonObject("a").get("total_clients").getAsInt()).isEqualTo(1); // not the probe
    assertThat(perNode.getAsJsonObject("b").get("total_clients").getAsInt()).isEqualTo(2);
    assertThat(perNode.getAsJsonObject("b").getAsJsonObject("rooms").get("hall").getAsInt()).isEqualTo(1);
    assertThat(stats(b).get("total_clients").getAsInt()).isEqualTo(3);

    carol.socket.sendClose(1000, "bye").get(5, TimeUnit.SECONDS);
    JsonObject after = Eventually.until("carol gone from /stats on the other node", Duration.ofSeconds(10),
        () -> stats(a), body -> body.get("total_clients").getAsInt() == 2);
    assertThat(after.getAsJsonObject("rooms").has("hall")).isFalse();
    usersUntil(ann, Map.of("ann", 1, "bob", 1));
  }

  @Test
  void duringARedisOutageASenderIsToldWithItsIdAndAfterTheRestartTheChatGoesOn() throws Exception {
    ExampleServer a = node("a");
    ExampleServer b = node("b");
    ChatSocket ann = join(a, "ann", "lobby");
    ChatSocket bob = join(b, "bob", "lobby");
    ann.next("join", join -> join.get("content").getAsString().equals("bob joined lobby"));

    redis.server().stop();
    ann.send("{\"type\":\"message\",\"content\":\"during the outage\",\"id\":\"m-1\"}");
    JsonObject refused = ann.next("error");
    assertThat(refused.get("code").getAsString()).isEqualTo("unavailable");
    assertThat(refused.get("id").getAsString()).isEqualTo("m-1");
    ann.send("{\"type\":\"ping\",\"id\":\"still-here\"}");
    assertThat(ann.next("pong").get("id").getAsString()).isEqualTo("still-here");

    redis.server().restart();
    // The node reconnects by itself (backing off up to 1 s); until it has, a send is refused again,
    // never lost silently. Retried as a person would, a few times a second, up to a deadline.
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    int attempt = 1;
    JsonObject answer;
    do {
      attempt++;
      String id = "m-" + attempt;
      ann.send("{\"type\":\"message\",\"content\":\"after the outage\",\"id\":\"" + id + "\"}");
      answer = Eventually.until("an answer to " + id, Duration.ofSeconds(10), () -> ann.poll(Duration.ofMillis(100)),
          frame -> frame != null && id.equals(frame.has("id") ? frame.get("id").getAsString() : null));
      assertThat(answer.get("type").getAsString()).isIn("message", "error");
      if (answer.get("type").getAsString().equals("error")) {
        assertThat(answer.get("code").getAsString()).isEqualTo("unavailable");
        ann.poll(Duration.ofMillis(200)); // pace the retries: whatever arrives meanwhile is not an answer
      }
    } while (answer.get("type").getAsString().equals("error") && System.nanoTime() < deadline);
    assertThat(answer.get("type").getAsString()).isEqualTo("message");

    // Bob, on the other node, was never disconnected: the stream was lost with Redis (no
    // persistence), so he is told to resync, then hears the chat go on; the refused message never came.
    List<String> seen = new ArrayList<>();
    JsonObject frame;
    do {
      frame = bob.nextOf("message", "recovery");
      seen.add(frame.get("type").getAsString() + ":" + (frame.has("content") ? frame.get("content").getAsString()
          : frame.get("reason").getAsString()));
    } while (!frame.get("type").getAsString().equals("message"));
    assertThat(seen).containsExactly("recovery:epoch_changed", "message:after the outage");
  }

  @Test
  void theUsersOfAKilledNodeLeaveTheOtherNodesListsWithinThePresenceTtl() throws Exception {
    ExampleServer a = node("a");
    ChatSocket ann = join(a, "ann", "lobby");
    Process dead = new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
            Main.class.getName(), "chat", "--host", "127.0.0.1", "--port", "0",
            "--redis", redis.uri(), "--node-id", "doomed", "--presence-ttl", "2")
        .redirectErrorStream(true)
        .start();
    try {
      int port = bannerPort(dead);
      ChatSocket ghost = ChatSocket.open(port, "username=ghost&room=lobby");
      ghost.welcome();
      ann.next("presence", frame -> connections(frame, "ghost") == 1);

      dead.destroyForcibly(); // SIGKILL: no close frame, no leave notice, no presence removal
      assertThat(dead.waitFor(10, TimeUnit.SECONDS)).isTrue();
      long killedAt = System.nanoTime();
      JsonObject gone = ann.next("presence", frame -> connections(frame, "ghost") == 0, Duration.ofSeconds(15));
      assertThat(strings(gone.get("left"))).containsExactly("ghost");
      // TTL 2 s, lists re-read every second (ChatExample.resyncFor): well within 2 TTLs
      assertThat(Duration.ofNanos(System.nanoTime() - killedAt)).isLessThan(Duration.ofSeconds(5));
      usersUntil(ann, Map.of("ann", 1));
    } finally {
      dead.destroyForcibly();
    }
  }

  private static int bannerPort(Process process) throws Exception {
    BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    Pattern page = Pattern.compile("^\\s+page\\s+http://127\\.0\\.0\\.1:(\\d+)/$");
    String line;
    List<String> lines = new ArrayList<>();
    while ((line = output.readLine()) != null) {
      lines.add(line);
      Matcher matcher = page.matcher(line);
      if (matcher.matches()) {
        // keep draining its output so the node never blocks on a full pipe
        Thread drain = new Thread(() -> output.lines().forEach(ignored -> { }), "doomed-node-output");
        drain.setDaemon(true);
        drain.start();
        return Integer.parseInt(matcher.group(1));
      }
    }
    throw new AssertionError("the node printed no page URL: " + lines);
  }

  @Test
  void eachNodeTellsItsPagesWhichNodeTheyAreOn() throws Exception {
    ExampleServer a = node("one");
    HttpResponse<String> config = HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + a.httpPort() + "/config.json")).build(),
        HttpResponse.BodyHandlers.ofString());
    JsonObject body = Json.parseObject(config.body());
    assertThat(body.get("node").getAsString()).isEqualTo("one");
    assertThat(body.get("cluster").getAsBoolean()).isTrue();
    ChatSocket ann = ChatSocket.open(a.wsPort(), "username=ann");
    assertThat(ann.welcome().get("node").getAsString()).isEqualTo("one");
  }
}
