package dev.realtime.examples.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.examples.ExampleServer;
import dev.realtime.examples.ExampleServers;
import dev.realtime.examples.LaunchOptions;
import dev.realtime.examples.chat.ChatExample;
import dev.realtime.examples.server.Transport;
import dev.realtime.testing.junit.ServerExtension;
import dev.realtime.testing.transport.WsTestClient;
import dev.realtime.transport.netty.IoMode;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code client URL} driven as a terminal drives it — lines on stdin, frames read off stdout,
 * connection changes off stderr — against the real chat on port 0: lines sent as JSON or as chat
 * messages, frames printed one per line with user text escaped, the end of input waiting for the
 * server's answers, a reconnect across a server restart, a server that refuses for good, an
 * unreachable URL, and bad command lines.
 */
class ClientToolTest {
  @RegisterExtension
  final ServerExtension<ExampleServer> chat = ExampleServers.extension(LaunchOptions.ephemeral("chat"), new ChatExample());

  private String url(String query) {
    return chat.wsUri("/ws?" + query).toString();
  }

  private static String awaitText(WsTestClient client, String part) throws InterruptedException {
    while (true) {
      String text = client.nextText();
      if (text.contains(part)) {
        return text;
      }
    }
  }

  @Test
  void eachLineIsSentAsJsonOrAsAChatMessageAndEachFramePrintedOnOneEscapedLine() throws Exception {
    try (WsTestClient bob = WsTestClient.connect(chat.webSocketPort(), "/ws?username=bob&room=general");
        ToolRun ann = ToolRun.start(ClientTool.TOOL, url("username=ann&room=general"))) {
      ann.awaitErr("connected", line -> line.startsWith("* connected to ws://127.0.0.1:"));
      ann.type("hello bob");
      ann.type("[1, 2]");
      ann.type("{\"type\":\"users\"}");
      ann.type("{\"type\":\"message\"}");
      assertThat(awaitText(bob, "hello bob")).contains("\"username\":\"ann\"", "\"room\":\"general\"");
      assertThat(awaitText(bob, "[1, 2]")).as("not a JSON object: a chat message").contains("\"type\":\"message\"");
      ann.awaitOut("the user list", line -> line.equals("users #general ann, bob") || line.equals("users #general bob, ann"));
      String error = ann.awaitOut("the server's error", line -> line.startsWith("error "));
      assertThat(error).contains("content");

      bob.send("{\"type\":\"message\",\"content\":\"line one\\nline two \\u001b[2J\\u202Eevil\"}");
      String printed = ann.awaitOut("bob's message", line -> line.startsWith("message #general bob: "));
      // The chat adds the sender's connection as client_id=…, a field the line shows after the text.
      assertThat(printed).startsWith("message #general bob: line one\\nline two \\u001B[2J\\u202Eevil client_id=");

      ann.endInput();
      assertThat(ann.status()).isZero();
      assertThat(ann.outLines())
          .anyMatch(line -> line.startsWith("message #general ann: hello bob "))
          .anyMatch(line -> line.startsWith("message #general ann: [1, 2] "))
          .anyMatch(line -> line.startsWith("join #general system: ann joined general"))
          .noneMatch(line -> line.startsWith("pong"));
      assertThat(ann.errLines()).last().isEqualTo("* closed");
    }
  }

  @Test
  void linesPipedInBeforeTheConnectionOpensAreSentAndAnsweredBeforeItCloses() throws Exception {
    try (ToolRun run = ToolRun.start(ClientTool.TOOL, url("username=scripted"))) {
      run.type("{\"type\":\"users\"}");
      run.type("piped");
      run.endInput();
      assertThat(run.status()).isZero();
      assertThat(run.outLines()).contains("users #general scripted")
          .anyMatch(line -> line.startsWith("message #general scripted: piped "));
      assertThat(run.err()).doesNotContain("never sent");
    }
  }

  @Test
  void rawPrintsEachFrameAsItsJson() throws Exception {
    try (ToolRun run = ToolRun.start(ClientTool.TOOL, url("username=raw"), "--raw")) {
      run.type("as json");
      run.endInput();
      assertThat(run.status()).isZero();
      assertThat(run.outLines()).anySatisfy(line -> assertThat(line)
          .startsWith("{\"type\":\"message\",\"content\":\"as json\",\"username\":\"raw\"").endsWith("}"));
    }
  }

