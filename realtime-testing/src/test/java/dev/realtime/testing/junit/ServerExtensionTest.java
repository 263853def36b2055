package dev.realtime.testing.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** The server extension's lifecycle, run on fixture classes through JUnit's own engine. */
class ServerExtensionTest {
  static final List<String> events = new CopyOnWriteArrayList<>();
  static final AtomicInteger started = new AtomicInteger();

  /** A stand-in server: a real socket listening on an ephemeral loopback port. */
  static final class FakeServer implements AutoCloseable {
    final int number = started.incrementAndGet();
    final ServerSocket http = listen();
    final ServerSocket webSocket = listen();

    static FakeServer start() {
      FakeServer server = new FakeServer();
      events.add("start " + server.number);
      return server;
    }

    private static ServerSocket listen() {
      try {
        return new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }

    int httpPort() {
      return http.getLocalPort();
    }

    int webSocketPort() {
      return webSocket.getLocalPort();
    }

    @Override
    public void close() throws IOException {
      http.close();
      webSocket.close();
      events.add("stop " + number);
    }
  }

  private static void connect(int port) throws IOException {
    new Socket(InetAddress.getLoopbackAddress(), port).close();
  }

  /** What a fixture test does: reach the server, and note which one it was. */
  private static void visit(String test, ServerExtension<FakeServer> server) throws IOException {
    connect(server.port());
    events.add(test + " on " + server.get().number);
  }

  /** Two tests, run in name order, each noting which server it reached. */
  @TestMethodOrder(MethodOrderer.MethodName.class)
  abstract static class TwoTests {
    abstract ServerExtension<FakeServer> server();

    @Test
    void a() throws IOException {
      visit("a", server());
    }

    @Test
    void b() throws IOException {
      visit("b", server());
    }
  }

  static class PerClass extends TwoTests {
    @RegisterExtension
    static final ServerExtension<FakeServer> server = ServerExtension.of(FakeServer::start, FakeServer::httpPort);

    @Override
    ServerExtension<FakeServer> server() {
      return server;
    }
  }

  static class PerTest extends TwoTests {
    @RegisterExtension
    final ServerExtension<FakeServer> server = ServerExtension.of(FakeServer::start, FakeServer::httpPort);

    @Override
    ServerExtension<FakeServer> server() {
      return server;
    }
  }

  static class StoppedEarly {
    @RegisterExtension
    final ServerExtension<FakeServer> server = ServerExtension.of(FakeServer::start, FakeServer::httpPort);

    @Test
    void stopsTheServerItself() throws Exception {
      int port = server.port();
      server.stop();
      events.add("stopped by the test");
      assertThatThrownBy(() -> connect(port)).isInstanceOf(ConnectException.class);
      assertThatThrownBy(server::get).isInstanceOf(IllegalStateException.class);
      server.stop();
    }
  }

  static class TwoPorts {
    @RegisterExtension
    static final ServerExtension<FakeServer> server = ServerExtension
        .of(FakeServer::start, FakeServer::httpPort, FakeServer::close)
        .withWebSocketPort(FakeServer::webSocketPort);

    @Test
    void namesBothPorts() throws IOException {
      FakeServer running = server.get();
      assertThat(server.port()).isEqualTo(running.httpPort());
      assertThat(server.webSocketPort()).isEqualTo(running.webSocketPort()).isNotEqualTo(server.port());
      assertThat(server.httpUrl()).isEqualTo("http://127.0.0.1:" + running.httpPort() + "/");
      assertThat(server.wsUrl()).isEqualTo("ws://127.0.0.1:" + running.webSocketPort() + "/");
      assertThat(server.httpUri("/stats?x=1")).hasToString("http://127.0.0.1:" + running.httpPort() + "/stats?x=1");
      assertThat(server.wsUri("/ws?room=a%20b")).hasToString("ws://127.0.0.1:" + running.webSocketPort() + "/ws?room=a%20b");
      assertThatThrownBy(() -> server.httpUri("stats")).isInstanceOf(IllegalArgumentException.class);
      connect(server.webSocketPort());
      events.add("checked");
    }
  }

  static class FailingStart {
    @RegisterExtension
    static final ServerExtension<FakeServer> server = ServerExtension.of(() -> {
      throw new IOException("port in use");
    }, FakeServer::httpPort);

    @Test
    void neverRuns() {
      events.add("ran");
    }
  }

  @BeforeEach
  void reset() {
    events.clear();
    started.set(0);
  }

  private static EngineExecutionResults run(Class<?> fixture) {
    return EngineTestKit.engine("junit-jupiter").selectors(selectClass(fixture)).execute();
  }

  private static void assertAllPassed(EngineExecutionResults results, int tests) {
    results.testEvents().assertStatistics(stats -> stats.started(tests).succeeded(tests).failed(0));
    results.containerEvents().assertStatistics(stats -> stats.failed(0).skipped(0));
  }

  @Test
  void onAStaticFieldOneServerServesEveryTestOfTheClass() {
    EngineExecutionResults all = run(PerClass.class);
    assertAllPassed(all, 2);
    assertThat(events).containsExactly("start 1", "a on 1", "b on 1", "stop 1");
  }

  @Test
  void onAnInstanceFieldEveryTestGetsAFreshServer() {
    EngineExecutionResults all = run(PerTest.class);
    assertAllPassed(all, 2);
    assertThat(events).containsExactly("start 1", "a on 1", "stop 1", "start 2", "b on 2", "stop 2");
  }

  @Test
  void aTestMayStopTheServerAndItIsStoppedOnce() {
    EngineExecutionResults all = run(StoppedEarly.class);
    assertAllPassed(all, 1);
    assertThat(events).containsExactly("start 1", "stop 1", "stopped by the test");
  }

  @Test
  void givesHttpAndWebSocketUrlsOnTheirOwnPorts() {
    EngineExecutionResults all = run(TwoPorts.class);
    assertAllPassed(all, 1);
    assertThat(events).containsExactly("start 1", "checked", "stop 1");
  }

  @Test
  void aServerThatCannotStartFailsItsClassAndNoTestRuns() {
    EngineExecutionResults all = run(FailingStart.class);
    all.containerEvents().assertThatEvents().haveExactly(1,
        event(container(FailingStart.class), finishedWithFailure(message("port in use"))));
    assertThat(all.testEvents().started().count()).isZero();
    assertThat(events).isEmpty();
  }
}
