package dev.realtime.testing.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.realtime.testing.transport.RecordingListener.Event;
import dev.realtime.testing.transport.RecordingListener.Kind;
import dev.realtime.transport.Admission;
import dev.realtime.transport.Connection;
import dev.realtime.transport.Endpoint;
import dev.realtime.transport.OutboundMessage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transport conformance suite: behaviour every transport must show on real sockets, written
 * once against the SPI with bare {@link RecordingListener}s.
 *
 * <p>A transport's tests extend this class and return a {@link TransportUnderTest} from {@link
 * #transport()}. A case the transport lists in {@link TransportUnderTest#knownFailures()} still
 * runs and must still fail; the reason is logged, and the case fails if it starts to pass.
 */
public abstract class TransportConformance {
  private static final Logger log = LoggerFactory.getLogger(TransportConformance.class);
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String PATH = "/ws";

  private final List<TransportUnderTest.RunningServer> servers = new ArrayList<>();
  private final List<AutoCloseable> clients = new ArrayList<>();

  /** The transport under test. */
  protected abstract TransportUnderTest transport();

  /** Closes the clients and stops the servers a case started. */
  @AfterEach
  void tearDown() throws Exception {
    for (AutoCloseable client : clients) {
      client.close();
    }
    for (TransportUnderTest.RunningServer server : servers) {
      server.stop(Duration.ofSeconds(2));
    }
  }

  /** A body of a case that may throw anything. */
  @FunctionalInterface
  protected interface CaseBody {
    /** Runs the case. */
    void run() throws Exception;
  }

  /** Runs {@code body} as {@code which}, honouring the transport's known failures. */
  protected final void conformance(ConformanceCase which, CaseBody body) throws Exception {
    String reason = transport().knownFailures().get(which);
    if (reason == null) {
      body.run();
      return;
    }
    try {
      body.run();
    } catch (AssertionError | Exception expected) {
      log.warn("{} fails as known on this transport: {} ({})", which, reason, expected.toString());
      return;
    }
    fail(which + " is listed as a known failure (" + reason + ") but passed: remove it from the list");
  }

  /** Starts a server with {@code listener} at {@value #PATH}. */
  protected final TransportUnderTest.RunningServer start(ServerOptions options, Endpoint listener) throws IOException {
    TransportUnderTest.RunningServer server = transport().start(options, Map.of(PATH, listener));
    servers.add(server);
    return server;
  }

  private WsTestClient client(int port, String target) throws Exception {
    WsTestClient client = WsTestClient.connect(port, target);
    clients.add(client);
    return client;
  }

  private RawSocketClient raw(int port, int receiveBuffer) throws IOException {
    RawSocketClient client = new RawSocketClient(port, PATH, receiveBuffer);
    clients.add(client);
    assertTrue(client.readHandshakeResponse().contains("101"), "handshake accepted");
    return client;
  }

  @Test
  void openTextBinaryAndCloseArriveInOrder() throws Exception {
    conformance(ConformanceCase.OPEN_TEXT_BINARY_CLOSE_ORDER, () -> {
      RecordingListener listener = RecordingListener.echo();
      int port = start(ServerOptions.defaults().withMaxMessageBytes(128 * 1024), listener).port();
      WsTestClient client = client(port, PATH);
      Connection connection = listener.next(Kind.OPEN, WAIT).connection();
      client.send("héllo 👋");
      assertEquals("héllo 👋", client.nextText());
      client.socket.sendBinary(ByteBuffer.wrap(new byte[] {0, 1, 2, (byte) 255}), true).get(10, TimeUnit.SECONDS);
      ByteBuffer echoed = (ByteBuffer) client.next();
      assertEquals(4, echoed.remaining());
      assertEquals((byte) 255, echoed.get(3));
      String big = "x".repeat(70_000);
      client.send(big);
      assertEquals(big, client.nextText());
      client.socket.sendClose(1000, "bye").get(10, TimeUnit.SECONDS);
      assertEquals(1000, client.awaitClose());
      Event close = listener.closeOf(connection, WAIT);
      assertEquals(1000, close.code());
      assertEquals("bye", close.text());
      assertTrue(close.remote(), "the peer closed");
      List<Kind> kinds = listener.eventsOf(connection).stream().map(Event::kind).toList();
      assertEquals(List.of(Kind.TEXT, Kind.BINARY, Kind.TEXT), kinds.subList(0, 3), "after open: " + kinds);
      assertEquals(0, listener.violations());
    });
  }

