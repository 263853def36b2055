package dev.realtime.examples.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.examples.ExampleHttp;
import dev.realtime.examples.ExampleServer;
import dev.realtime.examples.ExampleServers;
import dev.realtime.examples.LaunchOptions;
import dev.realtime.examples.Main;
import dev.realtime.examples.chat.ChatExample;
import dev.realtime.protocol.Json;
import dev.realtime.testing.junit.ServerExtension;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The terminal client in its own JVM, as {@code java -jar realtime-examples.jar client URL} runs
 * it: through {@link Main}, with the process's own stdin, exit status and signals. A piped line is
 * answered before the end of input closes it; Ctrl-C (SIGINT) closes the connection cleanly; an
 * unreachable URL is one line on stderr and status 1.
 */
class ToolProcessTest {
  @RegisterExtension
  final ServerExtension<ExampleServer> chat = ExampleServers.extension(LaunchOptions.ephemeral("chat"), new ChatExample());

  private static Process java(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
        Main.class.getName()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).start();
  }

  private static int exit(Process process) throws InterruptedException {
    boolean ended = process.waitFor(60, TimeUnit.SECONDS);
    if (!ended) {
      process.destroyForcibly();
    }
    assertThat(ended).as("the process ends by itself").isTrue();
    return process.exitValue();
  }

  private static CompletableFuture<String> collect(InputStream stream) {
    return CompletableFuture.supplyAsync(() -> {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try {
        stream.transferTo(bytes);
      } catch (IOException e) {
        // the process ended
      }
      return bytes.toString(StandardCharsets.UTF_8);
    });
  }

  @Test
  void aLinePipedInIsSentAndAnsweredBeforeTheEndOfInputClosesTheClient() throws Exception {
    Process client = java("client", chat.wsUri("/ws?username=piped").toString());
    CompletableFuture<String> out = collect(client.getInputStream());
    CompletableFuture<String> err = collect(client.getErrorStream());
    try (OutputStream stdin = client.getOutputStream()) {
      stdin.write("{\"type\":\"users\"}\n".getBytes(StandardCharsets.UTF_8));
    }
    assertThat(exit(client)).as(err.get()).isZero();
    assertThat(out.get().lines()).contains("users #general piped");
    assertThat(err.get().lines()).last().isEqualTo("* closed");
  }

  @Test
  void ctrlCClosesTheConnectionCleanly() throws Exception {
    Process client = java("client", chat.wsUri("/ws?username=interrupted").toString());
    CompletableFuture<String> out = collect(client.getInputStream());
    LinkedBlockingQueue<String> err = new LinkedBlockingQueue<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(client.getErrorStream(), StandardCharsets.UTF_8))) {
        lines.lines().forEach(err::add);
      } catch (IOException e) {
        // the process ended
      }
    });
    reader.start();
    try {
      String line = err.poll(30, TimeUnit.SECONDS);
      assertThat(line).as("the first line on stderr").startsWith("* connected to ");
      awaitClients(1);
      Process signal = new ProcessBuilder("kill", "-INT", Long.toString(client.pid())).start();
      assertThat(signal.waitFor(10, TimeUnit.SECONDS) && signal.exitValue() == 0).as("SIGINT sent").isTrue();
      int status = exit(client);
      reader.join(10_000);
      assertThat(status).as("ended by SIGINT, after the shutdown hook").isEqualTo(128 + 2);
      assertThat(List.copyOf(err)).containsExactly("* closed");
      awaitClients(0);
      assertThat(out.get().lines()).anyMatch(frame -> frame.startsWith("join #general system: interrupted joined"));
    } finally {
      client.destroyForcibly();
    }
  }

  @Test
  void anUnreachableUrlIsOneLineOnStderrAndStatusOne() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    Process client = java("client", "ws://127.0.0.1:" + port + "/ws");
    CompletableFuture<String> out = collect(client.getInputStream());
    CompletableFuture<String> err = collect(client.getErrorStream());
    assertThat(exit(client)).isEqualTo(1);
    assertThat(out.get()).isEmpty();
    assertThat(err.get()).isEqualTo("error: cannot connect to ws://127.0.0.1:" + port + "/ws: connection refused"
        + System.lineSeparator());
  }

  private void awaitClients(int count) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (Json.parseObject(ExampleHttp.get(chat, "/stats").body()).get("total_clients").getAsInt() != count) {
      assertThat(System.nanoTime()).as("%d clients on the server", count).isLessThan(end);
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
    }
  }
}
