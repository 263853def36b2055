package dev.realtime.examples;

import dev.realtime.examples.analytics.AnalyticsExample;
import dev.realtime.examples.chat.ChatExample;
import dev.realtime.examples.dashboard.DashboardExample;
import dev.realtime.examples.echo.EchoExample;
import dev.realtime.examples.editor.EditorExample;
import dev.realtime.examples.notifications.NotificationsExample;
import dev.realtime.examples.tours.ToursExample;
import dev.realtime.examples.server.BadSettingException;
import dev.realtime.examples.server.CannotConnectException;
import dev.realtime.examples.server.CannotListenException;
import dev.realtime.examples.server.CannotRunIoException;
import dev.realtime.examples.server.IoModes;
import dev.realtime.examples.tools.ClientTool;
import dev.realtime.examples.tools.SimulateTool;
import dev.realtime.examples.tools.Tool;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * Runs an example: {@code java -jar realtime-examples.jar <example> [options]} ({@code --help}
 * lists them), printing every address it serves and stopping gracefully on Ctrl-C; or a tool, a
 * client of a running server: {@code java -jar realtime-examples.jar client|simulate URL [options]}.
 * The only class that ends the process: usage errors, a port that cannot be bound, an {@code
 * --io-mode} this machine cannot run and an unreachable {@code --redis} exit with status 2; a tool exits with the status it returns (1 when
 * it ran but failed, such as an unreachable URL).
 */
public final class Main {
  /**
   * Exit status for a command line that cannot run: a usage error, a port that cannot be bound or
   * an I/O implementation that cannot run.
   */
  static final int USAGE = 2;

  /** Every example, in the order the usage lists them. */
  static final List<ExampleType> EXAMPLES = List.of(
      AnalyticsExample.TYPE, ChatExample.TYPE, DashboardExample.TYPE, EchoExample.TYPE, EditorExample.TYPE, NotificationsExample.TYPE,
      ToursExample.TYPE);

  /** The tools: clients of a running server, so they take its URL instead of a server layout. */
  static final List<Tool> TOOLS = List.of(ClientTool.TOOL, SimulateTool.TOOL);

  /** What {@link #run} does with a started server until it should stop. */
  @FunctionalInterface
  interface WhileRunning {
    /** Returns when the server should stop. */
    void await(ExampleServer server) throws Exception;
  }

  private Main() {}

  /**
   * Parses the command line and runs the chosen example until the process is interrupted, or the
   * chosen tool ({@code client URL}, {@code simulate URL}) until it is done.
   */
  public static void main(String[] args) throws Exception {
    Optional<Tool> tool = Tool.named(TOOLS, args);
    int status = tool.isPresent()
        ? tool.get().run(Arrays.asList(args).subList(1, args.length), System.in, System.out, System.err)
        : run(args, System.out, System.err, Main::untilShutdown);
    if (status != 0) {
      System.exit(status);
    }
  }

  /**
   * Runs the command line: help, an error with the usage, or the example until {@code whileRunning}
   * returns; returns the exit status (0, or {@link #USAGE}). Other failures propagate.
   */
  static int run(String[] args, PrintStream out, PrintStream err, WhileRunning whileRunning) throws Exception {
    if (LaunchOptions.wantsHelp(args)) {
      out.print(LaunchOptions.usage(EXAMPLES));
      out.print(Tool.overview(TOOLS));
      return 0;
    }
    LaunchOptions options;
    try {
      options = LaunchOptions.parse(args, EXAMPLES);
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      err.println();
      err.print(LaunchOptions.usage(EXAMPLES));
      return USAGE;
    }
    ExampleType type = EXAMPLES.stream().filter(t -> t.name().equals(options.example())).findFirst().orElseThrow();
    ExampleServer server;
    try {
      server = ExampleServer.start(options, type.factory().get());
    } catch (CannotListenException | CannotRunIoException | CannotConnectException | BadSettingException e) {
      err.println("error: " + e.getMessage());
      return USAGE;
    }
    try {
      out.print(banner(options, server));
      out.flush();
      whileRunning.await(server);
    } finally {
      server.close();
    }
    return 0;
  }

  /**
   * What a started example prints: the transport (on Netty, the I/O implementation that actually
   * runs, which {@code --io-mode auto} chooses), where it listens and every address it serves.
   */
  static String banner(LaunchOptions options, ExampleServer server) {
    StringBuilder text = new StringBuilder();
    String where = options.listensOnAllInterfaces()
        ? "on all interfaces (" + options.host() + ")" : "on " + options.host() + " only";
    String ports = server.onePort()
        ? "port " + server.httpPort()
        : "pages on port " + server.httpPort() + ", WebSockets on port " + server.wsPort();
    String io = server.ioMode().map(mode -> ", " + IoModes.option(mode) + " I/O").orElse("");
    text.append(options.example()).append(" example (").append(server.transport().option())
        .append(" transport").append(io).append(") listening ").append(where).append(", ").append(ports).append('\n');
    int width = server.urls().stream().mapToInt(url -> url.kind().length()).max().orElse(0);
    for (ServedUrl url : server.urls()) {
      text.append("  ").append(url.kind()).append(" ".repeat(width - url.kind().length())).append("  ")
          .append(url.url()).append('\n');
    }
    if (options.listensOnAllInterfaces()) {
      text.append("Other machines can connect; --host 127.0.0.1 keeps it to this one.\n");
    }
    text.append("Press Ctrl-C to stop.\n");
    return text.toString();
  }

  /** Waits until the JVM shuts down (Ctrl-C, SIGTERM); the hook stops the server first. */
  private static void untilShutdown(ExampleServer server) throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "realtime-shutdown"));
    stopped.await();
  }
}