  @Test
  void closeCodesAndReasonsTravelBothWays() throws Exception {
    conformance(ConformanceCase.CLOSE_CODES_BOTH_WAYS, () -> {
      String longReason = "é".repeat(100);
      RecordingListener listener = new RecordingListener().onText((connection, text) -> {
        if (text.equals("close-me")) {
          connection.close(4003, "forbidden here");
        } else if (text.equals("close-long")) {
          connection.close(4000, longReason);
        }
      });
      int port = start(ServerOptions.defaults(), listener).port();

      WsTestClient closedByServer = client(port, PATH);
      Connection first = listener.next(Kind.OPEN, WAIT).connection();
      closedByServer.send("close-me");
      assertEquals(4003, closedByServer.awaitClose());
      assertEquals("forbidden here", closedByServer.closeReason.get(5, TimeUnit.SECONDS));
      Event serverSide = listener.closeOf(first, WAIT);
      assertEquals(4003, serverSide.code());
      assertEquals("forbidden here", serverSide.text());
      assertFalse(serverSide.remote(), "we closed it");
      assertFalse(first.isOpen());
      assertFalse(first.send(OutboundMessage.text("too late")), "send after close");

      WsTestClient closesItself = client(port, PATH);
      Connection second = listener.next(Kind.OPEN, WAIT).connection();
      closesItself.socket.sendClose(4001, "client says bye").get(10, TimeUnit.SECONDS);
      Event clientSide = listener.closeOf(second, WAIT);
      assertEquals(4001, clientSide.code());
      assertEquals("client says bye", clientSide.text());
      assertTrue(clientSide.remote());

      WsTestClient longOne = client(port, PATH);
      listener.next(Kind.OPEN, WAIT);
      longOne.send("close-long");
      assertEquals(4000, longOne.awaitClose());
      String received = longOne.closeReason.get(5, TimeUnit.SECONDS);
      assertTrue(received.getBytes(StandardCharsets.UTF_8).length <= 123, "reason within 123 bytes");
      assertTrue(longReason.startsWith(received) && received.length() >= 60, "a prefix: " + received.length());
    });
  }

  @Test
  void messagesFromConcurrentSendersKeepEachSendersOrder() throws Exception {
    conformance(ConformanceCase.ORDER_UNDER_CONCURRENT_SENDERS, () -> {
      RecordingListener listener = new RecordingListener();
      int port = start(ServerOptions.defaults(), listener).port();
      WsTestClient client = client(port, PATH);
      Connection connection = listener.next(Kind.OPEN, WAIT).connection();
      int senders = 4;
      int each = 2_000;
      ExecutorService pool = Executors.newFixedThreadPool(senders);
      try {
        List<Future<?>> futures = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
          int sender = s;
          futures.add(pool.submit(() -> {
            for (int i = 0; i < each; i++) {
              assertTrue(connection.send(OutboundMessage.text(sender + ":" + i)));
            }
          }));
        }
        for (Future<?> future : futures) {
          future.get(30, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdown();
      }
      int[] next = new int[senders];
      for (int i = 0; i < senders * each; i++) {
        String message = client.nextText();
        int sender = Integer.parseInt(message.substring(0, message.indexOf(':')));
        int seq = Integer.parseInt(message.substring(message.indexOf(':') + 1));
        assertEquals(next[sender], seq, "sender " + sender + " out of order");
        next[sender]++;
      }
    });
  }

  @Test
  void queuedBytesAndMessagesAreMeasuredAndReturnToZero() throws Exception {
    conformance(ConformanceCase.QUEUED_BYTES_ACCOUNTING, () -> {
      RecordingListener listener = new RecordingListener();
      int port = start(ServerOptions.defaults(), listener).port();
      RawSocketClient stalled = raw(port, 4096);
      Connection connection = listener.next(Kind.OPEN, WAIT).connection();
      int size = 16 * 1024;
      int count = 400; // 6.4 MB: more than the kernel's socket buffers hold
      for (int i = 0; i < count; i++) {
        assertTrue(connection.send(OutboundMessage.text(i % 10 + "z".repeat(size - 1))));
      }
      awaitSteady(connection);
      int messages = connection.queuedMessages();
      long bytes = connection.queuedBytes();
      assertTrue(messages > 0 && messages <= count, "queued messages " + messages);
      assertTrue(bytes >= (long) (messages - 1) * size, "queued bytes " + bytes + " for " + messages + " messages");
      // frame headers plus the transport's own bookkeeping (Netty counts 96 bytes per queued entry)
      assertTrue(bytes <= (long) messages * (size + 128), "queued bytes " + bytes + " for " + messages + " messages");
      assertEquals(Connection.Offer.FULL, connection.offer(OutboundMessage.text("x"), 1, 1_000));
      assertEquals(Connection.Offer.FULL, connection.offer(OutboundMessage.text("x"), Long.MAX_VALUE, messages));

      for (int i = 0; i < count; i++) {
        RawSocketClient.Frame frame = stalled.readFrame();
        assertNotNull(frame, "frame " + i);
        assertEquals(size, frame.payload().length);
      }
      long deadline = System.nanoTime() + WAIT.toNanos();
      while ((connection.queuedMessages() > 0 || connection.queuedBytes() > 0) && System.nanoTime() < deadline) {
        TimeUnit.MILLISECONDS.sleep(5);
      }
      assertEquals(0, connection.queuedMessages());
      assertEquals(0, connection.queuedBytes());
      // an empty queue always takes one message, however small the limits
      assertEquals(Connection.Offer.QUEUED, connection.offer(OutboundMessage.text("y".repeat(100)), 1, 1));
      assertEquals("y".repeat(100), new String(stalled.readFrame().payload(), StandardCharsets.UTF_8));
    });
  }

  /** Waits until the queue of a stalled connection stops moving. */
  private static void awaitSteady(Connection connection) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    long before = -1;
    while (System.nanoTime() < deadline) {
      long now = connection.queuedBytes();
      if (now == before) {
        return;
      }
      before = now;
      TimeUnit.MILLISECONDS.sleep(200);
    }
  }

