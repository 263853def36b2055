package dev.realtime.transport.javaws;

import dev.realtime.testing.transport.ConformanceCase;
import dev.realtime.testing.transport.ServerOptions;
import dev.realtime.testing.transport.TransportConformance;
import dev.realtime.testing.transport.TransportUnderTest;
import dev.realtime.transport.Endpoint;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/** The transport conformance kit on Java-WebSocket. */
class JavaWsConformanceTest extends TransportConformance {

  @Override
  protected TransportUnderTest transport() {
    return new TransportUnderTest() {
      @Override
      public RunningServer start(ServerOptions options, Map<String, Endpoint> routes) throws IOException {
        JavaWsServer.Builder builder = JavaWsServer.builder().host("127.0.0.1").port(0)
            .decoderThreads(2)
            .heartbeatInterval(options.heartbeatInterval())
            .maxMessageBytes(options.maxMessageBytes())
            .closeTimeout(options.closeTimeout());
        routes.forEach(builder::route);
        JavaWsServer server = builder.build().start();
        return new RunningServer() {
          @Override
          public int port() {
            return server.port();
          }

          @Override
          public int connectionCount() {
            return server.connectionCount();
          }

          @Override
          public void stop(Duration timeout) throws InterruptedException {
            server.stop(timeout);
          }
        };
      }

      @Override
      public Map<ConformanceCase, String> knownFailures() {
        return Map.of(
            ConformanceCase.HANDSHAKE_REFUSAL_STATUS,
            "Java-WebSocket 1.6.0 answers every handshake refused in onWebsocketHandshakeReceivedAsServer"
                + " with 404 (InvalidDataException carries no HTTP status), so a 403 from admit reaches the"
                + " client as 404",
            ConformanceCase.ANSWERED_BEFORE_A_PROTOCOL_ERROR,
            "Java-WebSocket 1.6.0 parses every frame of a read before it delivers any (Draft_6455"
                + ".translateFrame), so an invalid frame fails the read and the good message before it is"
                + " never delivered (Autobahn 3.2, 4.x: NON-STRICT)");
      }
    };
  }
}
