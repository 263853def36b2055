package dev.realtime.transport.javaws;

import dev.realtime.testing.transport.WsTestClient;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.realtime.auth.OriginPolicy;
import dev.realtime.hub.Hub;
import dev.realtime.transport.OutboundMessage;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What is checked before a connection reaches a hub: the hub's origin policy and subprotocol
 * choice (asked through {@code admit} at the handshake), the adapter's limits and handshake time.
 */
class AdmissionTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final List<JavaWsServer> servers = new ArrayList<>();
  private final List<AutoCloseable> clients = new ArrayList<>();
  private final Hub hub = Hub.builder().onText(ctx -> ctx.client().send(OutboundMessage.text(ctx.text()))).build();

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
    return start(builder, hub);
  }

  private JavaWsServer start(JavaWsServer.Builder builder, Hub routed) throws IOException {
    JavaWsServer server = builder.host("127.0.0.1").port(0).route("/ws", routed).build().start();
    servers.add(server);
    return server;
  }

  private WebSocket connect(int port, String origin, String... subprotocols) throws Exception {
    WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
    if (origin != null) {
      builder.header("Origin", origin);
    }
    if (subprotocols.length > 0) {
      builder.subprotocols(subprotocols[0], Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
    }
    return builder.buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"), new WebSocket.Listener() {})
        .get(10, TimeUnit.SECONDS);
  }

  @Test
  void aCrossSiteOriginCannotOpenASocket() throws Exception {
    Hub guarded = Hub.builder()
        .originPolicy(OriginPolicy.allowing("https://app.example.com").withSameHost(8080))
        .onText(ctx -> ctx.client().send(OutboundMessage.text(ctx.text())))
        .build();
    JavaWsServer server = start(JavaWsServer.builder(), guarded);
    assertThat(connect(server.port(), "https://app.example.com")).isNotNull();
    assertThat(connect(server.port(), "http://127.0.0.1:8080")).isNotNull();
    assertThat(connect(server.port(), null)).isNotNull();
    assertThatThrownBy(() -> connect(server.port(), "https://evil.example.net"))
        .isInstanceOf(ExecutionException.class)
        .hasStackTraceContaining("404");
    assertThatThrownBy(() -> connect(server.port(), "http://127.0.0.1:9999"))
        .isInstanceOf(ExecutionException.class);
    // the 101 can reach the client before the server's worker has registered the client
    Waits.until(() -> guarded.clientCount() >= 3, WAIT, "three clients registered");
    assertThat(guarded.clientCount()).isEqualTo(3);
  }

  @Test
  void echoesTheSubprotocolTheHubChose() throws Exception {
    Hub choosing = Hub.builder()
        .subprotocols(offered -> offered.contains("bearer") ? Optional.of("bearer") : Optional.empty())
        .onText(ctx -> {})
        .build();
    JavaWsServer server = start(JavaWsServer.builder(), choosing);
    WebSocket socket = connect(server.port(), null, "bearer", "some.token.value");
    assertThat(socket.getSubprotocol()).isEqualTo("bearer");
    // an answer that the client did not offer is never echoed
    JavaWsServer other = start(JavaWsServer.builder(),
        Hub.builder().subprotocols(offered -> Optional.of("made-up")).onText(ctx -> {}).build());
    assertThat(connect(other.port(), null, "chat").getSubprotocol()).isEmpty();
  }

  @Test
  void connectionsPerAddressAreLimitedWith1013() throws Exception {
    JavaWsServer server = start(JavaWsServer.builder().maxConnectionsPerAddress(2));
    WsTestClient first = WsTestClient.connect(server.port(), "/ws");
    clients.add(first);
    WsTestClient second = WsTestClient.connect(server.port(), "/ws");
    clients.add(second);
    // A connection takes its slot in the server's onOpen, which can run after its 101 reached the
    // client (on another worker thread): without this wait the third could take the second's slot.
    Waits.until(() -> server.connectionCount() == 2, WAIT, "two connections counted");
    WsTestClient third = WsTestClient.connect(server.port(), "/ws");
    clients.add(third);
    assertThat(third.awaitClose()).isEqualTo(1013);
    first.send("still served");
    assertThat(first.nextText()).isEqualTo("still served");
    // a slot frees when a connection closes
    first.socket.sendClose(1000, "bye").get(5, TimeUnit.SECONDS);
    first.awaitClose();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (server.connectionCount() > 1 && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    WsTestClient fourth = WsTestClient.connect(server.port(), "/ws");
    clients.add(fourth);
    fourth.send("welcome back");
    assertThat(fourth.nextText()).isEqualTo("welcome back");
  }

  @Test
  void totalConnectionsAreLimitedWith1013() throws Exception {
    JavaWsServer server = start(JavaWsServer.builder().maxConnections(1));
    WsTestClient first = WsTestClient.connect(server.port(), "/ws");
    clients.add(first);
    // the first takes its slot in the server's onOpen, which can run after its 101 reached us
    Waits.until(() -> server.connectionCount() == 1, WAIT, "the first connection counted");
    WsTestClient second = WsTestClient.connect(server.port(), "/ws");
    clients.add(second);
    assertThat(second.awaitClose()).isEqualTo(1013);
    assertThat(second.closeReason.get()).isEqualTo("too many connections");
  }

  @Test
  void aConnectionThatNeverCompletesItsHandshakeIsDropped() throws Exception {
    // The deadline applies to the normal client below too: on a loaded machine its handshake can
    // take longer than a few hundred milliseconds to be read and answered.
    JavaWsServer server = start(JavaWsServer.builder().handshakeTimeout(Duration.ofSeconds(2)));
    try (Socket slowLoris = new Socket("127.0.0.1", server.port())) {
      slowLoris.setSoTimeout(10_000);
      slowLoris.getOutputStream().write("GET /ws HTTP/1.1\r\nHost: x\r\n".getBytes());
      InputStream in = slowLoris.getInputStream();
      // the server closes the socket: end of stream (or a reset) well before our read timeout
      int read;
      try {
        read = in.read();
      } catch (java.net.SocketException reset) {
        read = -1;
      }
      assertThat(read).isEqualTo(-1);
    }
    WsTestClient normal = WsTestClient.connect(server.port(), "/ws");
    clients.add(normal);
    normal.send("ok");
    assertThat(normal.nextText()).isEqualTo("ok");
  }
}
