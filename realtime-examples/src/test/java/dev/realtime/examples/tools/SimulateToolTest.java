package dev.realtime.examples.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.realtime.examples.ExampleHttp;
import dev.realtime.examples.ExampleServer;
import dev.realtime.examples.ExampleServers;
import dev.realtime.examples.LaunchOptions;
import dev.realtime.examples.chat.ChatExample;
import dev.realtime.metrics.MetricsSnapshot;
import dev.realtime.protocol.Json;
import dev.realtime.testing.junit.ServerExtension;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code simulate URL} against the real chat on port 0, its figures checked against what the
 * server counted: the users and rooms the chat's {@code /stats} shows while it runs, the messages
 * its metrics received and the connections they opened; tokens fetched from {@code /token} when
 * the chat runs with {@code --auth}; an unreachable URL; bad command lines.
 */
class SimulateToolTest {
  private static final Pattern PROGRESS = Pattern.compile(
      "\\[ *\\d+\\.\\d s] connected (\\d+)/(\\d+)  sent (\\d+)  received (\\d+)  errors (\\d+)  latency p50 (\\S+ ms|-)  p99 (\\S+ ms|-)");
  private static final Pattern SENT = Pattern.compile("  sent       (\\d+) messages .*");
  private static final Pattern RECEIVED = Pattern.compile("  received   (\\d+) of (\\d+) expected deliveries .*");

  @RegisterExtension
  final ServerExtension<ExampleServer> chat = ExampleServers.extension(LaunchOptions.ephemeral("chat"), new ChatExample());

  private MetricsSnapshot counted() {
    return chat.get().metrics().snapshot();
  }

  private JsonObject stats() throws Exception {
    return Json.parseObject(ExampleHttp.get(chat, "/stats").body());
  }

  private static long figure(List<String> lines, Pattern pattern, int group) {
    for (String line : lines) {
      Matcher matcher = pattern.matcher(line);
      if (matcher.matches()) {
        return Long.parseLong(matcher.group(group));
      }
    }
    throw new AssertionError("no line matches " + pattern + " in " + lines);
  }

  private static int members(JsonObject rooms, String room) {
    return rooms.has(room) ? rooms.getAsJsonObject(room).get("client_count").getAsInt() : 0;
  }

  @Test
  void usersSitInTheirRoomsAndEveryFigureMatchesWhatTheServerCounted() throws Exception {
    MetricsSnapshot before = counted();
    ToolRun run = ToolRun.start(SimulateTool.TOOL, chat.wsUri("/ws").toString(),
        "--users", "6", "--rooms", "2", "--rate", "8", "--duration", "2");
    // While it runs, the chat's own view: six users, three per room, by the names the tool gave.
    // Waits for the rooms, not total_clients: a client is counted before the connect handler that
    // puts it in its room has run.
    long end = System.nanoTime() + ToolRun.DEADLINE.toNanos();
    JsonObject rooms = stats().getAsJsonObject("rooms");
    while (!(members(rooms, "room-1") == 3 && members(rooms, "room-2") == 3)) {
      assertThat(System.nanoTime()).as("six users in their rooms on the server: " + rooms).isLessThan(end);
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
      rooms = stats().getAsJsonObject("rooms");
    }
    assertThat(rooms.keySet()).containsExactlyInAnyOrder("room-1", "room-2");
    assertThat(Json.encode(rooms.getAsJsonObject("room-1").get("clients"))).isEqualTo("[\"sim-1\",\"sim-3\",\"sim-5\"]");
    assertThat(Json.encode(rooms.getAsJsonObject("room-2").get("clients"))).isEqualTo("[\"sim-2\",\"sim-4\",\"sim-6\"]");
    run.awaitOut("a progress line", line -> PROGRESS.matcher(line).matches());

    assertThat(run.status()).as(run.out() + run.err()).isZero();
    MetricsSnapshot after = counted();
    List<String> lines = run.outLines();
    long sent = figure(lines, SENT, 1);
    assertThat(sent).as("about 8 × 6 × 2").isPositive();
    assertThat(after.messagesReceived() - before.messagesReceived()).as("what the server received").isEqualTo(sent);
    assertThat(figure(lines, RECEIVED, 2)).as("expected: every message to its room's 3 members").isEqualTo(3 * sent);
    assertThat(figure(lines, RECEIVED, 1)).isEqualTo(3 * sent);
    assertThat(after.messagesSent() - before.messagesSent()).as("the server sent at least every delivery")
        .isGreaterThanOrEqualTo(3 * sent);
    assertThat(after.totalConnections() - before.totalConnections()).isEqualTo(6);
    assertThat(lines).contains("  connected  6 of 6 users (0 reconnects)")
        .anyMatch(line -> line.startsWith("  errors     0 "))
        .anyMatch(line -> line.matches("  latency    p50 \\S+ ms  p90 \\S+ ms  p99 \\S+ ms  max \\S+ ms \\(" + 3 * sent + " samples\\)"));
    // Progress lines count up to the summary's figures, one a second.
    List<Matcher> progress = lines.stream().map(PROGRESS::matcher).filter(Matcher::matches).toList();
    assertThat(progress).isNotEmpty().allSatisfy(line -> assertThat(line.group(2)).isEqualTo("6"));
    assertThat(progress).extracting(line -> Long.parseLong(line.group(3))).isSorted().allMatch(count -> count <= sent);
    assertThat(stats().get("total_clients").getAsInt()).as("everyone left").isZero();
  }

