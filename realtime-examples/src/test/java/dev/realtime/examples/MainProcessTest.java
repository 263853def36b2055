package dev.realtime.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link Main} in its own JVM, as {@code java -jar} runs it: the exit status is the process's, and
 * stderr is everything the user sees, log lines included (at the jar's level, info).
 */
class MainProcessTest {

  private record Result(int status, String out, String err) {}

  private static Result java(String... args) throws IOException, InterruptedException {
    return java(Map.of(), args);
  }

  private static Result java(Map<String, String> environment, String... args) throws IOException, InterruptedException {
    return java(environment, List.of(), args);
  }

  private static Result java(Map<String, String> environment, List<String> jvmOptions, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=info"));
    command.addAll(jvmOptions);
    command.addAll(List.of(
        "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
        Main.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(environment);
    Process process = builder.start();
    process.getOutputStream().close();
    boolean ended = process.waitFor(60, TimeUnit.SECONDS);
    if (!ended) {
      process.destroyForcibly();
    }
    assertThat(ended).as("the process ends by itself").isTrue();
    return new Result(process.exitValue(),
        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
        new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  @Test
  void aBusyPortIsOneLineOnStderrAndExitStatusTwoOnBothTransports() throws Exception {
    try (ServerSocket busy = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      String port = Integer.toString(busy.getLocalPort());
      // chat --auth and the dashboard log at start: only once they listen, so not here
      for (List<String> example : List.of(List.of("chat"), List.of("chat", "--auth"), List.of("dashboard"))) {
        List<String> args = new ArrayList<>(example);
        args.addAll(List.of("--host", "127.0.0.1", "--port", port));
        Result netty = java(args.toArray(String[]::new));
        assertThat(netty.status()).as("%s", example).isEqualTo(2);
        assertThat(netty.out()).isEmpty();
        assertThat(netty.err()).as("%s", example).isEqualTo("error: cannot listen on 127.0.0.1:" + port
            + " (--port): the port is already in use" + System.lineSeparator());
      }

      Result javaws = java("echo", "--host", "127.0.0.1", "--transport", "javaws", "--http-port", "0", "--ws-port", port);
      assertThat(javaws.status()).isEqualTo(2);
      assertThat(javaws.out()).isEmpty();
      assertThat(javaws.err()).isEqualTo("error: cannot listen on 127.0.0.1:" + port
          + " (--ws-port): the port is already in use" + System.lineSeparator());
    }
  }

  @Test
  void anIoModeThisMachineCannotRunIsOneLineOnStderrAndExitStatusTwo() throws Exception {
    // Netty's own switch makes epoll and io_uring unavailable in that JVM, as a kernel or a
    // container profile that forbids them would (both run on this machine otherwise).
    for (String mode : List.of("epoll", "io_uring")) {
      Result run = java(Map.of(), List.of("-Dio.netty.transport.noNative=true"),
          "echo", "--host", "127.0.0.1", "--port", "0", "--io-mode", mode);
      assertThat(run.status()).as(mode).isEqualTo(2);
      assertThat(run.out()).as(mode).isEmpty();
      assertThat(run.err()).as(mode).isEqualTo("error: --io-mode " + mode + " cannot run here: Native transport was"
          + " explicit disabled with -Dio.netty.transport.noNative=true" + System.lineSeparator());
    }
  }

  @Test
  void anUnknownOptionExitsTwoAndHelpExitsZero() throws Exception {
    Result typo = java("chat", "--htpp-port", "9000");
    assertThat(typo.status()).isEqualTo(2);
    assertThat(typo.out()).isEmpty();
    assertThat(typo.err()).startsWith("error: unknown option '--htpp-port' (did you mean --http-port?)")
        .contains("usage: java -jar realtime-examples.jar");

    Result help = java("--help");
    assertThat(help.status()).isZero();
    assertThat(help.err()).isEmpty();
    assertThat(help.out()).startsWith("usage: ").contains("chat --auth").contains("dashboard --simulate");
  }

  @Test
  void aBadSettingFromTheEnvironmentIsOneLineAndExitStatusTwo() throws Exception {
    Result heartbeat = java(Map.of("ANALYTICS_HEARTBEAT_SECONDS", "soon"), "analytics", "--host", "127.0.0.1", "--port", "0");
    assertThat(heartbeat.status()).isEqualTo(2);
    assertThat(heartbeat.out()).isEmpty();
    assertThat(heartbeat.err()).isEqualTo("error: ANALYTICS_HEARTBEAT_SECONDS: the heartbeat interval is a number of"
        + " seconds: 'soon'" + System.lineSeparator());

    Result tours = java(Map.of("TOURS_FILE", "/nonexistent/tours.json"), "tours", "--host", "127.0.0.1", "--port", "0");
    assertThat(tours.status()).isEqualTo(2);
    assertThat(tours.out()).isEmpty();
    assertThat(tours.err()).isEqualTo("error: TOURS_FILE: no such file: /nonexistent/tours.json" + System.lineSeparator());
  }
}
