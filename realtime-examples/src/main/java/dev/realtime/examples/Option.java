package dev.realtime.examples;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The options every example takes: the one table both {@link LaunchOptions#parse} and {@link
 * LaunchOptions#usage} read, so the help lists exactly what the parser accepts.
 */
enum Option {
  TRANSPORT(List.of("--transport"), "T",
      "netty (default): page, REST, /metrics and WebSocket on one port, --port\n"
          + "javaws: Java-WebSocket; pages on --http-port, WebSockets on --ws-port"),
  PORT(List.of("--port"), "P", "the port of everything, with netty (default 8080; 0 picks a free port)"),
  HOST(List.of("--host"), "H",
      "the address to listen on (default 0.0.0.0: all interfaces;\n127.0.0.1: this machine only)"),
  HTTP_PORT(List.of("--http-port"), "P", "javaws only: the port of pages, REST and /metrics (default 8080)"),
  WS_PORT(List.of("--ws-port"), "Q", "javaws only: the WebSocket port (default 8081)"),
  IO_MODE(List.of("--io-mode"), "MODE",
      "netty only: the I/O Netty uses: auto (default: epoll, else io_uring, else nio),\n"
          + "epoll, io_uring (or io-uring) or nio; a mode this machine cannot run fails the start"),
  REDIS(List.of("--redis"), "URI",
      "run as one node of a cluster: rooms, users, presence and history go through the Redis\n"
          + "at URI (redis://HOST:PORT, rediss:// for TLS, redis://:PASSWORD@HOST:PORT)"),
  NODE_ID(List.of("--node-id"), "ID", "with --redis: this node's name (default: node- and 6 random characters)"),
  PRESENCE_TTL(List.of("--presence-ttl"), "S",
      "with --redis: seconds a node that died keeps its users in presence (default 30)"),
  HELP(List.of("-h", "--help"), null, "print this help and exit");

  private final List<String> names;
  private final String value;
  private final String help;

  Option(List<String> names, String value, String help) {
    this.names = names;
    this.value = value;
    this.help = help;
  }

  /** The option typed as {@code name}, if it is one. */
  static Optional<Option> named(String name) {
    return Arrays.stream(values()).filter(option -> option.names.contains(name)).findFirst();
  }

  /** The names it is typed as; the last is the long one. */
  List<String> names() {
    return names;
  }

  /** The long name, for messages. */
  String longName() {
    return names.get(names.size() - 1);
  }

  /** Whether a value follows it. */
  boolean takesValue() {
    return value != null;
  }

  /** How the usage shows it: {@code --port P}. */
  String synopsis() {
    return String.join(", ", names) + (value == null ? "" : " " + value);
  }

  /** The help text; lines after the first continue it. */
  String help() {
    return help;
  }
}
