package dev.realtime.examples.tools;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A tool's command line: one URL and {@code --name value} (or {@code --name=value}) options and
 * switches from a table that also writes the usage, so the help lists exactly what is accepted.
 * Anything else is an {@link IllegalArgumentException} with a one-line reason.
 */
final class ToolOptions {
  /** One option: a switch when {@code value} is null, else the name of its value in the usage. */
  record Option(String name, String value, String help) {}

  /** Help, in every tool. */
  static final Option HELP = new Option("--help", null, "print this help and exit (also -h)");

  private final List<String> positional;
  private final Map<String, String> values;
  private final Set<String> switches;

  private ToolOptions(List<String> positional, Map<String, String> values, Set<String> switches) {
    this.positional = positional;
    this.values = values;
    this.switches = switches;
  }

  /** Whether the arguments ask for help. */
  static boolean wantsHelp(List<String> args) {
    return args.contains("-h") || args.contains("--help");
  }

  /** Parses {@code args} against {@code options}. */
  static ToolOptions parse(List<String> args, List<Option> options) {
    List<String> positional = new ArrayList<>();
    Map<String, String> values = new LinkedHashMap<>();
    Set<String> switches = new LinkedHashSet<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (!arg.startsWith("--")) {
        if (arg.startsWith("-") && arg.length() > 1) {
          throw new IllegalArgumentException("unknown option '" + arg + "'");
        }
        positional.add(arg);
        continue;
      }
      int equals = arg.indexOf('=');
      String name = equals < 0 ? arg : arg.substring(0, equals);
      Option option = options.stream().filter(o -> o.name().equals(name)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("unknown option '" + name + "'"));
      if (option.value() == null) {
        if (equals >= 0) {
          throw new IllegalArgumentException(name + " takes no value");
        }
        if (!switches.add(name)) {
          throw new IllegalArgumentException(name + " is given twice");
        }
        continue;
      }
      String value;
      if (equals >= 0) {
        value = arg.substring(equals + 1);
      } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
        value = args.get(++i);
      } else {
        throw new IllegalArgumentException(name + " needs a value");
      }
      if (value.isEmpty()) {
        throw new IllegalArgumentException(name + " needs a value");
      }
      if (values.put(name, value) != null) {
        throw new IllegalArgumentException(name + " is given twice");
      }
    }
    return new ToolOptions(positional, values, switches);
  }

  /** The one URL, {@code ws://} or {@code wss://}. */
  URI webSocketUrl() {
    if (positional.isEmpty()) {
      throw new IllegalArgumentException("give the server's WebSocket URL, such as ws://localhost:8080/ws");
    }
    if (positional.size() > 1) {
      throw new IllegalArgumentException("expected one URL, got " + positional.size() + " arguments");
    }
    URI url;
    try {
      url = new URI(positional.get(0));
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a URL: '" + positional.get(0) + "'");
    }
    String scheme = Optional.ofNullable(url.getScheme()).orElse("");
    if (!scheme.equals("ws") && !scheme.equals("wss") || url.getHost() == null) {
      throw new IllegalArgumentException("the URL must be ws://HOST[:PORT]/PATH or wss://…, got '" + positional.get(0) + "'");
    }
    return url;
  }

  /** An option's value, if given. */
  Optional<String> value(String name) {
    return Optional.ofNullable(values.get(name));
  }

  /** Whether a switch was given. */
  boolean has(String name) {
    return switches.contains(name);
  }

  /** A whole number of at least {@code min}. */
  int integer(String name, int fallback, int min) {
    String text = values.get(name);
    if (text == null) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(text);
      if (value >= min) {
        return value;
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw new IllegalArgumentException(name + " must be a whole number of at least " + min + ", got '" + text + "'");
  }

  /** A number of at least {@code min} (decimals allowed). */
  double number(String name, double fallback, double min) {
    String text = values.get(name);
    if (text == null) {
      return fallback;
    }
    try {
      double value = Double.parseDouble(text);
      if (value >= min && Double.isFinite(value)) {
        return value;
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw new IllegalArgumentException(name + " must be a number of at least " + format(min) + ", got '" + text + "'");
  }

  /** An http:// or https:// URL. */
  Optional<URI> httpUrl(String name) {
    return value(name).map(text -> {
      try {
        URI url = new URI(text);
        if ((url.getScheme() != null && (url.getScheme().equals("http") || url.getScheme().equals("https")))
            && url.getHost() != null) {
          return url;
        }
      } catch (URISyntaxException e) {
        // below
      }
      throw new IllegalArgumentException(name + " must be an http:// or https:// URL, got '" + text + "'");
    });
  }

  /** A tool's usage: synopsis, description, the options from the table, an example. */
  static String usage(String synopsis, String description, List<Option> options, List<String> examples) {
    StringBuilder text = new StringBuilder("usage: java -jar realtime-examples.jar ").append(synopsis).append("\n\n");
    text.append(description).append("\n\noptions:\n");
    int width = options.stream().mapToInt(option -> left(option).length()).max().orElse(0);
    for (Option option : options) {
      String[] lines = option.help().split("\n");
      text.append("  ").append(left(option)).append(" ".repeat(width - left(option).length())).append("  ")
          .append(lines[0]).append('\n');
      for (int i = 1; i < lines.length; i++) {
        text.append("  ").append(" ".repeat(width)).append("  ").append(lines[i]).append('\n');
      }
    }
    text.append('\n');
    for (String example : examples) {
      text.append("example: ").append(example).append('\n');
    }
    return text.toString();
  }

  private static String left(Option option) {
    return option.value() == null ? option.name() : option.name() + " " + option.value();
  }

  private static String format(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }
}