  @Test
  void usersInSeveralRoomsJoinTheRestAndSendToEachInTurn() throws Exception {
    MetricsSnapshot before = counted();
    ToolRun run = ToolRun.finished(SimulateTool.TOOL, chat.wsUri("/ws").toString(),
        "--users", "3", "--rooms", "3", "--rooms-per-user", "2", "--rate", "10", "--duration", "1", "--prefix", "multi");
    assertThat(run.status()).as(run.out() + run.err()).isZero();
    long sent = figure(run.outLines(), SENT, 1);
    // Each user joined its second room with one join_room frame; each room has 2 members.
    assertThat(counted().messagesReceived() - before.messagesReceived()).isEqualTo(sent + 3);
    assertThat(figure(run.outLines(), RECEIVED, 1)).isEqualTo(2 * sent).isEqualTo(figure(run.outLines(), RECEIVED, 2));
  }

  @Test
  void whenTheChatWantsTokensEachUserFetchesItsOwnFromSlashToken() throws Exception {
    try (ExampleServer auth = ExampleServer.start(LaunchOptions.ephemeral("chat", "auth"), new ChatExample())) {
      MetricsSnapshot before = auth.metrics().snapshot();
      ToolRun run = ToolRun.finished(SimulateTool.TOOL, "ws://127.0.0.1:" + auth.wsPort() + "/ws",
          "--users", "3", "--rate", "5", "--duration", "1");
      assertThat(run.status()).as(run.out() + run.err()).isZero();
      assertThat(run.err()).startsWith("* the server asks for tokens: fetching each user's from http://127.0.0.1:"
          + auth.httpPort() + "/token?username=NAME");
      MetricsSnapshot after = auth.metrics().snapshot();
      // Users that start after the first refusal was heard ask for a token at once.
      long refused = after.handshakesRejected() - before.handshakesRejected();
      assertThat(refused).as("tokenless first tries").isBetween(1L, 3L);
      assertThat(after.totalConnections() - before.totalConnections()).as("accepted: one per user").isEqualTo(3);
      long sent = figure(run.outLines(), SENT, 1);
      assertThat(after.messagesReceived() - before.messagesReceived()).isEqualTo(sent);
      assertThat(figure(run.outLines(), RECEIVED, 1)).isEqualTo(3 * sent);
    }
  }

  @Test
  void anUnreachableUrlIsOneClearLineAndStatusOne() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    String url = "ws://127.0.0.1:" + port + "/ws";
    ToolRun run = ToolRun.finished(SimulateTool.TOOL, url, "--users", "4");
    assertThat(run.status()).isEqualTo(1);
    assertThat(run.errLines()).containsExactly("error: cannot connect to " + url + ": connection refused");
    assertThat(run.outLines()).singleElement().asString().startsWith("simulating 4 users");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "URL --users 0                  | error: --users must be a whole number of at least 1, got '0'",
      "URL --users many               | error: --users must be a whole number of at least 1, got 'many'",
      "URL --rooms 2 --rooms-per-user 3 | error: --rooms-per-user (3) cannot exceed --rooms (2)",
      "URL --rate -1                  | error: --rate must be a number of at least 0, got '-1'",
      "URL --rate 5000                | error: --rate must be at most 1000 messages per second, got 5000",
      "URL --duration 0               | error: --duration must be a number of at least 0.1, got '0'",
      "URL --duration NaN             | error: --duration must be a number of at least 0.1, got 'NaN'",
      "URL --prefix a/b               | error: --prefix must be 1 to 40 letters, digits, '_', '.' or '-', got 'a/b'",
      "URL --users 2 --users 3        | error: --users is given twice",
      "URL --user 2                   | error: unknown option '--user'",
      "ws:///ws                       | error: the URL must be ws://HOST[:PORT]/PATH or wss://…, got 'ws:///ws'",
      "ws://h/%zz                     | error: not a URL: 'ws://h/%zz'",
  })
  void aBadCommandLineIsRefusedWithTheUsageAndStatusTwo(String args, String message) throws Exception {
    ToolRun run = ToolRun.finished(SimulateTool.TOOL, List.of(args.trim().split("\\s+")).stream()
        .map(word -> word.equals("URL") ? chat.wsUri("/ws").toString() : word).toArray(String[]::new));
    assertThat(run.status()).isEqualTo(Tool.USAGE);
    assertThat(run.out()).isEmpty();
    assertThat(run.errLines().get(0)).isEqualTo(message);
    assertThat(run.err()).contains("usage: java -jar realtime-examples.jar simulate URL [options]");
  }

  @Test
  void helpPrintsTheUsageAndExitsZero() throws Exception {
    ToolRun run = ToolRun.finished(SimulateTool.TOOL, "-h");
    assertThat(run.status()).isZero();
    assertThat(run.out()).startsWith("usage: java -jar realtime-examples.jar simulate URL [options]")
        .contains("--users N", "--rooms R", "--rate M", "--duration S", "--token-url URL", "example: ");
  }
}
