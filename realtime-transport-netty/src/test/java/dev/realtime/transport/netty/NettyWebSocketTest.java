package dev.realtime.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.testing.transport.RawSocketClient;
import dev.realtime.testing.transport.RecordingListener;
import dev.realtime.testing.transport.RecordingListener.Kind;
import dev.realtime.testing.transport.WsTestClient;
import dev.realtime.transport.Admission;
import dev.realtime.transport.Connection;
import dev.realtime.transport.OutboundMessage;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the Netty transport adds to the kit: statuses, shared frames, TLS and deflate. */
class NettyWebSocketTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private final List<NettyServer> servers = new ArrayList<>();

  @AfterEach
  void stop() throws InterruptedException {
    for (NettyServer server : servers) {
      server.stop(Duration.ofSeconds(2));
    }
  }

  private NettyServer start(NettyServer.Builder builder) throws IOException {
    NettyServer server = builder.host("127.0.0.1").port(0).build().start();
    servers.add(server);
    return server;
  }

  private static int status(int port, String path, Map<String, String> headers) throws Exception {
    WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
    headers.forEach(builder::header);
    try {
      builder.buildAsync(URI.create("ws://127.0.0.1:" + port + path), new WebSocket.Listener() {})
          .get(10, TimeUnit.SECONDS).abort();
      return 101;
    } catch (ExecutionException e) {
      return ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode();
    }
  }

  @Test
  void refusesHandshakesWithRealStatuses() throws Exception {
    RecordingListener listener = RecordingListener.echo().admitting(handshake ->
        handshake.query("token").isPresent() ? Admission.accept() : Admission.refuse(401, "token required"));
    NettyServer server = start(NettyServer.builder().maxConnections(2).route("/ws", listener));
    assertThat(status(server.port(), "/ws", Map.of())).isEqualTo(401);
    assertThat(status(server.port(), "/other?token=t", Map.of())).isEqualTo(404);
    WsTestClient first = WsTestClient.connect(server.port(), "/ws?token=a");
    WsTestClient second = WsTestClient.connect(server.port(), "/ws?token=b");
    assertThat(status(server.port(), "/ws?token=c", Map.of())).as("over the limit").isEqualTo(503);
    first.close();
    second.close();
    listener.awaitOpenCount(0, WAIT);
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (server.connectionCount() > 0 && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(10);
    }
    assertThat(status(server.port(), "/ws?token=d", Map.of())).as("a slot freed").isEqualTo(101);
  }

  @Test
  void aVersion13ConnectionIsItsOwnDecoderAndAnOlderVersionGetsTheHandshakersDecoder() throws Exception {
    RecordingListener listener = RecordingListener.echo();
    NettyServer server = start(NettyServer.builder().route("/ws", listener));
    try (RawSocketClient current = new RawSocketClient(server.port(), "/ws")) {
      assertThat(current.readHandshakeResponse()).contains("101");
      NettyConnection first = (NettyConnection) listener.next(Kind.OPEN, WAIT).connection();
      RawSocketClient older = new RawSocketClient(server.port(), "/ws", Map.of("Sec-WebSocket-Version", "8"));
      assertThat(older.readHandshakeResponse()).contains("101");
      NettyConnection second = (NettyConnection) listener.next(Kind.OPEN, WAIT).connection();
      assertThat(first.decodes()).isTrue();
      assertThat(first.channel().pipeline().names()).as("one handler: the connection")
          .containsExactly("wsdecoder", "DefaultChannelPipeline$TailContext#0");
      assertThat(second.decodes()).isFalse();
      assertThat(second.channel().pipeline().last()).isSameAs(second);
      for (RawSocketClient client : List.of(current, older)) {
        client.sendFrame(0x1, "hello".getBytes(StandardCharsets.UTF_8));
        RawSocketClient.Frame echo = client.readFrame();
        assertThat(echo.opcode()).isEqualTo(0x1);
        assertThat(new String(echo.payload(), StandardCharsets.UTF_8)).isEqualTo("hello");
        client.sendFrame(0x8, new byte[] {0x03, (byte) 0xE8});
        assertThat(client.readUntilClose().closeCode()).isEqualTo(1000);
      }
      assertThat(listener.next(Kind.CLOSE, WAIT).code()).isEqualTo(1000);
      assertThat(listener.next(Kind.CLOSE, WAIT).code()).isEqualTo(1000);
      older.close();
    }
  }

  @Test
  void aBroadcastWritesOneSharedFrameBufferToEveryRecipient() throws Exception {
    RecordingListener listener = new RecordingListener();
    NettyServer server = start(NettyServer.builder().route("/ws", listener));
    WsTestClient a = WsTestClient.connect(server.port(), "/ws");
    WsTestClient b = WsTestClient.connect(server.port(), "/ws");
    List<ByteBuf> written = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      NettyConnection connection = (NettyConnection) listener.next(Kind.OPEN, WAIT).connection();
      CompletableFuture<ByteBuf> seen = new CompletableFuture<>();
      // Before the connection (the frame handler): data frames enter the pipeline there, nearer the socket than the tail.
      connection.channel().pipeline().addBefore(connection.channel().pipeline().context(NettyConnection.class).name(), "observer", new ChannelOutboundHandlerAdapter() {
        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
          if (msg instanceof ByteBuf buf && buf.readableBytes() > 1000) {
            seen.complete(buf);
          }
          super.write(ctx, msg, promise);
        }
      });
      assertThat(connection.send(sharedMessage)).isTrue();
      written.add(seen.get(5, TimeUnit.SECONDS));
    }
    ByteBuf shared = SharedFrame.of(sharedMessage);
    assertThat(written.get(0)).isNotSameAs(written.get(1));
    for (ByteBuf buf : written) {
      assertThat(buf.isDirect()).as("direct: no copy before the socket write").isTrue();
      assertThat(buf.hasMemoryAddress()).isTrue();
      assertThat(buf.memoryAddress() + buf.readerIndex())
          .as("the same memory as the shared frame").isEqualTo(shared.memoryAddress() + shared.readerIndex());
    }
    assertThat(a.nextText()).isEqualTo(sharedMessage.text());
    assertThat(b.nextText()).isEqualTo(sharedMessage.text());
    a.close();
    b.close();
  }

  private final OutboundMessage sharedMessage = OutboundMessage.text("s".repeat(4_000));

  @Test
  void aBurstOfSmallFramesIsWrittenAsOneBufferInOrderAndCountedUntilWritten() throws Exception {
    RecordingListener listener = new RecordingListener();
    NettyServer server = start(NettyServer.builder().route("/ws", listener));
    WsTestClient client = WsTestClient.connect(server.port(), "/ws");
    NettyConnection connection = (NettyConnection) listener.next(Kind.OPEN, WAIT).connection();
    List<Integer> writes = new ArrayList<>();
    connection.channel().pipeline().addBefore(connection.channel().pipeline().context(NettyConnection.class).name(), "observer", new ChannelOutboundHandlerAdapter() {
      @Override
      public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof ByteBuf buf) {
          writes.add(buf.readableBytes());
        }
        super.write(ctx, msg, promise);
      }
    });
    // Hold the loop so that every send below waits for one drain: one burst.
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    connection.channel().eventLoop().execute(() -> {
      held.countDown();
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    assertThat(held.await(5, TimeUnit.SECONDS)).isTrue();
    List<String> sent = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      // One large frame in the middle: written on its own, between two merged runs.
      String text = i == 100 ? "L".repeat(FrameBatch.MAX_FRAME + 1) : "event-" + i;
      sent.add(text);
      assertThat(connection.send(OutboundMessage.text(text))).isTrue();
    }
    assertThat(connection.queuedMessages()).isEqualTo(200);
    release.countDown();
    for (String text : sent) {
      assertThat(client.nextText()).isEqualTo(text);
    }
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (connection.queuedMessages() > 0 && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(5);
    }
    assertThat(connection.queuedMessages()).isZero();
    assertThat(connection.queuedBytes()).isZero();
    // Two merged buffers (frames 0-99 and 101-199) around the large frame.
    assertThat(writes).hasSize(3);
    assertThat(writes.get(1)).isEqualTo(4 + FrameBatch.MAX_FRAME + 1);
    client.close();
  }

  @Test
  void servesWssAndHttpsWithASelfSignedCertificate() throws Exception {
    Tls tls = Tls.selfSigned("localhost");
    NettyServer server = start(NettyServer.builder().tls(tls).staticResources("/", "web/")
        .route("/ws", RecordingListener.echo()));
    HttpClient client = HttpClient.newBuilder().sslContext(tls.clientContext()).build();
    HttpResponse<String> page = client.send(
        HttpRequest.newBuilder(URI.create("https://localhost:" + server.port() + "/")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("index");
    CompletableFuture<String> echoed = new CompletableFuture<>();
    WebSocket socket = client.newWebSocketBuilder()
        .buildAsync(URI.create("wss://localhost:" + server.port() + "/ws"), new WebSocket.Listener() {
          @Override
          public java.util.concurrent.CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            echoed.complete(data.toString());
            return null;
          }
        }).get(10, TimeUnit.SECONDS);
    socket.sendText("over tls", true).get(5, TimeUnit.SECONDS);
    assertThat(echoed.get(5, TimeUnit.SECONDS)).isEqualTo("over tls");
    socket.abort();
  }

  @Test
  void deflateIsOffInitiallyAndNegotiatedWhenConfigured() throws Exception {
    NettyServer plain = start(NettyServer.builder().route("/ws", RecordingListener.echo()));
    try (DeflateClient client = new DeflateClient(plain.port())) {
      assertThat(client.extensions).isEmpty();
    }
    RecordingListener echo = RecordingListener.echo();
    NettyServer compressing = start(NettyServer.builder().deflate(Deflate.withoutContextTakeover())
        .route("/ws", echo));
    try (DeflateClient client = new DeflateClient(compressing.port())) {
      assertThat(client.extensions).contains("permessage-deflate")
          .contains("server_no_context_takeover").contains("client_no_context_takeover");
      String text = "compress me ".repeat(200);
      client.sendCompressed(text);
      RawSocketClient.Frame frame = client.read();
      assertThat(frame.rsv1()).as("RSV1: compressed for this connection").isTrue();
      assertThat(frame.payload().length).isLessThan(text.length() / 4);
      assertThat(DeflateClient.inflate(frame.payload())).isEqualTo(text);
    }
  }

  /** A raw client that offers permessage-deflate and compresses what it sends (no context takeover). */
  private static final class DeflateClient implements AutoCloseable {
    private final RawSocketClient raw;
    final String extensions;

    DeflateClient(int port) throws IOException {
      raw = new RawSocketClient(port, "/ws",
          Map.of("Sec-WebSocket-Extensions", "permessage-deflate; client_max_window_bits"));
      String response = raw.readHandshakeHead();
      assertThat(response).startsWith("HTTP/1.1 101");
      String found = "";
      for (String line : response.split("\r\n")) {
        if (line.toLowerCase(java.util.Locale.ROOT).startsWith("sec-websocket-extensions:")) {
          found = line.substring(line.indexOf(':') + 1).trim();
        }
      }
      extensions = found;
    }

    void sendCompressed(String text) throws IOException {
      Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
      deflater.setInput(text.getBytes(StandardCharsets.UTF_8));
      byte[] buffer = new byte[65536];
      int length = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
      deflater.end();
      byte[] payload = java.util.Arrays.copyOf(buffer, length - 4); // drop 00 00 ff ff (RFC 7692)
      raw.sendRaw(RawSocketClient.encode(0x80 | 0x40 | 0x1, payload, true)); // FIN, RSV1, text
    }

    RawSocketClient.Frame read() throws IOException {
      return raw.readFrame();
    }

    static String inflate(byte[] compressed) throws Exception {
      Inflater inflater = new Inflater(true);
      byte[] input = java.util.Arrays.copyOf(compressed, compressed.length + 4);
      input[compressed.length + 2] = (byte) 0xFF;
      input[compressed.length + 3] = (byte) 0xFF;
      inflater.setInput(input);
      byte[] output = new byte[1 << 16];
      int length = inflater.inflate(output);
      inflater.end();
      return new String(output, 0, length, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
      raw.close();
    }
  }
}
