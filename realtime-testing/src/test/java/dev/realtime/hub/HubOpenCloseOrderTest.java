package dev.realtime.hub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.protocol.CloseCodes;
import dev.realtime.transport.ConnectionListener;
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
    StubConnection connection = new StubConnection("early", false);

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
          StubConnection connection = (StubConnection) ctx.client().connection();
          connection.open = false;
          CompletableFuture.runAsync(() -> listener[0].onClose(connection, CloseCodes.ABNORMAL, "reset", true))
              .get(10, TimeUnit.SECONDS);
          ctx.client().join("late");
          ctx.client().setUser("bob");
        })
        .onDisconnect(ctx -> disconnects.incrementAndGet())
        .build();
    listener[0] = hub.listener();

    listener[0].onOpen(new StubConnection("racing", false));

    assertThat(hub.clientCount()).as("clients").isZero();
    assertThat(hub.roomNames()).isEmpty();
    assertThat(hub.stats().totalUsers()).isZero();
    assertThat(connects.get()).isEqualTo(1);
    assertThat(disconnects.get()).isEqualTo(1);
  }
}
