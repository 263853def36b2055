package dev.realtime.bench.feeds;

import java.util.Arrays;

/** The feed tools' command lines: {@code --name value} pairs. */
final class Options {
  private Options() {}

  /** The value after {@code name}, else {@code fallback}. */
  static String value(String[] args, String name, String fallback) {
    int at = Arrays.asList(args).indexOf(name);
    if (at < 0) {
      return fallback;
    }
    if (at + 1 >= args.length) {
      throw new IllegalArgumentException(name + " needs a value");
    }
    return args[at + 1];
  }
}
