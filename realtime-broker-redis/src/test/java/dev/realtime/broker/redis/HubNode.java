package dev.realtime.broker.redis;

import dev.realtime.hub.Hub;
import dev.realtime.testing.InMemoryTransport;
import java.io.IOException;
import java.time.Duration;

/**
 * A hub node in its own JVM, for a test to kill with SIGKILL: it starts a broker and a hub, joins
 * one client to a room as a user, prints {@code READY}, and lives until killed.
 *
 * <p>Arguments: Redis URI, room, user, presence TTL in milliseconds.
 */
public final class HubNode {

  private HubNode() {}

  /** Runs the node. */
  public static void main(String[] args) throws IOException {
    Duration ttl = Duration.ofMillis(Long.parseLong(args[3]));
    RedisBroker broker =
        RedisBroker.builder(args[0]).nodeId("doomed").presenceTtl(ttl).presenceRefresh(ttl.dividedBy(4)).build();
    broker.start();
    Hub hub = Hub.builder()
        .name("chat")
        .broker(broker)
        .onPresence(ctx -> {}) // every node of the hub follows presence the same way
        .onConnect(ctx -> {
          ctx.client().setUser(args[2]);
          ctx.client().join(args[1]);
        })
        .build();
    new InMemoryTransport(hub).connect("/ws");
    hub.room(args[1]).presence().toCompletableFuture().join();
    System.out.println("READY");
    System.out.flush();
    while (System.in.read() >= 0) {
      // Runs until killed or its input closes.
    }
  }
}
