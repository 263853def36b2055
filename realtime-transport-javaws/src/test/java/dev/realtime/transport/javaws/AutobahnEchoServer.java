package dev.realtime.transport.javaws;

import dev.realtime.testing.transport.EchoListener;
import java.time.Duration;

/**
 * The echo server Autobahn|Testsuite's fuzzing client runs against in {@code mvn verify}: {@code
 * args[0]} is the port, the echo answers at {@code /}, messages up to 20 MiB (cases 9.x send 16 MiB).
 */
public final class AutobahnEchoServer {
  private AutobahnEchoServer() {}

  /** Starts the server on {@code 127.0.0.1:args[0]} and returns; its threads keep it running. */
  public static void main(String[] args) throws Exception {
    // The fuzzer sends invalid frames on purpose, and Java-WebSocket logs every one it refuses as
    // an error with a stack trace, through the build's own logger (this runs inside Maven). The
    // refusals are what the report checks; the adapter's own loggers still speak.
    System.setProperty("org.slf4j.simpleLogger.log.org.java_websocket", "off");
    JavaWsServer.builder()
        .host("127.0.0.1")
        .port(Integer.parseInt(args[0]))
        .maxMessageBytes(20 * 1024 * 1024)
        .heartbeatInterval(Duration.ZERO)
        .closeTimeout(Duration.ofSeconds(2))
        .route("/", new EchoListener())
        .build()
        .start();
  }
}
