package dev.realtime.hub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.protocol.CloseCodes;
import dev.realtime.transport.Connection;
import dev.realtime.transport.ConnectionListener;
import dev.realtime.transport.Handshake;
import dev.realtime.transport.OutboundMessage;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A transport's close that reaches the hub before or while it registers the connection: the hub
 * must not keep a client whose close it was told about, whatever the order.
 */
class HubOpenCloseOrderTest {
  private final AtomicInteger connects = new AtomicInteger();
  private final AtomicInteger disconnects = new AtomicInteger();

  @Test
  void aCloseHeardBeforeTheOpenLeavesNoClient() {
    Hub hub = Hub.builder()
        .onConnect(ctx -> {
          connects.incrementAndGet();
          ctx.client().setUser("alice");
          ctx.client().join("lobby");
        })
        .onDisconnect(ctx -> disconnects.incrementAndGet())
        .build();
    ConnectionListener listener = hub.listener();
    FakeConnection connection = new FakeConnection("early");

    connection.open = false;
    listener.onClose(connection, CloseCodes.ABNORMAL, "reset", true);
    listener.onOpen(connection);

    assertThat(hub.clientCount()).as("clients").isZero();
    assertThat(hub.roomNames()).isEmpty();
    assertThat(hub.stats().totalUsers()).isZero();
    assertThat(connects.get()).as("connect handlers run for a closed connection").isZero();
    assertThat(disconnects.get()).isZero();
  }

  @Test
  void aCloseDeliveredWhileTheConnectHandlersRunLeavesNoClient() throws Exception {
    ConnectionListener[] listener = new ConnectionListener[1];
    Hub hub = Hub.builder()
        .onConnect(ctx -> {
          connects.incrementAndGet();
          ctx.client().join("lobby");
          // The transport's own thread hears the peer's reset while the handlers still run.
          FakeConnection connection = (FakeConnection) ctx.client().connection();
          connection.open = false;
          CompletableFuture.runAsync(() -> listener[0].onClose(connection, CloseCodes.ABNORMAL, "reset", true))
              .get(10, TimeUnit.SECONDS);
          ctx.client().join("late");
          ctx.client().setUser("bob");
        })
        .onDisconnect(ctx -> disconnects.incrementAndGet())
        .build();
    listener[0] = hub.listener();

    listener[0].onOpen(new FakeConnection("racing"));

    assertThat(hub.clientCount()).as("clients").isZero();
    assertThat(hub.roomNames()).isEmpty();
    assertThat(hub.stats().totalUsers()).isZero();
    assertThat(connects.get()).isEqualTo(1);
    assertThat(disconnects.get()).isEqualTo(1);
  }

  /** A connection whose open state the test sets, as a transport's selector thread would. */
  private static final class FakeConnection implements Connection {
    private final String id;
    private final Handshake handshake =
        Handshake.of("/ws", Map.of(), InetSocketAddress.createUnresolved("127.0.0.1", 40000));
    volatile boolean open = true;

    FakeConnection(String id) {
      this.id = id;
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public Handshake handshake() {
      return handshake;
    }

    @Override
    public boolean send(OutboundMessage message) {
      return open;
    }

    @Override
    public void close(int code, String reason) {
      open = false;
    }

    @Override
    public boolean isOpen() {
      return open;
    }

    @Override
    public long queuedBytes() {
      return 0;
    }

    @Override
    public int queuedMessages() {
      return 0;
    }
  }
}
