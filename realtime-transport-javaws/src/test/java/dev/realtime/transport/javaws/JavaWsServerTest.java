package dev.realtime.transport.javaws;

import dev.realtime.testing.transport.RawSocketClient;
import dev.realtime.testing.transport.WsTestClient;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.realtime.hub.Hub;
import dev.realtime.hub.HubSettings;
import dev.realtime.metrics.RealtimeMetrics;
import dev.realtime.transport.Handshake;
import dev.realtime.transport.OutboundMessage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JavaWsServerTest {
  private final List<JavaWsServer> servers = new ArrayList<>();
  private final List<AutoCloseable> clients = new ArrayList<>();

  @AfterEach
  void tearDown() throws Exception {
    for (AutoCloseable client : clients) {
      client.close();
    }
    for (JavaWsServer server : servers) {
      server.stop(Duration.ofSeconds(2));
    }
  }

  private JavaWsServer start(JavaWsServer.Builder builder) throws IOException {
    JavaWsServer server = builder.host("127.0.0.1").port(0).build().start();
    servers.add(server);
    return server;
  }

  private WsTestClient client(int port, String target) throws Exception {
    WsTestClient client = WsTestClient.connect(port, target);
    clients.add(client);
    return client;
  }

  private static Hub echoHub() {
    return Hub.builder()
        .onText(ctx -> ctx.client().send(OutboundMessage.text(ctx.text())))
        .onBinary(ctx -> ctx.client().send(OutboundMessage.binary(ctx.data())))
        .build();
  }

  @Test
  void echoesTextAndBinaryOverARealSocket() throws Exception {
    JavaWsServer server = start(JavaWsServer.builder().route("/ws", echoHub()));
    assertThat(server.port()).isPositive();
    WsTestClient client = client(server.port(), "/ws");
    client.send("héllo 👋");
    assertThat(client.nextText()).isEqualTo("héllo 👋");
    client.socket.sendBinary(ByteBuffer.wrap(new byte[] {0, 1, 2, (byte) 255}), true).get();
    ByteBuffer echoed = (ByteBuffer) client.next();
    assertThat(echoed.remaining()).isEqualTo(4);
    assertThat(echoed.get(3)).isEqualTo((byte) 255);
    String big = "x".repeat(70_000 / 2);
    client.send(big);
    assertThat(client.nextText()).isEqualTo(big);
  }

  @Test
  void servesSeveralHubsByPathAndRefusesUnknownPaths() throws Exception {
    Hub json = Hub.builder().on("hello", ctx -> ctx.client().send(OutboundMessage.text("json hub"))).build();
    AtomicInteger rejected = new AtomicInteger();
    RealtimeMetrics metrics = new RealtimeMetrics() {
      @Override
      public void handshakeRejected() {
        rejected.incrementAndGet();
      }
    };
    JavaWsServer server =
        start(JavaWsServer.builder().route("/echo", echoHub()).route("/json", json).metrics(metrics));
    WsTestClient echo = client(server.port(), "/echo?x=1");
    WsTestClient typed = client(server.port(), "/json");
    echo.send("a");
    typed.send("{\"type\":\"hello\"}");
    assertThat(echo.nextText()).isEqualTo("a");
    assertThat(typed.nextText()).isEqualTo("json hub");
    assertThatThrownBy(() -> WsTestClient.connect(server.port(), "/nowhere"))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(java.net.http.WebSocketHandshakeException.class)
        .hasStackTraceContaining("404");
    assertThat(rejected).hasValue(1);
  }

  @Test
  void reportsABindFailureToTheCaller() throws Exception {
    JavaWsServer first = start(JavaWsServer.builder().route("/ws", echoHub()));
    JavaWsServer second =
        JavaWsServer.builder().host("127.0.0.1").port(first.port()).reuseAddress(false)
            .route("/ws", echoHub()).build();
    assertThatThrownBy(second::start).isInstanceOf(IOException.class).hasMessageContaining("could not bind");
  }

  @Test
  void closesOversizedMessagesWith1009AndKeepsServingOthers() throws Exception {
    JavaWsServer server = start(JavaWsServer.builder().maxMessageBytes(1024).route("/ws", echoHub()));
    WsTestClient big = client(server.port(), "/ws");
    WsTestClient other = client(server.port(), "/ws");
    big.socket.sendText("y".repeat(2000), true);
    assertThat(big.awaitClose()).isEqualTo(1009);
    other.send("still here");
    assertThat(other.nextText()).isEqualTo("still here");
  }

  @Test
  void closesInvalidUtf8With1007() throws Exception {
    JavaWsServer server = start(JavaWsServer.builder().route("/ws", echoHub()));
    try (RawSocketClient raw = new RawSocketClient(server.port(), "/ws")) {
      assertThat(raw.readHandshakeResponse()).contains("101");
      raw.sendFrame(0x1, new byte[] {(byte) 0xC3, (byte) 0x28});
      assertThat(raw.readUntilClose().closeCode()).isEqualTo(1007);
    }
  }

  @Test
  void heartbeatRemovesAPeerThatStopsAnsweringWithinTwoIntervals() throws Exception {
    CountDownLatch gone = new CountDownLatch(1);
    CountDownLatch joined = new CountDownLatch(1);
    Hub hub =
        Hub.builder()
            .onConnect(ctx -> {
              ctx.client().join("room");
              joined.countDown();
            })
            .onText(ctx -> {})
            .onDisconnect(ctx -> gone.countDown())
            .build();
    JavaWsServer server =
        start(JavaWsServer.builder().heartbeatInterval(Duration.ofSeconds(1)).route("/ws", hub));
    try (RawSocketClient silent = new RawSocketClient(server.port(), "/ws")) {
      assertThat(silent.readHandshakeResponse()).contains("101");
      // the 101 response can reach us before the server has run onOpen
      assertThat(joined.await(5, TimeUnit.SECONDS)).isTrue();
      long started = System.nanoTime();
      // The raw client never answers pings, like a process that was stopped without closing.
      assertThat(gone.await(10, TimeUnit.SECONDS)).isTrue();
      long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      assertThat(elapsedMillis).as("detected within two intervals plus scheduling slack").isLessThan(3_500);
      assertThat(hub.clientCount()).isZero();
      assertThat(hub.roomNames()).isEmpty();
    }
  }

  @Test
  void keepsALivePeerThatAnswersPings() throws Exception {
    CountDownLatch gone = new CountDownLatch(1);
    Hub hub =
        Hub.builder()
            .onText(ctx -> ctx.client().send(OutboundMessage.text(ctx.text())))
            .onDisconnect(ctx -> gone.countDown())
            .build();
    JavaWsServer server =
        start(JavaWsServer.builder().heartbeatInterval(Duration.ofSeconds(1)).route("/ws", hub));
    WsTestClient client = client(server.port(), "/ws");
    // The JDK client answers pings by itself: across three intervals it must not be dropped.
    assertThat(gone.await(3_500, TimeUnit.MILLISECONDS)).isFalse();
    client.send("still alive");
    assertThat(client.nextText()).isEqualTo("still alive");
    assertThat(hub.clientCount()).isEqualTo(1);
  }

  @Test
  void aClientThatStopsReadingIsClosedWith1013AndOthersStillReceive() throws Exception {
    AtomicInteger slowConsumers = new AtomicInteger();
    CountDownLatch slowGone = new CountDownLatch(1);
    Hub hub =
        Hub.builder()
            .settings(HubSettings.DEFAULTS.withMaxQueuedBytes(256 * 1024))
            .metrics(new RealtimeMetrics() {
              @Override
              public void slowConsumerDisconnected() {
                slowConsumers.incrementAndGet();
                slowGone.countDown();
              }
            })
            .onConnect(ctx -> ctx.client().join("feed"))
            .onText(ctx -> {})
            .build();
    JavaWsServer server =
        start(JavaWsServer.builder().closeTimeout(Duration.ofSeconds(1)).route("/ws", hub));
    WsTestClient slow = WsTestClient.connect(server.port(), "/ws", false);
    clients.add(slow);
    WsTestClient fast = client(server.port(), "/ws");
    waitForMembers(hub, "feed", 2);

    String chunk = "z".repeat(16 * 1024);
    int sent = 0;
    while (slowGone.getCount() > 0 && sent < 10_000) {
      hub.room("feed").broadcast(OutboundMessage.text(chunk));
      sent++;
      assertThat(fast.nextText()).hasSize(chunk.length());
    }
    assertThat(slowGone.await(0, TimeUnit.SECONDS)).as("slow consumer detected").isTrue();
    assertThat(slowConsumers).hasValue(1);
    assertThat(sent).isLessThan(10_000);
    // the server dropped the slow one and its room membership
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (hub.clientCount() > 1 && System.nanoTime() < deadline) {
      fast.messages.poll(50, TimeUnit.MILLISECONDS);
    }
    assertThat(hub.clientCount()).isEqualTo(1);
    hub.room("feed").broadcast(OutboundMessage.text("after"));
    assertThat(fast.nextText()).isEqualTo("after");
  }

  @Test
  void gracefulStopFlushesQueuedMessagesThenSends1001AndRefusesNewConnections() throws Exception {
    Hub hub = Hub.builder().onConnect(ctx -> ctx.client().join("r")).onText(ctx -> {}).build();
    JavaWsServer server = start(JavaWsServer.builder().route("/ws", hub));
    WsTestClient client = client(server.port(), "/ws");
    waitForMembers(hub, "r", 1);
    for (int i = 0; i < 200; i++) {
      hub.room("r").broadcast(OutboundMessage.text("m" + i));
    }
    int port = server.port();
    server.stop(Duration.ofSeconds(5));
    for (int i = 0; i < 200; i++) {
      assertThat(client.nextText()).isEqualTo("m" + i);
    }
    assertThat(client.awaitClose()).isEqualTo(1001);
    assertThatThrownBy(() -> WsTestClient.connect(port, "/ws")).isInstanceOf(Exception.class);
  }

  @Test
  void queueAccountingReturnsToZeroOnceFlushed() throws Exception {
    Hub hub = Hub.builder().onConnect(ctx -> ctx.client().join("r")).onText(ctx -> {}).build();
    JavaWsServer server = start(JavaWsServer.builder().route("/ws", hub));
    WsTestClient client = client(server.port(), "/ws");
    waitForMembers(hub, "r", 1);
    for (int i = 0; i < 500; i++) {
      hub.room("r").broadcast(OutboundMessage.text("payload " + i));
    }
    for (int i = 0; i < 500; i++) {
      client.nextText();
    }
    var member = hub.room("r").members().iterator().next();
    // All 500 arrived, but the selector dequeues a frame only after its write returned (and frames
    // sent by one gathering write one by one after it), so the accounting can lag the client a little.
    Waits.until(() -> member.queuedMessages() == 0 && member.queuedBytes() == 0, Duration.ofSeconds(10),
        "the queue accounting back at zero");
    assertThat(member.queuedMessages()).isZero();
    assertThat(member.queuedBytes()).isZero();
  }

  @Test
  void handshakeExposesPathQueryHeadersAndAddress() throws Exception {
    List<String> seen = new ArrayList<>();
    CountDownLatch opened = new CountDownLatch(1);
    Hub hub =
        Hub.builder()
            .onConnect(ctx -> {
              Handshake handshake = ctx.client().handshake();
              seen.add(handshake.path());
              seen.add(handshake.query("name").orElse("?"));
              seen.add(handshake.header("sec-websocket-version").orElse("?"));
              seen.add(handshake.remoteAddress().getAddress().getHostAddress());
              opened.countDown();
            })
            .onText(ctx -> {})
            .build();
    JavaWsServer server = start(JavaWsServer.builder().route("/ws", hub));
    client(server.port(), "/ws?name=J%C3%BCrgen");
    assertThat(opened.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(seen).containsExactly("/ws", "Jürgen", "13", "127.0.0.1");
  }

  /**
   * Waits until the room has {@code count} members. The client count is not enough: a client is
   * counted before its connect handler joins it to the room, so a broadcast right after could miss it.
   */
  private static void waitForMembers(Hub hub, String room, int count) throws InterruptedException {
    Waits.until(() -> hub.room(room).size() >= count, Duration.ofSeconds(5), count + " members in " + room);
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
