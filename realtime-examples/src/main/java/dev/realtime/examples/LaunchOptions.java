package dev.realtime.examples;

import dev.realtime.examples.server.IoModes;
import dev.realtime.examples.server.Transport;
import dev.realtime.transport.netty.IoMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The command line: {@code <example> [--transport netty|javaws] [--host H] [--port P [--io-mode
 * MODE] | --http-port P --ws-port Q] [--flag …]}. Anything else is refused with a message saying why.
 *
 * @param example the example's name
 * @param transport which transport serves it
 * @param ioMode Netty's I/O implementation with {@link Transport#NETTY} ({@link IoMode#AUTO} unless
 *     {@code --io-mode} chose one; unused by {@link Transport#JAVAWS})
 * @param host the address the servers bind
 * @param port the one port of page, REST and WebSocket with {@link Transport#NETTY} (0 for ephemeral)
 * @param httpPort the port of pages and REST with {@link Transport#JAVAWS} (0 for ephemeral)
 * @param wsPort the WebSocket port with {@link Transport#JAVAWS} (0 for ephemeral)
 * @param flags the example's switches that were given, such as {@code auth}
 * @param cluster the cluster this node joins ({@code --redis}), or empty to run alone
 */
public record LaunchOptions(
    String example, Transport transport, IoMode ioMode, String host, int port, int httpPort, int wsPort, Set<String> flags,
    Optional<Cluster> cluster) {

  /** The default port of the one-port layout. */
  public static final int DEFAULT_PORT = 8080;
  /** The default HTTP port of the two-port layout. */
  public static final int DEFAULT_HTTP_PORT = 8080;
  /** The default WebSocket port of the two-port layout. */
  public static final int DEFAULT_WS_PORT = 8081;
  /** The default address: every interface. */
  public static final String ALL_INTERFACES = "0.0.0.0";

  /** Checks and copies the parts. */
  public LaunchOptions {
    Objects.requireNonNull(example, "example");
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(ioMode, "ioMode");
    Objects.requireNonNull(host, "host");
    flags = Set.copyOf(flags);
    Objects.requireNonNull(cluster, "cluster");
  }

  /** Options for tests: Netty, loopback, an ephemeral port. */
  public static LaunchOptions ephemeral(String example, String... flags) {
    return ephemeral(Transport.NETTY, example, flags);
  }

  /** Options for tests on {@code transport}: loopback, ephemeral ports. */
  public static LaunchOptions ephemeral(Transport transport, String example, String... flags) {
    return new LaunchOptions(example, transport, IoMode.AUTO, "127.0.0.1", 0, 0, 0, Set.of(flags), Optional.empty());
  }

  /** A copy that runs as a node of {@code cluster}. */
  public LaunchOptions withCluster(Cluster cluster) {
    return new LaunchOptions(example, transport, ioMode, host, port, httpPort, wsPort, flags, Optional.of(cluster));
  }

  /** Whether the example's {@code flag} was given. */
  public boolean has(Flag flag) {
    return flags.contains(flag.name());
  }

  /** Whether the host is a wildcard address, reachable from other machines. */
  public boolean listensOnAllInterfaces() {
    return host.equals(ALL_INTERFACES) || host.equals("::") || host.equals("[::]");
  }

  /** Whether the arguments ask for help ({@code -h} or {@code --help} anywhere). */
  public static boolean wantsHelp(String[] args) {
    return Arrays.stream(args).anyMatch(arg -> Option.named(arg).orElse(null) == Option.HELP);
  }

  /**
   * Parses arguments for one of {@code examples}; throws {@link IllegalArgumentException} with a
   * one-line reason on anything it does not understand: an unknown option or example, another
   * example's flag, a missing or bad value, an option given twice, or one the chosen transport
   * does not use.
   */
  public static LaunchOptions parse(String[] args, List<ExampleType> examples) {
    Map<Option, String> values = new EnumMap<>(Option.class);
    Set<String> flags = new LinkedHashSet<>();
    List<String> positional = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("-") || arg.equals("-")) {
        positional.add(arg);
        continue;
      }
      int equals = arg.startsWith("--") ? arg.indexOf('=') : -1;
      String name = equals < 0 ? arg : arg.substring(0, equals);
      Optional<Option> option = Option.named(name);
      if (option.isPresent() && option.get().takesValue()) {
        String value;
        if (equals >= 0) {
          value = arg.substring(equals + 1);
        } else if (i + 1 < args.length && !args[i + 1].startsWith("-")) {
          value = args[++i];
        } else {
          throw new IllegalArgumentException(name + " needs a value");
        }
        if (value.isEmpty()) {
          throw new IllegalArgumentException(name + " needs a value");
        }
        if (values.put(option.get(), value) != null) {
          throw new IllegalArgumentException(name + " is given twice");
        }
      } else if (option.isPresent() && equals < 0) {
        continue; // --help: the caller checks wantsHelp first
      } else if (name.startsWith("--") && equals < 0 && isFlagOfAny(name.substring(2), examples)) {
        if (!flags.add(name.substring(2))) {
          throw new IllegalArgumentException(name + " is given twice");
        }
      } else if (option.isPresent() || isFlagOfAny(name.substring(Math.min(2, name.length())), examples)) {
        throw new IllegalArgumentException(name + " takes no value");
      } else {
        throw new IllegalArgumentException("unknown option '" + name + "'" + Usage.suggestion(name, optionNames(examples)));
      }
    }
    ExampleType type = example(positional, examples);
    for (String flag : flags) {
      if (!type.accepts(flag)) {
        String owners = examples.stream().filter(other -> other.accepts(flag)).map(ExampleType::name)
            .collect(Collectors.joining(", "));
        throw new IllegalArgumentException("--" + flag + " is an option of " + owners + ", not " + type.name());
      }
    }
    Transport transport = Optional.ofNullable(values.get(Option.TRANSPORT))
        .map(name -> Transport.named(name).orElseThrow(() -> new IllegalArgumentException(
            "--transport must be netty or javaws, got '" + name + "'")))
        .orElse(Transport.NETTY);
    if (transport == Transport.NETTY && (values.containsKey(Option.HTTP_PORT) || values.containsKey(Option.WS_PORT))) {
      throw new IllegalArgumentException(
          "--http-port and --ws-port are for --transport javaws; netty serves everything on --port");
    }
    if (transport == Transport.JAVAWS && values.containsKey(Option.PORT)) {
      throw new IllegalArgumentException(
          "--port is for the netty transport; with --transport javaws use --http-port and --ws-port");
    }
    if (transport == Transport.JAVAWS && values.containsKey(Option.IO_MODE)) {
      throw new IllegalArgumentException(
          "--io-mode is for the netty transport; Java-WebSocket has one I/O implementation");
    }
    IoMode ioMode = Optional.ofNullable(values.get(Option.IO_MODE))
        .map(name -> IoModes.named(name).orElseThrow(() -> new IllegalArgumentException(
            "--io-mode must be " + IoModes.names() + ", got '" + name + "'")))
        .orElse(IoMode.AUTO);
    int port = port(values, Option.PORT, DEFAULT_PORT);
    int httpPort = port(values, Option.HTTP_PORT, DEFAULT_HTTP_PORT);
    int wsPort = port(values, Option.WS_PORT, DEFAULT_WS_PORT);
    if (transport == Transport.JAVAWS && httpPort != 0 && httpPort == wsPort) {
      throw new IllegalArgumentException("--http-port and --ws-port must differ (both are " + httpPort + ")");
    }
    String host = values.getOrDefault(Option.HOST, ALL_INTERFACES);
    return new LaunchOptions(type.name(), transport, ioMode, host, port, httpPort, wsPort, flags, cluster(values));
  }

  private static Optional<Cluster> cluster(Map<Option, String> values) {
    String uri = values.get(Option.REDIS);
    if (uri == null) {
      for (Option needsRedis : List.of(Option.NODE_ID, Option.PRESENCE_TTL)) {
        if (values.containsKey(needsRedis)) {
          throw new IllegalArgumentException(needsRedis.longName() + " only applies with --redis");
        }
      }
      return Optional.empty();
    }
    String nodeId = values.getOrDefault(Option.NODE_ID, randomNodeId());
    Duration ttl = Cluster.DEFAULT_PRESENCE_TTL;
    String seconds = values.get(Option.PRESENCE_TTL);
    if (seconds != null) {
      try {
        ttl = Duration.ofSeconds(Long.parseLong(seconds));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--presence-ttl must be a whole number of seconds, got '" + seconds + "'");
      }
    }
    return Optional.of(new Cluster(uri, nodeId, ttl));
  }

  private static String randomNodeId() {
    return "node-" + UUID.randomUUID().toString().substring(0, 6);
  }

  /** The help: every example, every option and every example's flags, from their declarations. */
  public static String usage(List<ExampleType> examples) {
    return Usage.text(examples);
  }

  private static ExampleType example(List<String> positional, List<ExampleType> examples) {
    String names = examples.stream().map(ExampleType::name).collect(Collectors.joining(", "));
    if (positional.isEmpty()) {
      throw new IllegalArgumentException("name the example to run: one of " + names);
    }
    if (positional.size() > 1) {
      throw new IllegalArgumentException("expected one example, got " + positional.stream()
          .map(arg -> "'" + arg + "'").collect(Collectors.joining(" and ")));
    }
    String name = positional.get(0);
    return examples.stream().filter(type -> type.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown example '" + name + "'"
            + Usage.suggestion(name, examples.stream().map(ExampleType::name).toList()) + "; the examples are " + names));
  }

  private static boolean isFlagOfAny(String name, List<ExampleType> examples) {
    return examples.stream().anyMatch(type -> type.accepts(name));
  }

  private static List<String> optionNames(List<ExampleType> examples) {
    List<String> names = new ArrayList<>();
    Arrays.stream(Option.values()).forEach(option -> names.addAll(option.names()));
    examples.forEach(type -> type.flags().forEach(flag -> names.add(flag.option())));
    return names;
  }

  private static int port(Map<Option, String> values, Option option, int fallback) {
    String text = values.get(option);
    if (text == null) {
      return fallback;
    }
    try {
      int port = Integer.parseInt(text);
      if (port < 0 || port > 65535) {
        throw new NumberFormatException();
      }
      return port;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          option.longName() + " must be a port number from 0 to 65535, got '" + text + "'");
    }
  }
}
