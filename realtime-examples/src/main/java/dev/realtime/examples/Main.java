package dev.realtime.examples;

import dev.realtime.examples.chat.ChatExample;
import dev.realtime.examples.dashboard.DashboardExample;
import dev.realtime.examples.echo.EchoExample;
import dev.realtime.examples.editor.EditorExample;
import dev.realtime.examples.notifications.NotificationsExample;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

/**
 * Runs an example: {@code java -jar realtime-examples.jar <example> [--host H] [--http-port P]
 * [--ws-port Q]}. Prints both URLs and stops gracefully on Ctrl-C.
 */
public final class Main {
  private static final Map<String, Supplier<Example>> EXAMPLES = new TreeMap<>(Map.of(
      "dashboard", DashboardExample::new,
      "echo", EchoExample::new,
      "editor", EditorExample::new,
      "notifications", NotificationsExample::new,
      "chat", ChatExample::new));

  private Main() {}

  /** Parses the command line and runs the chosen example until the process is interrupted. */
  public static void main(String[] args) throws Exception {
    LaunchOptions options;
    try {
      options = LaunchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      System.err.println(usage());
      System.exit(2);
      return;
    }
    Supplier<Example> factory = EXAMPLES.get(options.example());
    if (factory == null) {
      System.err.println("error: unknown example '" + options.example() + "'");
      System.err.println(usage());
      System.exit(2);
      return;
    }
    ExampleServer server = ExampleServer.start(options, factory.get());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "realtime-shutdown"));
    System.out.println(options.example() + " example running");
    System.out.println("  page:      " + server.pageUrl());
    System.out.println("  websocket: ws://" + hostForUrl(options.host()) + ":" + server.wsPort());
    System.out.println("Press Ctrl-C to stop.");
    stopped.await();
  }

  private static String hostForUrl(String host) {
    return "0.0.0.0".equals(host) ? "localhost" : host;
  }

  static String usage() {
    return "usage: java -jar realtime-examples.jar <" + String.join("|", EXAMPLES.keySet())
        + "> [--host H] [--http-port P] [--ws-port Q]";
  }
}
