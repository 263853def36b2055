package dev.realtime.examples;

import dev.realtime.testing.junit.ServerExtension;
import dev.realtime.examples.server.WebSockets;
import java.util.function.Consumer;

/**
 * The kit's server extension for an example, on either layout: on the one-port layout the
 * WebSocket port is the HTTP port, on the two-port layout it is the second one.
 */
public final class ExampleServers {
  private ExampleServers() {}

  /** Runs {@code example} with {@code options} (ephemeral ports on loopback, for tests). */
  public static ServerExtension<ExampleServer> extension(LaunchOptions options, Example example) {
    return extension(options, example, builder -> {});
  }

  /** Like {@link #extension(LaunchOptions, Example)}, tuning the WebSocket side. */
  public static ServerExtension<ExampleServer> extension(
      LaunchOptions options, Example example, Consumer<WebSockets> tuning) {
    return ServerExtension.of(() -> ExampleServer.start(options, example, tuning), ExampleServer::httpPort)
        .withWebSocketPort(ExampleServer::wsPort);
  }
}
