package dev.realtime.bench.fanout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The command line of the fan-out tool.
 *
 * @param mode {@code fanout} (senders and statistics), {@code idle} (hold connections open),
 *     {@code ramp} (connect, time until every client has its room's user list, then stop) or
 *     {@code analytics} (every client on the analytics feed, events published through Redis)
 * @param host the server's host; must be loopback unless {@code allowRemote}
 * @param ports the WebSocket port of each node; a room's members are dealt over them
 * @param path the WebSocket path
 * @param clients connections to open
 * @param rooms rooms the clients are spread over
 * @param senders clients that send, spread over the rooms
 * @param rate messages per second per sender
 * @param duration how long the measured phase lasts
 * @param warmup how long senders run before measuring
 * @param settle how long to wait at most, after connecting, for the join traffic to stop
 * @param drain how long to wait for outstanding deliveries after the last send
 * @param payloadBytes the size of each message's content
 * @param connectRate connections started per second; 0 means as fast as possible
 * @param maxInFlight connection attempts allowed at once (started but not yet open or failed)
 * @param connectTimeout how long one connection may take to open before it counts as failed
 * @param ioThreads selector threads
 * @param readBuffer bytes of each selector thread's shared read buffer
 * @param hold how long idle mode keeps the connections open
 * @param waitKey whether idle mode also ends early when a line is read from standard input
 * @param maxFailurePercent failed connections (percent) above which the exit status is 1
 * @param allowRemote whether a non-loopback host is allowed
 * @param redis analytics mode: the {@code host:port} of the Redis the events are published on
 * @param corruptSeq analytics mode: the sequence number published with a type the server must
 *     refuse (so it reaches nobody), or -1; shows that a dropped event is counted as missing
 */
public record Options(
    String mode,
    String host,
    List<Integer> ports,
    String path,
    int clients,
    int rooms,
    int senders,
    double rate,
    Duration duration,
    Duration warmup,
    Duration settle,
    Duration drain,
    int payloadBytes,
    int connectRate,
    int maxInFlight,
    Duration connectTimeout,
    int ioThreads,
    int readBuffer,
    Duration hold,
    boolean waitKey,
    double maxFailurePercent,
    boolean allowRemote,
    String redis,
    long corruptSeq) {

  /** The smallest content that still holds the sender id, sequence and timestamp. */
  static final int MIN_PAYLOAD = 48;

  /** Usage text printed by {@code --help} and on errors. */
  static final String USAGE =
      String.join(
          "\n",
          "usage: FanOut [fanout|idle|ramp|analytics] [options]   (the mode word may come anywhere; default fanout)",
          "  ramp: connect, time until every client got its room's user list and the joins settled, stop",
          "  analytics: every client on /ws/analytics (round-robin over --port's nodes) waits for initial_stats;",
          "             then --rate events/s are published with PUBLISH analytics:events on --redis; every",
          "             client counts each event (missing, duplicated, out of order) and times it",
          "  --host 127.0.0.1      server host (loopback only unless --allow-remote)",
          "  --port 8081           server WebSocket port; P1,P2,... for several nodes (each room's members dealt over them)",
          "  --path /ws            WebSocket path",
          "  --clients 1000        connections (ws://HOST:PORT/PATH?username=loadN&room=roomK)",
          "  --rooms 10            rooms the clients are spread over evenly",
          "  --senders 10          clients that send, spread over the rooms (fanout mode)",
          "  --rate 20             messages per second per sender",
          "  --duration 30s        measured phase (ms, s, m)",
          "  --warmup 5s           sending before the measured phase",
          "  --settle 60s          at most this long after connecting, wait for 1 s without frames",
          "  --drain 5s            wait for outstanding deliveries after the last send",
          "  --payload-bytes 64    content size of each message (min " + MIN_PAYLOAD + ")",
          "  --connect-rate 2000   connections started per second, 0 = as fast as possible",
          "  --max-in-flight 32    connection attempts at once (keep below the server's backlog)",
          "  --connect-timeout 10s one connection's limit to open",
          "  --io-threads 2        selector threads",
          "  --read-buffer 131072  bytes of each selector thread's read buffer (larger frames still work)",
          "  --hold 60s            idle mode: how long to keep the connections open",
          "  --wait-key            idle mode: also stop when Enter is pressed",
          "  --max-failure-pct 1   exit 1 if more connections than this failed",
          "  --allow-remote        permit a host that is not loopback",
          "  --redis 127.0.0.1:6379  analytics mode: the Redis the nodes share, where events are published",
          "  --corrupt-seq N       analytics mode: publish event N with a type the server refuses (a drop test)");

  /** Parses {@code args}; throws {@link IllegalArgumentException} with a readable message. */
  public static Options parse(String... args) {
    String mode = "fanout";
    String host = "127.0.0.1";
    List<Integer> ports = List.of(8081);
    String path = "/ws";
    int clients = 1000;
    int rooms = 10;
    int senders = 10;
    double rate = 20;
    Duration duration = Duration.ofSeconds(30);
    Duration warmup = Duration.ofSeconds(5);
    Duration settle = Duration.ofSeconds(60);
    Duration drain = Duration.ofSeconds(5);
    int payloadBytes = 64;
    int connectRate = 2000;
    int maxInFlight = 32;
    Duration connectTimeout = Duration.ofSeconds(10);
    int ioThreads = Math.min(2, Runtime.getRuntime().availableProcessors());
    int readBuffer = 128 * 1024;
    Duration hold = Duration.ofSeconds(60);
    boolean waitKey = false;
    double maxFailurePercent = 1;
    boolean allowRemote = false;
    String redis = "127.0.0.1:6379";
    long corruptSeq = -1;
    String explicitPath = null;
    List<String> rest = new ArrayList<>(List.of(args));
    for (int i = 0; i < rest.size(); i++) {
      String name = rest.get(i);
      switch (name) {
        case "fanout", "idle", "ramp", "analytics" -> mode = name;
        case "--wait-key" -> waitKey = true;
        case "--allow-remote" -> allowRemote = true;
        default -> {
          if (i + 1 >= rest.size()) {
            throw new IllegalArgumentException("missing value for " + name);
          }
          String value = rest.get(++i);
          switch (name) {
            case "--host" -> host = value;
            case "--port" -> ports = ports(name, value);
            case "--path" -> explicitPath = value;
            case "--clients" -> clients = integer(name, value, 1, 1_000_000);
            case "--rooms" -> rooms = integer(name, value, 1, 1_000_000);
            case "--senders" -> senders = integer(name, value, 0, 1_000_000);
            case "--rate" -> rate = decimal(name, value);
            case "--duration" -> duration = duration(name, value);
            case "--warmup" -> warmup = duration(name, value);
            case "--settle" -> settle = duration(name, value);
            case "--drain" -> drain = duration(name, value);
            case "--payload-bytes" -> payloadBytes = integer(name, value, MIN_PAYLOAD, 60_000);
            case "--connect-rate" -> connectRate = integer(name, value, 0, 10_000_000);
            case "--max-in-flight" -> maxInFlight = integer(name, value, 1, 100_000);
            case "--connect-timeout" -> connectTimeout = duration(name, value);
            case "--io-threads" -> ioThreads = integer(name, value, 1, 64);
            case "--read-buffer" -> readBuffer = integer(name, value, 64, 64 * 1024 * 1024);
            case "--hold" -> hold = duration(name, value);
            case "--max-failure-pct" -> maxFailurePercent = decimal(name, value);
            case "--redis" -> redis = hostPort(name, value);
            case "--corrupt-seq" -> corruptSeq = integer(name, value, 0, Integer.MAX_VALUE);
            default -> throw new IllegalArgumentException("unknown option " + name);
          }
        }
      }
    }
    if (explicitPath != null) {
      path = explicitPath;
    } else if (mode.equals("analytics")) {
      path = "/ws/analytics";
    }
    if (mode.equals("analytics")) {
      rooms = 1; // one stream that every client takes
    }
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("--path must start with '/'");
    }
    if (!mode.equals("fanout")) {
      senders = 0;
    }
    if (senders > clients) {
      throw new IllegalArgumentException("--senders cannot exceed --clients");
    }
    if (rooms > clients) {
      throw new IllegalArgumentException("--rooms cannot exceed --clients");
    }
    return new Options(
        mode, host, ports, path, clients, rooms, senders, rate, duration, warmup, settle, drain,
        payloadBytes, connectRate, maxInFlight, connectTimeout, ioThreads, readBuffer, hold, waitKey, maxFailurePercent,
        allowRemote, redis, corruptSeq);
  }

  /** Whether this run loads the analytics feed. */
  boolean analytics() {
    return mode.equals("analytics");
  }

  /** Whether this run only holds connections open. */
  boolean idle() {
    return mode.equals("idle");
  }

  /** Whether this run only connects and times the joins. */
  boolean ramp() {
    return mode.equals("ramp");
  }

  /** The first node's port (the only one with a single node). */
  int port() {
    return ports.get(0);
  }

  /** How many nodes the clients are spread over. */
  int nodes() {
    return ports.size();
  }

  /**
   * The node client {@code index} connects to: a room's members (and its senders) are dealt
   * round-robin over the nodes, so every room spans every node whatever the counts.
   */
  int nodeOf(int index) {
    return (index / rooms) % ports.size();
  }

  /** The room of client {@code index}: clients are dealt round-robin so rooms stay even. */
  int roomOf(int index) {
    return index % rooms;
  }

  /** Parses {@code 500ms}, {@code 30s}, {@code 2m} or a bare number of seconds. */
  static Duration duration(String name, String value) {
    String text = value.trim().toLowerCase(Locale.ROOT);
    try {
      Duration parsed;
      if (text.endsWith("ms")) {
        parsed = Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
      } else if (text.endsWith("s")) {
        parsed = Duration.ofMillis(Math.round(Double.parseDouble(text.substring(0, text.length() - 1)) * 1000));
      } else if (text.endsWith("m")) {
        parsed = Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1)) * 60);
      } else {
        parsed = Duration.ofMillis(Math.round(Double.parseDouble(text) * 1000));
      }
      if (parsed.isNegative()) {
        throw new IllegalArgumentException(name + " must not be negative");
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + ": not a duration: " + value);
    }
  }

  private static List<Integer> ports(String name, String value) {
    List<Integer> ports = new ArrayList<>();
    for (String part : value.split(",", -1)) {
      ports.add(integer(name, part, 1, 65535));
    }
    if (ports.stream().distinct().count() != ports.size()) {
      throw new IllegalArgumentException(name + " lists a port twice: " + value);
    }
    return List.copyOf(ports);
  }

  private static String hostPort(String name, String value) {
    int colon = value.lastIndexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException(name + " is HOST:PORT, not " + value);
    }
    integer(name, value.substring(colon + 1), 1, 65535);
    return value;
  }

  private static int integer(String name, String value, int min, int max) {
    try {
      int parsed = Integer.parseInt(value.trim());
      if (parsed < min || parsed > max) {
        throw new IllegalArgumentException(name + " must be between " + min + " and " + max);
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + ": not an integer: " + value);
    }
  }

  private static double decimal(String name, String value) {
    try {
      double parsed = Double.parseDouble(value.trim());
      if (!(parsed >= 0) || Double.isInfinite(parsed)) {
        throw new IllegalArgumentException(name + " must be a non-negative number");
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + ": not a number: " + value);
    }
  }
}
