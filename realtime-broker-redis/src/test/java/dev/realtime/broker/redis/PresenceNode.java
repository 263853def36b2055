package dev.realtime.broker.redis;

import dev.realtime.broker.PresenceInfo;
import java.io.IOException;
import java.time.Duration;

/**
 * A node in its own JVM, for a test to kill with SIGKILL: it adds one presence entry, prints
 * {@code READY}, and refreshes the entry until it dies.
 *
 * <p>Arguments: Redis URI, channel, client id, presence TTL in milliseconds.
 */
public final class PresenceNode {

  private PresenceNode() {}

  /** Runs the node. */
  public static void main(String[] args) throws IOException {
    Duration ttl = Duration.ofMillis(Long.parseLong(args[3]));
    RedisBroker broker =
        RedisBroker.builder(args[0])
            .nodeId("doomed")
            .presenceTtl(ttl)
            .presenceRefresh(ttl.dividedBy(4))
            .build();
    broker.start();
    broker.presence().add(args[1], new PresenceInfo(args[2], "ghost", "doomed", "")).join();
    System.out.println("READY");
    System.out.flush();
    while (System.in.read() >= 0) {
      // Runs until killed or its input closes.
    }
  }
}
