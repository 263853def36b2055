package dev.realtime.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.examples.echo.EchoExample;
import dev.realtime.examples.server.IoModes;
import dev.realtime.examples.server.Transport;
import dev.realtime.testing.transport.WsTestClient;
import dev.realtime.transport.netty.IoMode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The command line as a user meets it: help, refusals, the banner, and what each URL answers. */
class MainTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** One in-process run of {@link Main#run}, its exit status and what it printed. */
  private record Run(int status, String out, String err) {}

  private static Run run(Main.WhileRunning whileRunning, String... args) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      status = Main.run(args, o, e, whileRunning);
    }
    return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static Main.WhileRunning mustNotStart() {
    return server -> {
      throw new AssertionError("the server must not start");
    };
  }

  @Test
  void helpPrintsEveryOptionOfEveryExampleAndExitsZero() throws Exception {
    for (String help : List.of("--help", "-h")) {
      Run run = run(mustNotStart(), "chat", help);
      assertThat(run.status()).isZero();
      assertThat(run.err()).isEmpty();
      assertThat(run.out()).startsWith("usage: java -jar realtime-examples.jar <example> [options]")
          .contains("--port P", "--io-mode MODE", "--transport T", "--host H", "--http-port P", "--ws-port Q", "-h, --help",
              "chat --auth", "dashboard --simulate", "notifications", "editor", "echo")
          .contains("tools (clients of a running server; TOOL --help for their options):",
              "  client URL    a terminal client", "  simulate URL  simulated chat users");
    }
  }

  @ParameterizedTest
  @MethodSource("badCommandLines")
  void aBadCommandLineIsRefusedWithTheUsageAndStatusTwo(List<String> args, String error) throws Exception {
    Run run = run(mustNotStart(), args.toArray(String[]::new));
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().lines().findFirst()).hasValue("error: " + error);
    assertThat(run.err()).contains("usage: java -jar realtime-examples.jar").contains("--port P");
  }

  static Stream<Arguments> badCommandLines() {
    return Stream.of(
        Arguments.of(List.of("chat", "--htpp-port", "9000"), "unknown option '--htpp-port' (did you mean --http-port?)"),
        Arguments.of(List.of("chat", "--verbose"), "unknown option '--verbose'"),
        Arguments.of(List.of("chat", "--port"), "--port needs a value"),
        Arguments.of(List.of("chat", "--port", "http"), "--port must be a port number from 0 to 65535, got 'http'"),
        Arguments.of(List.of(), "name the example to run: one of analytics, chat, dashboard, echo, editor, notifications, tours"));
  }

  @ParameterizedTest
  @MethodSource("everyExampleOnEveryTransport")
  void theBannerNamesEveryAddressAndEachOneAnswers(String example, Transport transport, List<String> flags)
      throws Exception {
    List<String> args = new ArrayList<>(List.of(example, "--host", "127.0.0.1", "--transport", transport.option()));
    args.addAll(transport == Transport.NETTY ? List.of("--port", "0") : List.of("--http-port", "0", "--ws-port", "0"));
    args.addAll(flags);
    AtomicReference<ExampleServer> running = new AtomicReference<>();
    List<String> problems = new ArrayList<>();
    Run run = run(server -> {
      running.set(server);
      for (ServedUrl url : server.urls()) {
        String problem = answers(url);
        if (problem != null) {
          problems.add(url + ": " + problem);
        }
      }
    }, args.toArray(String[]::new));

    assertThat(run.status()).as(run.err()).isZero();
    assertThat(problems).isEmpty();
    ExampleServer server = running.get();
    String http = "http://127.0.0.1:" + server.httpPort();
    String ws = "ws://127.0.0.1:" + server.wsPort();
    String[] lines = run.out().split("\n");
    // on Netty the banner names the I/O that runs: AUTO resolves to a real one before the banner
    String io = server.ioMode().map(mode -> ", " + IoModes.option(mode) + " I/O").orElse("");
    assertThat(server.ioMode().isPresent()).isEqualTo(transport == Transport.NETTY);
    assertThat(server.ioMode().orElse(null)).isNotEqualTo(IoMode.AUTO);
    assertThat(lines[0]).isEqualTo(example + " example (" + transport.option() + " transport" + io + ") listening on 127.0.0.1 only, "
        + (transport == Transport.NETTY ? "port " + server.httpPort()
            : "pages on port " + server.httpPort() + ", WebSockets on port " + server.wsPort()));
    assertThat(run.out())
        .containsPattern("\n  page +" + http + "/\n")
        .containsPattern("\n  page +" + http + "/monitoring\n")
        .containsPattern("\n  WebSocket +" + ws + "/")
        .containsPattern("\n  REST +" + http + "/metrics\n")
        .containsPattern("\n  REST +" + http + "/config.json\n")
        .doesNotContain("Other machines can connect")
        .endsWith("Press Ctrl-C to stop.\n");
    if (transport == Transport.NETTY) {
      assertThat(server.wsPort()).isEqualTo(server.httpPort());
    } else {
      assertThat(server.wsPort()).isNotEqualTo(server.httpPort());
    }
    Set<String> expectedRest = switch (example) {
      case "chat" -> flags.isEmpty() ? Set.of("/stats", "/chat-config.json") : Set.of("/stats", "/chat-config.json", "/token");
      case "dashboard" -> Set.of("/api/metrics", "/api/history", "/api/alerts");
      case "notifications" -> Set.of("/api/notifications");
      default -> Set.of();
    };
    expectedRest.forEach(path -> assertThat(run.out()).containsPattern("\n  REST +" + http + path + "\n"));
    // run() stopped the server when the wait returned: its ports are free again
    assertThat(refused(server.httpPort())).isTrue();
    assertThat(refused(server.wsPort())).isTrue();
  }

  static Stream<Arguments> everyExampleOnEveryTransport() {
    List<Arguments> cases = new ArrayList<>();
    for (Transport transport : Transport.values()) {
      for (ExampleType type : Main.EXAMPLES) {
        cases.add(Arguments.of(type.name(), transport, List.of()));
        type.flags().forEach(flag -> cases.add(Arguments.of(type.name(), transport, List.of(flag.option()))));
      }
    }
    return cases.stream();
  }

  @Test
  void theBannerSaysWhenOtherMachinesCanConnect() throws Exception {
    // Tests bind loopback only, so the banner is given the default options of a real run.
    try (ExampleServer server = ExampleServer.start(LaunchOptions.ephemeral("echo"), new EchoExample())) {
      LaunchOptions everywhere = LaunchOptions.parse(new String[] {"echo"}, Main.EXAMPLES);
      String banner = Main.banner(everywhere, server);
      String io = IoModes.option(server.ioMode().orElseThrow());
      assertThat(banner).startsWith("echo example (netty transport, " + io + " I/O) listening on all interfaces (0.0.0.0), port "
          + server.httpPort() + "\n");
      assertThat(banner).contains("Other machines can connect; --host 127.0.0.1 keeps it to this one.\n");
    }
  }

  @Test
  void ioModeNioServesPagesAndWebSocketsOnNioAndTheBannerSaysSo() throws Exception {
    AtomicReference<Optional<IoMode>> mode = new AtomicReference<>();
    AtomicReference<String> echoed = new AtomicReference<>();
    AtomicReference<HttpResponse<String>> page = new AtomicReference<>();
    Run run = run(server -> {
      mode.set(server.ioMode());
      page.set(HTTP.send(HttpRequest.newBuilder(URI.create(server.pageUrl())).build(), HttpResponse.BodyHandlers.ofString()));
      try (WsTestClient client = WsTestClient.connect(server.wsPort(), "/ws")) {
        client.send("over nio");
        echoed.set(client.nextText());
      }
    }, "echo", "--host", "127.0.0.1", "--port", "0", "--io-mode", "nio");

    assertThat(run.status()).as(run.err()).isZero();
    assertThat(mode.get()).hasValue(IoMode.NIO);
    assertThat(page.get().statusCode()).isEqualTo(200);
    assertThat(page.get().body()).containsIgnoringCase("<html");
    assertThat(echoed.get()).isEqualTo("over nio");
    assertThat(run.out()).startsWith("echo example (netty transport, nio I/O) listening on 127.0.0.1 only, port ");
  }

  @Test
  void aBusyPortIsOneLineNamingItAndStatusTwo() throws Exception {
    try (ServerSocket busy = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      int port = busy.getLocalPort();
      Run netty = run(mustNotStart(), "chat", "--host", "127.0.0.1", "--port", Integer.toString(port));
      assertThat(netty.status()).isEqualTo(2);
      assertThat(netty.out()).isEmpty();
      assertThat(netty.err()).isEqualTo(
          "error: cannot listen on 127.0.0.1:" + port + " (--port): the port is already in use" + System.lineSeparator());

      Run http = run(mustNotStart(), "chat", "--host", "127.0.0.1", "--transport", "javaws",
          "--http-port", Integer.toString(port), "--ws-port", "0");
      assertThat(http.status()).isEqualTo(2);
      assertThat(http.err()).isEqualTo(
          "error: cannot listen on 127.0.0.1:" + port + " (--http-port): the port is already in use" + System.lineSeparator());

      Run ws = run(mustNotStart(), "chat", "--host", "127.0.0.1", "--transport", "javaws",
          "--http-port", "0", "--ws-port", Integer.toString(port));
      assertThat(ws.status()).isEqualTo(2);
      assertThat(ws.err()).isEqualTo(
          "error: cannot listen on 127.0.0.1:" + port + " (--ws-port): the port is already in use" + System.lineSeparator());
    }
  }

  @Test
  void anUnreachableRedisIsOneLineWithoutThePasswordAndStatusTwo() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    // nothing listens on that port now
    Run run = run(mustNotStart(), "chat", "--host", "127.0.0.1", "--port", "0",
        "--redis", "redis://:hunter2@127.0.0.1:" + port);
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .startsWith("error: cannot reach Redis at redis://***@127.0.0.1:" + port + " (--redis): ")
        .doesNotContain("hunter2")
        .hasLineCount(1);
  }

  /** Null if {@code url} answers as its kind should, else what went wrong. */
  private static String answers(ServedUrl url) throws Exception {
    if (url.kind().equals("WebSocket")) {
      URI uri = URI.create(url.url());
      try {
        WsTestClient.connect(uri.getPort(), uri.getPath()).close();
        return null;
      } catch (Exception e) {
        return e.toString();
      }
    }
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url.url())).build(),
        HttpResponse.BodyHandlers.ofString());
    boolean ok = url.kind().equals("page") ? response.statusCode() == 200
        : response.statusCode() < 500 && response.statusCode() != 404;
    return ok ? null : "HTTP " + response.statusCode();
  }

  private static boolean refused(int port) throws Exception {
    try {
      new Socket(InetAddress.getLoopbackAddress(), port).close();
      return false;
    } catch (ConnectException e) {
      return true;
    }
  }
}
