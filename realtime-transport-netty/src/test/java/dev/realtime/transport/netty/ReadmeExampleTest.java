package dev.realtime.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.testing.DocSnippet;
import dev.realtime.testing.transport.WsTestClient;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles and runs the embedding example exactly as README.md shows it, imports included, so the
 * README cannot drift from the API. Two lines are substituted, each checked to be there: the port
 * (8080 becomes an ephemeral one on loopback) and the "... on shutdown" comment, which becomes the
 * moment this test talks to the running server: the page and the WebSocket, on that one port (the
 * test class path has a {@code web/index.html}).
 */
class ReadmeExampleTest {
  private static final String PORT = ".port(8080)";
  private static final String WHILE_RUNNING = "// ... on shutdown: clients get 1001 after their queued messages";

  @TempDir Path work;

  @Test
  void theReadmeExampleCompilesAndWorksAsWritten() throws Exception {
    Method run = DocSnippet.under(Path.of("..", "README.md"), "## Embedding a hub")
        .replacing(PORT, ".host(\"127.0.0.1\").port(0)")
        .replacing(WHILE_RUNNING, "whileRunning.accept(server.port());")
        .compileAsRun(work, "java.util.function.IntConsumer whileRunning", IntConsumer.class);
    AtomicReference<String> answer = new AtomicReference<>();
    AtomicReference<HttpResponse<String>> page = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    IntConsumer whileRunning = port -> {
      // Never throw here: the snippet's own stop() must run.
      try (WsTestClient client = WsTestClient.connect(port, "/ws")) {
        client.send("{\"type\":\"say\",\"text\":\"hello\"}");
        answer.set(client.nextText());
        page.set(HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
            HttpResponse.BodyHandlers.ofString()));
      } catch (Exception | AssertionError e) {
        failure.set(e);
      }
    };
    try {
      run.invoke(null, whileRunning);
    } catch (InvocationTargetException e) {
      throw new AssertionError("the README example failed", e.getCause());
    }
    assertThat(failure.get()).isNull();
    // A room frame arrives with its stream position added (docs/protocol.md, room streams).
    assertThat(answer.get()).matches("\\{\"type\":\"said\",\"text\":\"hello\",\"offset\":1,\"epoch\":\"[^\"]+\"\\}");
    assertThat(page.get().statusCode()).isEqualTo(200);
    assertThat(page.get().headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
  }
}
