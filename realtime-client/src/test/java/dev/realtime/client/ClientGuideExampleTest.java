package dev.realtime.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.protocol.CloseCodes;
import dev.realtime.testing.DocSnippet;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles and runs the first example of {@code docs/clients.md} exactly as written there, imports
 * included, so the guide cannot drift from the API. Two lines are substituted, each checked to be
 * there: the URL (to a real server on port 0) and the "... the application runs" comment, which
 * becomes the moment this test checks the client at work: its message reached the server and a
 * frame the server broadcast reached its handler. What the snippet prints is captured.
 */
class ClientGuideExampleTest {
  private static final String URL = "\"ws://localhost:8080/ws?username=ann&room=general\"";
  private static final String WHILE_RUNNING = "// ... the application runs; callbacks arrive on the client's event thread";

  @TempDir Path work;

  @Test
  void theGuidesFirstClientCompilesAndWorksAsWritten() throws Exception {
    Method run = DocSnippet.under(Path.of("..", "docs", "clients.md"), "### A first client")
        .replacing(URL, "url")
        .replacing(WHILE_RUNNING, "whileRunning.run();")
        .compileAsRun(work, "String url, Runnable whileRunning", String.class, Runnable.class);

    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream console = System.out;
    AtomicReference<Throwable> failure = new AtomicReference<>();
    try (RoomServer server = RoomServer.start()) {
      Runnable whileRunning = () -> {
        // Never throw here: the snippet's own close() must run.
        try {
          Await.until("hello on the server", () -> server.received.contains("hello"));
          Await.until("its own message back", () -> printed.toString(StandardCharsets.UTF_8).contains("ann: hello"));
          server.publish("general", "welcome");
          Await.until("the server's message", () -> printed.toString(StandardCharsets.UTF_8).contains("server: welcome"));
        } catch (Throwable e) {
          failure.set(e);
        }
      };
      System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
      try {
        run.invoke(null, server.uri("username=ann&room=general").toString(), whileRunning);
      } catch (InvocationTargetException e) {
        throw new AssertionError("the guide's example failed", e.getCause());
      } finally {
        System.setOut(console);
      }
      assertThat(failure.get()).as("%s", printed).isNull();
      Await.until("the close on the server", () -> !server.closeCodes.isEmpty());
      assertThat(server.closeCodes).containsExactly(CloseCodes.NORMAL);
    }
    assertThat(printed.toString(StandardCharsets.UTF_8).lines())
        .contains("* DISCONNECTED -> CONNECTING", "* CONNECTING -> CONNECTED", "ann: hello", "server: welcome")
        .last().asString().startsWith("* CONNECTED -> CLOSED");
  }
}
