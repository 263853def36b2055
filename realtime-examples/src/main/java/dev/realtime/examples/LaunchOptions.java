package dev.realtime.examples;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The command line: {@code <example> [--host H] [--http-port P] [--ws-port Q] [--flag …]}.
 *
 * @param example the example's name
 * @param host the address both servers bind
 * @param httpPort the port of pages and REST (0 for ephemeral)
 * @param wsPort the WebSocket port (0 for ephemeral)
 * @param flags example-specific switches such as {@code simulate} or {@code auth}
 */
public record LaunchOptions(String example, String host, int httpPort, int wsPort, Set<String> flags) {

  /** The default HTTP port. */
  public static final int DEFAULT_HTTP_PORT = 8080;
  /** The default WebSocket port. */
  public static final int DEFAULT_WS_PORT = 8081;

  /** Copies the flags. */
  public LaunchOptions {
    flags = Set.copyOf(flags);
  }

  /** Options for tests: loopback and ephemeral ports. */
  public static LaunchOptions ephemeral(String example, String... flags) {
    return new LaunchOptions(example, "127.0.0.1", 0, 0, Set.of(flags));
  }

  /** Whether {@code --name} was given. */
  public boolean has(String flag) {
    return flags.contains(flag);
  }

  /** Parses arguments; throws {@link IllegalArgumentException} with a usage hint on bad input. */
  public static LaunchOptions parse(String[] args) {
    List<String> positional = new ArrayList<>();
    String host = "0.0.0.0";
    int httpPort = DEFAULT_HTTP_PORT;
    int wsPort = DEFAULT_WS_PORT;
    Set<String> flags = new LinkedHashSet<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "--host" -> host = value(args, ++i, arg);
        case "--http-port" -> httpPort = port(value(args, ++i, arg), arg);
        case "--ws-port" -> wsPort = port(value(args, ++i, arg), arg);
        default -> {
          if (arg.startsWith("--") && arg.length() > 2) {
            flags.add(arg.substring(2));
          } else {
            positional.add(arg);
          }
        }
      }
    }
    if (positional.size() != 1) {
      throw new IllegalArgumentException("expected exactly one example name");
    }
    if (httpPort != 0 && httpPort == wsPort) {
      throw new IllegalArgumentException("--http-port and --ws-port must differ");
    }
    return new LaunchOptions(positional.get(0), host, httpPort, wsPort, flags);
  }

  private static String value(String[] args, int index, String option) {
    if (index >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[index];
  }

  private static int port(String text, String option) {
    try {
      int port = Integer.parseInt(text);
      if (port < 0 || port > 65535) {
        throw new NumberFormatException();
      }
      return port;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " must be a port number, got '" + text + "'");
    }
  }
}
