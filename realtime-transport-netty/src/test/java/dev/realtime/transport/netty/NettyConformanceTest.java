package dev.realtime.transport.netty;

import dev.realtime.testing.transport.ServerOptions;
import dev.realtime.testing.transport.TransportConformance;
import dev.realtime.testing.transport.TransportUnderTest;
import dev.realtime.transport.Endpoint;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/** The transport conformance kit on Netty. */
class NettyConformanceTest extends TransportConformance {

  @Override
  protected TransportUnderTest transport() {
    return NettyConformanceTest::start;
  }

  static TransportUnderTest.RunningServer start(ServerOptions options, Map<String, Endpoint> routes)
      throws IOException {
    return start(IoMode.AUTO, options, routes);
  }

  static TransportUnderTest.RunningServer start(IoMode io, ServerOptions options, Map<String, Endpoint> routes)
      throws IOException {
    NettyServer.Builder builder = NettyServer.builder().host("127.0.0.1").port(0)
        .io(io)
        .ioThreads(2)
        .heartbeatInterval(options.heartbeatInterval())
        .maxMessageBytes(options.maxMessageBytes())
        .closeTimeout(options.closeTimeout());
    routes.forEach(builder::route);
    NettyServer server = builder.build().start();
    return new TransportUnderTest.RunningServer() {
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
}
