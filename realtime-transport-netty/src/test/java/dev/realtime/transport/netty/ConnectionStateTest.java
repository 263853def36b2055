package dev.realtime.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.testing.transport.RecordingListener;
import dev.realtime.testing.transport.RecordingListener.Kind;
import dev.realtime.testing.transport.WsTestClient;
import io.netty.channel.ChannelOption;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What an open connection keeps: only per-server objects where a per-connection one is not needed. */
class ConnectionStateTest {
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

  private static int status(int port, String path) throws Exception {
    try {
      HttpClient.newHttpClient().newWebSocketBuilder()
          .buildAsync(URI.create("ws://127.0.0.1:" + port + path), new WebSocket.Listener() {})
          .get(10, TimeUnit.SECONDS).abort();
      return 101;
    } catch (ExecutionException e) {
      return ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode();
    }
  }

  @Test
  void connectionsShareTheReceiveAllocatorAndKeepNoWebSocketKeyNorSyntheticLength() throws Exception {
    RecordingListener listener = new RecordingListener();
    NettyServer server = start(NettyServer.builder().route("/ws", listener));
    WsTestClient a = WsTestClient.connect(server.port(), "/ws?room=r");
    WsTestClient b = WsTestClient.connect(server.port(), "/ws?room=r");
    NettyConnection first = (NettyConnection) listener.next(Kind.OPEN, WAIT).connection();
    NettyConnection second = (NettyConnection) listener.next(Kind.OPEN, WAIT).connection();
    Object allocator = first.channel().config().getRecvByteBufAllocator();
    assertThat((Object) second.channel().config().getRecvByteBufAllocator()).isSameAs(allocator);
    assertThat(first.channel().config().getOption(ChannelOption.TCP_NODELAY)).isTrue();
    assertThat(first.id()).startsWith("netty-").isNotEqualTo(second.id());
    assertThat(first.id()).isEqualTo(first.id());
    assertThat(first.handshake().header("sec-websocket-key")).isEmpty();
    assertThat(first.handshake().header("sec-websocket-version")).hasValue("13");
    assertThat(first.handshake().header("content-length")).as("added by the aggregator, not sent").isEmpty();
    assertThat(first.handshake().query("room")).hasValue("r");
    a.close();
    b.close();
  }

  @Test
  void aClosedConnectionFreesItsAddressesSlot() throws Exception {
    RecordingListener listener = new RecordingListener();
    NettyServer server = start(NettyServer.builder().maxConnectionsPerAddress(1).route("/ws", listener));
    WsTestClient first = WsTestClient.connect(server.port(), "/ws");
    listener.next(Kind.OPEN, WAIT);
    assertThat(status(server.port(), "/ws")).as("over the per-address limit").isEqualTo(503);
    first.close();
    listener.next(Kind.CLOSE, WAIT);
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (server.connectionCount() > 0 && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(10);
    }
    WsTestClient again = WsTestClient.connect(server.port(), "/ws");
    listener.next(Kind.OPEN, WAIT);
    again.close();
  }
}
