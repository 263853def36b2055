package dev.realtime.examples.tools;

import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code simulate URL --users N --rooms R --rate M --duration S}: chat users on a running chat
 * server, each a {@link dev.realtime.client.RealtimeClient}: they connect (fetching tokens when the
 * server asks for them), join their rooms and send messages at a steady rate, with a progress line
 * every second and a summary at the end ({@link Simulation}).
 */
public final class SimulateTool implements Tool {
  /** The tool, for the jar's command line. */
  public static final SimulateTool TOOL = new SimulateTool();

  private static final ToolOptions.Option USERS = new ToolOptions.Option("--users", "N", "simulated users (default 10)");
  private static final ToolOptions.Option ROOMS = new ToolOptions.Option("--rooms", "R",
      "rooms room-1 … room-R; user i's first room is room-((i-1) mod R + 1) (default 1)");
  private static final ToolOptions.Option ROOMS_PER_USER = new ToolOptions.Option("--rooms-per-user", "K",
      "rooms each user is in: the first through the URL, the next K-1 (in order)\nwith join_room (default 1, at most R)");
  private static final ToolOptions.Option RATE = new ToolOptions.Option("--rate", "M",
      "messages per second each user sends, over its rooms in turn (default 1;\ndecimals allowed; 0 only connects)");
  private static final ToolOptions.Option DURATION = new ToolOptions.Option("--duration", "S",
      "seconds of sending (default 10; decimals allowed)");
  private static final ToolOptions.Option TOKEN_URL = new ToolOptions.Option("--token-url", "URL",
      "where tokens come from if the server asks for them, with ?username= added\n"
          + "(default: /token on the URL's host, as chat --auth serves it)");
  private static final ToolOptions.Option PREFIX = new ToolOptions.Option("--prefix", "P",
      "user names are P-1 … P-N (default sim)");
  private static final List<ToolOptions.Option> OPTIONS =
      List.of(USERS, ROOMS, ROOMS_PER_USER, RATE, DURATION, TOKEN_URL, PREFIX, ToolOptions.HELP);

  private SimulateTool() {}

  @Override
  public String name() {
    return "simulate";
  }

  @Override
  public String summary() {
    return "simulated chat users joining rooms and chatting at a rate, with live figures";
  }

  /** The help text. */
  public static String usage() {
    return ToolOptions.usage("simulate URL [options]",
        "Simulates users of the chat at URL (ws://HOST:PORT/ws): each connects with its own\n"
            + "username and room, fetching a token first if the server refuses it without one, joins its\n"
            + "rooms and sends chat messages at a steady rate. Prints connected users, messages sent and\n"
            + "received, errors and the p50/p99 latency from a send to each member's receipt every second,\n"
            + "and a summary at the end. Exits 1 if a user never connected, a message was lost or an\n"
            + "error was reported.",
        OPTIONS,
        List.of("java -jar realtime-examples.jar simulate ws://localhost:8080/ws --users 50 --rooms 5 --rate 2 --duration 30"));
  }

  @Override
  public int run(List<String> args, InputStream in, PrintStream out, PrintStream err) throws InterruptedException {
    if (ToolOptions.wantsHelp(args)) {
      out.print(usage());
      return 0;
    }
    Simulation.Settings settings;
    try {
      settings = settings(ToolOptions.parse(args, OPTIONS));
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      err.println();
      err.print(usage());
      return USAGE;
    }
    return new Simulation(settings, out, err).run();
  }

  private static Simulation.Settings settings(ToolOptions options) {
    URI url = options.webSocketUrl();
    int users = options.integer(USERS.name(), 10, 1);
    int rooms = options.integer(ROOMS.name(), 1, 1);
    int roomsPerUser = options.integer(ROOMS_PER_USER.name(), 1, 1);
    if (roomsPerUser > rooms) {
      throw new IllegalArgumentException("--rooms-per-user (" + roomsPerUser + ") cannot exceed --rooms (" + rooms + ")");
    }
    double rate = options.number(RATE.name(), 1, 0);
    if (rate > 1000) {
      throw new IllegalArgumentException("--rate must be at most 1000 messages per second, got " + options.value(RATE.name()).orElseThrow());
    }
    double seconds = options.number(DURATION.name(), 10, 0.1);
    Optional<URI> tokenUrl = options.httpUrl(TOKEN_URL.name());
    String prefix = options.value(PREFIX.name()).orElse("sim");
    if (!prefix.matches("[A-Za-z0-9_.-]{1,40}")) {
      throw new IllegalArgumentException("--prefix must be 1 to 40 letters, digits, '_', '.' or '-', got '" + prefix + "'");
    }
    return new Simulation.Settings(url, users, rooms, roomsPerUser, rate,
        Duration.ofMillis(Math.round(seconds * 1000)), tokenUrl, prefix);
  }
}
