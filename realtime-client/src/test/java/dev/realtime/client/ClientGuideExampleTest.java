package dev.realtime.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.protocol.CloseCodes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
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
  private static final Pattern SNIPPET = Pattern.compile("### A first client\\s+```java\\n(.*?)```", Pattern.DOTALL);
  private static final String URL = "\"ws://localhost:8080/ws?username=ann&room=general\"";
  private static final String WHILE_RUNNING = "// ... the application runs; callbacks arrive on the client's event thread";

  @TempDir Path work;

  @Test
  void theGuidesFirstClientCompilesAndWorksAsWritten() throws Exception {
    String snippet = guideSnippet();
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
    assertThat(code).contains(URL).contains(WHILE_RUNNING);
    code = code.replace(URL, "url").replace(WHILE_RUNNING, "whileRunning.run();");
    String source = "package guide;\n\n" + String.join("\n", imports) + "\n\n"
        + "public final class Snippet {\n"
        + "  public static void run(String url, Runnable whileRunning) throws Exception {\n"
        + code
        + "  }\n}\n";
    Class<?> compiled = compile(source);

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
        compiled.getMethod("run", String.class, Runnable.class)
            .invoke(null, server.uri("username=ann&room=general").toString(), whileRunning);
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

  private static String guideSnippet() throws Exception {
    Matcher matcher = SNIPPET.matcher(Files.readString(Path.of("..", "docs", "clients.md")));
    assertThat(matcher.find()).as("docs/clients.md has a java block under '### A first client'").isTrue();
    return matcher.group(1);
  }

  private Class<?> compile(String source) throws Exception {
    Path sourceFile = work.resolve("guide/Snippet.java");
    Files.createDirectories(sourceFile.getParent());
    Files.writeString(sourceFile, source);
    Path classes = Files.createDirectories(work.resolve("classes"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    int status = javac.run(null, null, errors, "-proc:none", "--release", "17", "-classpath", classpath,
        "-d", classes.toString(), sourceFile.toString());
    assertThat(status).as("javac:%n%s%n%s", errors.toString(StandardCharsets.UTF_8), source).isZero();
    URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, ClientGuideExampleTest.class.getClassLoader());
    return loader.loadClass("guide.Snippet");
  }
}
