package dev.realtime.examples;

import dev.realtime.testing.junit.ServerExtension;
import dev.realtime.transport.javaws.JavaWsServer;
import java.util.function.Consumer;

/** The kit's server extension for an example: pages and REST on one port, WebSockets on the other. */
public final class ExampleServers {
  private ExampleServers() {}

  /** Runs {@code example} with {@code options} (ephemeral ports on loopback, for tests). */
  public static ServerExtension<ExampleServer> extension(LaunchOptions options, Example example) {
    return extension(options, example, builder -> {});
  }

  /** Like {@link #extension(LaunchOptions, Example)}, tuning the WebSocket server. */
  public static ServerExtension<ExampleServer> extension(
      LaunchOptions options, Example example, Consumer<JavaWsServer.Builder> tuning) {
    return ServerExtension.of(() -> ExampleServer.start(options, example, tuning), ExampleServer::httpPort)
        .withWebSocketPort(ExampleServer::wsPort);
  }
}
