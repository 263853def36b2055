package dev.realtime.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.testing.transport.WsTestClient;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.InvocationTargetException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
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
  private static final Pattern SNIPPET =
      Pattern.compile("## Embedding a hub\\s+```java\\n(.*?)```", Pattern.DOTALL);
  private static final String PORT = ".port(8080)";
  private static final String WHILE_RUNNING = "// ... on shutdown: clients get 1001 after their queued messages";

  @TempDir Path work;

  @Test
  void theReadmeExampleCompilesAndWorksAsWritten() throws Exception {
    String snippet = readmeSnippet();
    List<String> imports = new ArrayList<>();
    StringBuilder body = new StringBuilder();
    for (String line : snippet.split("\n")) {
      if (line.startsWith("import ")) {
        imports.add(line);
      } else {
        body.append("    ").append(line).append('\n');
      }
    }
    assertThat(imports).as("the snippet shows its imports").isNotEmpty();
    String code = body.toString();
    assertThat(code).contains(PORT).contains(WHILE_RUNNING);
    code = code.replace(PORT, ".host(\"127.0.0.1\").port(0)").replace(WHILE_RUNNING, "whileRunning.accept(server.port());");
    String source = "package readme;\n\n" + String.join("\n", imports) + "\n\n"
        + "public final class Snippet {\n"
        + "  public static void run(java.util.function.IntConsumer whileRunning) throws Exception {\n"
        + code
        + "  }\n}\n";

    Class<?> compiled = compile(source);
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
      compiled.getMethod("run", IntConsumer.class).invoke(null, whileRunning);
    } catch (InvocationTargetException e) {
      throw new AssertionError("the README example failed", e.getCause());
    }
    assertThat(failure.get()).isNull();
    // A room frame arrives with its stream position added (docs/protocol.md, room streams).
    assertThat(answer.get()).matches("\\{\"type\":\"said\",\"text\":\"hello\",\"offset\":1,\"epoch\":\"[^\"]+\"\\}");
    assertThat(page.get().statusCode()).isEqualTo(200);
    assertThat(page.get().headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
  }

  private static String readmeSnippet() throws Exception {
    Path readme = Path.of("..", "README.md");
    Matcher matcher = SNIPPET.matcher(Files.readString(readme));
    assertThat(matcher.find()).as("README.md has a java block under '## Embedding a hub'").isTrue();
    return matcher.group(1);
  }

  private Class<?> compile(String source) throws Exception {
    Path sourceFile = work.resolve("readme/Snippet.java");
    Files.createDirectories(sourceFile.getParent());
    Files.writeString(sourceFile, source);
    Path classes = Files.createDirectories(work.resolve("classes"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    int status = javac.run(null, null, errors, "-proc:none", "--release", "17", "-classpath", classpath,
        "-d", classes.toString(), sourceFile.toString());
    assertThat(status).as("javac:%n%s%n%s", errors.toString(StandardCharsets.UTF_8), source).isZero();
    URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, ReadmeExampleTest.class.getClassLoader());
    return loader.loadClass("readme.Snippet");
  }
}
