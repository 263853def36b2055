package dev.realtime.testing.transport;

import java.time.Duration;
import java.util.Objects;

/**
 * What a conformance case asks of the server it starts: the transport maps these onto its builder.
 *
 * @param heartbeatInterval how often to ping a silent peer (zero: never); whole seconds
 * @param maxMessageBytes the largest inbound message, fragments added up
 * @param closeTimeout how long a peer we close gets to answer
 */
public record ServerOptions(Duration heartbeatInterval, int maxMessageBytes, Duration closeTimeout) {

  /** Validates the parts. */
  public ServerOptions {
    Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
    Objects.requireNonNull(closeTimeout, "closeTimeout");
  }

  /** No heartbeat, 64 KiB messages, a 1 s close timeout. */
  public static ServerOptions defaults() {
    return new ServerOptions(Duration.ZERO, 64 * 1024, Duration.ofSeconds(1));
  }

  /** A copy with another heartbeat interval. */
  public ServerOptions withHeartbeat(Duration interval) {
    return new ServerOptions(interval, maxMessageBytes, closeTimeout);
  }

  /** A copy with another message limit. */
  public ServerOptions withMaxMessageBytes(int bytes) {
    return new ServerOptions(heartbeatInterval, bytes, closeTimeout);
  }
}
