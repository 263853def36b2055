package dev.realtime.testing.transport;

import dev.realtime.transport.Endpoint;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/**
 * What a transport module gives the conformance kit: a way to start its server on 127.0.0.1, port
 * 0, with given routes and options.
 */
public interface TransportUnderTest {

  /** A started server. */
  interface RunningServer {
    /** The port it bound. */
    int port();

    /** Its open WebSocket connections. */
    int connectionCount();

    /** Stops it gracefully within {@code timeout}: queued messages, then 1001. */
    void stop(Duration timeout) throws InterruptedException;
  }

  /** Starts a server serving each path of {@code routes} to its endpoint. */
  RunningServer start(ServerOptions options, Map<String, Endpoint> routes) throws IOException;

  /**
   * Cases this transport is known to fail, each with the precise reason (a limitation of the
   * library underneath). The kit still runs them and fails if one starts to pass, so the list
   * cannot go stale; nothing is skipped silently.
   */
  default Map<ConformanceCase, String> knownFailures() {
    return Map.of();
  }
}