  @Test
  void aStalledReaderIsClosedWith1013WhileAnotherIsServed() throws Exception {
    conformance(ConformanceCase.SLOW_CONSUMER_1013, () -> {
      RecordingListener listener = new RecordingListener();
      int port = start(ServerOptions.defaults(), listener).port();
      raw(port, 4096);
      Connection slow = listener.next(Kind.OPEN, WAIT).connection();
      WsTestClient fastClient = client(port, PATH);
      Connection fast = listener.next(Kind.OPEN, WAIT).connection();
      long maxBytes = 256 * 1024;
      String chunk = "z".repeat(16 * 1024);
      int sent = 0;
      boolean slowCut = false;
      while (!slowCut && sent < 10_000) {
        OutboundMessage message = OutboundMessage.text(sent + ":" + chunk);
        // the hub's slow-consumer policy: offer, and close with 1013 when the queue is full
        for (Connection member : List.of(slow, fast)) {
          if (member.isOpen() && member.offer(message, maxBytes, 10_000) == Connection.Offer.FULL) {
            member.close(1013, "slow consumer");
            slowCut |= member == slow;
          }
        }
        sent++;
        String received = fastClient.nextText();
        assertEquals(sent - 1, Integer.parseInt(received.substring(0, received.indexOf(':'))));
      }
      assertTrue(slowCut, "the stalled reader was cut after " + sent + " messages");
      assertTrue(fast.isOpen(), "the reading client stays");
      Event close = listener.closeOf(slow, WAIT);
      assertEquals(1013, close.code());
      assertTrue(fast.send(OutboundMessage.text("after")));
      assertEquals("after", fastClient.nextText());
    });
  }