  @Test
  void afterTheServerRestartsTheClientReconnectsAndKeepsSending() throws Exception {
    ExampleServer first = ExampleServer.start(LaunchOptions.ephemeral("chat"), new ChatExample());
    int port = first.wsPort();
    String url = "ws://127.0.0.1:" + port + "/ws?username=ann";
    ExampleServer second = null;
    try (ToolRun ann = ToolRun.start(ClientTool.TOOL, url)) {
      ann.awaitErr("connected", line -> line.equals("* connected to " + url));
      first.close();
      ann.awaitErr("the lost connection", line -> line.startsWith("* disconnected (1001") && line.contains("retrying in"));
      second = ExampleServer.start(
          new LaunchOptions("chat", Transport.NETTY, IoMode.AUTO, "127.0.0.1", port, 0, 0, Set.of(), Optional.empty()), new ChatExample());
      ann.awaitErrCount("connected again", line -> line.equals("* connected to " + url), 2);
      ann.type("back again");
      ann.awaitOut("the message through the new server", line -> line.startsWith("message #general ann: back again "));
      ann.endInput();
      assertThat(ann.status()).isZero();
    } finally {
      first.close();
      if (second != null) {
        second.close();
      }
    }
  }

  @Test
  void aServerThatRefusesForGoodEndsTheRunAndATokenUrlGetsIn() throws Exception {
    try (ExampleServer auth = ExampleServer.start(LaunchOptions.ephemeral("chat", "auth"), new ChatExample())) {
      String url = "ws://127.0.0.1:" + auth.wsPort() + "/ws";
      try (ToolRun refused = ToolRun.start(ClientTool.TOOL, url)) {
        assertThat(refused.status()).as("stdin still open: the server's refusal ends it").isEqualTo(1);
        assertThat(refused.outLines()).anySatisfy(line -> assertThat(line).startsWith("error missing_token: "));
        assertThat(refused.err()).contains("* disconnected (4001 ", "; not reconnecting",
            "try --token-url http://HOST:PORT/token?username=NAME");
      }

      String tokens = "http://127.0.0.1:" + auth.httpPort() + "/token?username=carol";
      try (ToolRun carol = ToolRun.start(ClientTool.TOOL, url, "--token-url", tokens)) {
        carol.type("signed in");
        carol.endInput();
        assertThat(carol.status()).isZero();
        assertThat(carol.outLines()).anyMatch(line -> line.startsWith("message #general carol: signed in "));
      }
    }
  }

  @Test
  void anUnreachableUrlIsOneClearLineAndStatusOne() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    String url = "ws://127.0.0.1:" + port + "/ws";
    ToolRun run = ToolRun.start(ClientTool.TOOL, url);
    run.type("lost");
    assertThat(run.status()).as("stdin still open").isEqualTo(1);
    assertThat(run.errLines()).containsExactly("error: cannot connect to " + url + ": connection refused");
    assertThat(run.out()).isEmpty();

    ToolRun wrongPath = ToolRun.finished(ClientTool.TOOL, url("username=x").replace("/ws", "/nowhere"));
    assertThat(wrongPath.status()).isEqualTo(1);
    assertThat(wrongPath.errLines()).singleElement().asString().endsWith(": handshake refused: HTTP 404");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "--bogus URL                   | error: unknown option '--bogus'",
      "URL -x                        | error: unknown option '-x'",
      "''                            | error: give the server's WebSocket URL, such as ws://localhost:8080/ws",
      "http://127.0.0.1/ws           | error: the URL must be ws://HOST[:PORT]/PATH or wss://…, got 'http://127.0.0.1/ws'",
      "URL URL                       | error: expected one URL, got 2 arguments",
      "URL --wait -1                 | error: --wait must be a number of at least 0, got '-1'",
      "URL --wait soon               | error: --wait must be a number of at least 0, got 'soon'",
      "URL --wait                    | error: --wait needs a value",
      "URL --raw=yes                 | error: --raw takes no value",
      "URL --raw --raw               | error: --raw is given twice",
      "URL --token-url ftp://x/token | error: --token-url must be an http:// or https:// URL, got 'ftp://x/token'",
  })
  void aBadCommandLineIsRefusedWithTheUsageAndStatusTwo(String args, String message) throws Exception {
    List<String> words = args.isBlank() ? List.of() : List.of(args.trim().split("\\s+"));
    ToolRun run = ToolRun.finished(ClientTool.TOOL,
        words.stream().map(word -> word.equals("URL") ? url("username=x") : word).toArray(String[]::new));
    assertThat(run.status()).isEqualTo(Tool.USAGE);
    assertThat(run.out()).isEmpty();
    assertThat(run.errLines().get(0)).isEqualTo(message);
    assertThat(run.err()).contains("usage: java -jar realtime-examples.jar client URL [options]");
  }

  @Test
  void helpPrintsTheUsageAndExitsZero() throws Exception {
    ToolRun run = ToolRun.finished(ClientTool.TOOL, "--help");
    assertThat(run.status()).isZero();
    assertThat(run.out()).startsWith("usage: java -jar realtime-examples.jar client URL [options]")
        .contains("--token-url URL", "--wait S", "--raw", "--help", "example: ");
    assertThat(run.err()).isEmpty();
  }
}