  @Test
  void heartbeatClosesASilentPeerWithinTwoIntervalsAndKeepsALiveOne() throws Exception {
    conformance(ConformanceCase.HEARTBEAT, () -> {
      RecordingListener listener = RecordingListener.echo();
      Duration interval = Duration.ofSeconds(1);
      int port = start(ServerOptions.defaults().withHeartbeat(interval), listener).port();
      WsTestClient live = client(port, PATH);
      Connection liveConnection = listener.next(Kind.OPEN, WAIT).connection();
      raw(port, 0); // never answers a ping, like a process stopped without closing
      Connection silent = listener.next(Kind.OPEN, WAIT).connection();
      long opened = System.nanoTime();
      listener.closeOf(silent, WAIT);
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - opened);
      assertTrue(millis <= 2 * interval.toMillis() + 1_500, "silent peer closed after " + millis + " ms");
      // the JDK client answers pings by itself; it must outlive three intervals
      long deadline = System.nanoTime() + 3 * interval.toNanos() + TimeUnit.MILLISECONDS.toNanos(500);
      while (System.nanoTime() < deadline) {
        assertTrue(liveConnection.isOpen(), "a peer that answers pings stays");
        TimeUnit.MILLISECONDS.sleep(50);
      }
      live.send("still alive");
      assertEquals("still alive", live.nextText());
    });
  }

  @Test
  void aMessageOverTheLimitIsClosedWith1009EvenWhenFragmented() throws Exception {
    conformance(ConformanceCase.MESSAGE_TOO_BIG_1009, () -> {
      RecordingListener listener = RecordingListener.echo();
      int port = start(ServerOptions.defaults().withMaxMessageBytes(1024), listener).port();
      WsTestClient big = client(port, PATH);
      WsTestClient other = client(port, PATH);
      big.socket.sendText("y".repeat(2_000), true);
      assertEquals(1009, big.awaitClose());
      try (RawSocketClient fragmented = new RawSocketClient(port, PATH)) {
        assertTrue(fragmented.readHandshakeResponse().contains("101"));
        byte[] half = "f".repeat(600).getBytes(StandardCharsets.US_ASCII);
        fragmented.sendFrame(0x1, half, false);
        fragmented.sendFrame(0x0, half, true);
        RawSocketClient.Frame close = fragmented.readUntilClose();
        assertNotNull(close, "a close frame, not a reset");
        assertEquals(1009, close.closeCode());
      }
      other.send("still here");
      assertEquals("still here", other.nextText());
    });
  }

  @Test
  void invalidUtf8IsClosedWith1007() throws Exception {
    conformance(ConformanceCase.INVALID_UTF8_1007, () -> {
      int port = start(ServerOptions.defaults(), RecordingListener.echo()).port();
      try (RawSocketClient raw = new RawSocketClient(port, PATH)) {
        assertTrue(raw.readHandshakeResponse().contains("101"));
        raw.sendFrame(0x1, new byte[] {'o', 'k', (byte) 0xC3, (byte) 0x28});
        RawSocketClient.Frame close = raw.readUntilClose();
        assertNotNull(close, "a close frame, not a reset");
        assertEquals(1007, close.closeCode());
      }
    });
  }

  @Test
  void aMessageBeforeAProtocolErrorIsAnsweredBeforeTheClose() throws Exception {
    conformance(ConformanceCase.ANSWERED_BEFORE_A_PROTOCOL_ERROR, () -> {
      int port = start(ServerOptions.defaults(), RecordingListener.echo()).port();
      try (RawSocketClient raw = new RawSocketClient(port, PATH)) {
        assertTrue(raw.readHandshakeResponse().contains("101"));
        // One write, so the server reads both at once: a good message, then a reserved bit set.
        byte[] good = RawSocketClient.encode(0x81, "before".getBytes(StandardCharsets.UTF_8), true);
        byte[] bad = RawSocketClient.encode(0x80 | 0x20 | 0x1, "after".getBytes(StandardCharsets.UTF_8), true);
        byte[] both = new byte[good.length + bad.length];
        System.arraycopy(good, 0, both, 0, good.length);
        System.arraycopy(bad, 0, both, good.length, bad.length);
        raw.sendRaw(both);
        RawSocketClient.Frame echo = raw.readFrame();
        assertNotNull(echo, "the echo, not the end of the stream");
        assertEquals(0x1, echo.opcode(), "the echo comes before the close frame");
        assertEquals("before", new String(echo.payload(), StandardCharsets.UTF_8));
        RawSocketClient.Frame close = raw.readUntilClose();
        assertNotNull(close, "a close frame, not a reset");
        assertEquals(1002, close.closeCode());
      }
    });
  }

  @Test
  void gracefulStopDeliversQueuedMessagesThen1001() throws Exception {
    conformance(ConformanceCase.GRACEFUL_STOP_1001, () -> {
      RecordingListener listener = new RecordingListener();
      TransportUnderTest.RunningServer server = start(ServerOptions.defaults(), listener);
      WsTestClient client = client(server.port(), PATH);
      Connection connection = listener.next(Kind.OPEN, WAIT).connection();
      for (int i = 0; i < 200; i++) {
        connection.send(OutboundMessage.text("m" + i));
      }
      int port = server.port();
      server.stop(Duration.ofSeconds(5));
      for (int i = 0; i < 200; i++) {
        assertEquals("m" + i, client.nextText());
      }
      assertEquals(1001, client.awaitClose());
      assertEquals(0, listener.openCount());
      try {
        WsTestClient.connect(port, PATH).close();
        fail("connected to a stopped server");
      } catch (Exception expected) {
        // refused
      }
    });
  }

  @Test
  void aFloodingClientCutWith1008Reads1008FiftyTimesOutOfFifty() throws Exception {
    conformance(ConformanceCase.FLOOD_AND_CUT_1008, () -> {
      AtomicInteger received = new AtomicInteger();
      RecordingListener listener = new RecordingListener().onText((connection, text) -> {
        if (received.incrementAndGet() % 20 == 0) {
          connection.close(1008, "flooding");
        }
      });
      int port = start(ServerOptions.defaults(), listener).port();
      String payload = "f".repeat(200);
      List<Integer> codes = new ArrayList<>();
      for (int run = 0; run < 50; run++) {
        received.set(0);
        try (WsTestClient client = WsTestClient.connect(port, PATH)) {
          // a client that keeps sending as fast as it can, after the cut too, until its output closes
          CompletableFuture<Void> flood = CompletableFuture.runAsync(() -> {
            try {
              while (!client.closeCode.isDone()) {
                client.socket.sendText(payload, true).get(5, TimeUnit.SECONDS);
              }
            } catch (Exception closed) {
              // the connection closed under us
            }
          });
          codes.add(client.awaitClose());
          flood.get(10, TimeUnit.SECONDS);
        }
      }
      long ok = codes.stream().filter(code -> code == 1008).count();
      assertEquals(50, ok, "runs that read 1008 (codes seen: " + codes + ")");
    });
  }

  @Test
  void aFrameQueuedAtAnyMomentLeavesWithoutWaitingForAnotherWrite() throws Exception {
    conformance(ConformanceCase.NO_LOST_WAKEUP, () -> {
      RecordingListener listener = new RecordingListener();
      int port = start(ServerOptions.defaults(), listener).port();
      WsTestClient client = client(port, PATH);
      Connection connection = listener.next(Kind.OPEN, WAIT).connection();
      SplittableRandom random = new SplittableRandom(11);
      for (int round = 0; round < 2_000; round++) {
        int burst = 1 + random.nextInt(4);
        for (int i = 0; i < burst; i++) {
          connection.send(OutboundMessage.text(round + "." + i + ":" + "b".repeat(random.nextInt(3_000))));
        }
        String last = round + "." + (burst - 1) + ":";
        String message;
        do {
          message = poll(client, LOST_WAKEUP_WAIT, "last frame of burst " + round);
        } while (!message.startsWith(last));
      }
      // five seconds of silence, then a single frame: it must leave at once
      TimeUnit.SECONDS.sleep(5);
      assertTrue(connection.send(OutboundMessage.text("after silence")));
      assertEquals("after silence", poll(client, LOST_WAKEUP_WAIT, "the frame after silence"));
    });
  }

  /**
   * How long a frame may take in the lost-wakeup case. No heartbeat runs there, so a frame lost to
   * the wakeup race would wait for the next write, that is forever: a few seconds tell it from a
   * loaded machine's scheduling delay without deciding the case on wall-clock time.
   */
  private static final Duration LOST_WAKEUP_WAIT = Duration.ofSeconds(5);

  private static String poll(WsTestClient client, Duration within, String what) throws InterruptedException {
    Object message = client.messages.poll(within.toMillis(), TimeUnit.MILLISECONDS);
    if (message == null) {
      throw new AssertionError(what + " did not arrive within " + within);
    }
    return (String) message;
  }

  @Test
  void tenThousandFuzzedFramesLeakNoConnection() throws Exception {
    conformance(ConformanceCase.FUZZED_FRAMES_LEAK_NOTHING, () -> {
      RecordingListener listener = RecordingListener.echo();
      TransportUnderTest.RunningServer server = start(ServerOptions.defaults().withMaxMessageBytes(16 * 1024), listener);
      long seed = Long.getLong("fuzz.seed", 20261122L);
      int workers = 8;
      AtomicInteger sent = new AtomicInteger();
      ExecutorService pool = Executors.newFixedThreadPool(workers);
      try {
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
          SplittableRandom random = new SplittableRandom(seed + w);
          futures.add(pool.submit(() -> {
            FrameFuzzer.fuzz(server.port(), PATH, random, 1_250, sent);
            return null;
          }));
        }
        for (Future<?> future : futures) {
          future.get(120, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdown();
      }
      assertTrue(sent.get() >= 10_000, "frames sent: " + sent.get());
      listener.awaitOpenCount(0, Duration.ofSeconds(20));
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (server.connectionCount() > 0 && System.nanoTime() < deadline) {
        TimeUnit.MILLISECONDS.sleep(10);
      }
      assertEquals(0, server.connectionCount(), "transport connections (seed " + seed + ")");
      assertEquals(0, listener.violations(), "callbacks out of contract");
      WsTestClient normal = client(server.port(), PATH);
      normal.send("still here");
      assertEquals("still here", normal.nextText());
    });
  }

  @Test
  void aRefusalFromAdmitIsTheClientsHttpStatus() throws Exception {
    conformance(ConformanceCase.HANDSHAKE_REFUSAL_STATUS, () -> {
      RecordingListener listener = RecordingListener.echo().admitting(handshake ->
          handshake.header("Origin").filter(origin -> origin.equals("https://evil.example")).isPresent()
              ? Admission.refuse(403, "origin not allowed")
              : Admission.accept());
      int port = start(ServerOptions.defaults(), listener).port();
      assertEquals(403, handshakeStatus(port, PATH, "https://evil.example"));
      assertEquals(404, handshakeStatus(port, "/nowhere", null));
      WsTestClient fine = client(port, PATH);
      fine.send("ok");
      assertEquals("ok", fine.nextText());
      assertEquals(1, listener.openCount(), "a refused handshake never opens");
    });
  }

  private static int handshakeStatus(int port, String path, String origin) throws Exception {
    WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
    if (origin != null) {
      builder.header("Origin", origin);
    }
    try {
      builder.buildAsync(URI.create("ws://127.0.0.1:" + port + path), new WebSocket.Listener() {})
          .get(10, TimeUnit.SECONDS).abort();
      return 101;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof WebSocketHandshakeException refused) {
        return refused.getResponse().statusCode();
      }
      throw e;
    }
  }

  @Test
  void theSubprotocolChosenByAdmitIsEchoed() throws Exception {
    conformance(ConformanceCase.SUBPROTOCOL_ECHOED, () -> {
      RecordingListener listener = new RecordingListener().admitting(handshake ->
          handshake.header("Sec-WebSocket-Protocol").orElse("").contains("chat.v2")
              ? Admission.accept("chat.v2")
              : Admission.accept());
      int port = start(ServerOptions.defaults(), listener).port();
      WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
          .subprotocols("chat.v1", "chat.v2")
          .buildAsync(URI.create("ws://127.0.0.1:" + port + PATH), new WebSocket.Listener() {})
          .get(10, TimeUnit.SECONDS);
      try {
        assertEquals("chat.v2", socket.getSubprotocol());
      } finally {
        socket.abort();
      }
    });
  }

  @Test
  void aQueryStringDoesNotBreakRoutingAndReachesTheHandshake() throws Exception {
    conformance(ConformanceCase.QUERY_STRING_ROUTING, () -> {
      RecordingListener listener = RecordingListener.echo();
      int port = start(ServerOptions.defaults(), listener).port();
      client(port, PATH + "?room=a%20b&user=J%C3%BCrgen&token=x.y.z");
      Connection connection = listener.next(Kind.OPEN, WAIT).connection();
      assertEquals(PATH, connection.handshake().path());
      assertEquals(Optional.of("a b"), connection.handshake().query("room"));
      assertEquals(Optional.of("Jürgen"), connection.handshake().query("user"));
      assertEquals(Optional.of("13"), connection.handshake().header("sec-websocket-version"));
      assertEquals("127.0.0.1", connection.handshake().remoteAddress().getAddress().getHostAddress());
    });
  }
}
