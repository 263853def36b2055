package dev.realtime.bench;

import java.lang.management.ManagementFactory;

/** What the command-line benchmark tools share: reading {@code --name value} options and the machine's load. */
public final class CommandLine {
  private CommandLine() {}

  /** The value after {@code name} in {@code args}, or {@code fallback} when it is not given. */
  public static String option(String[] args, String name, String fallback) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return fallback;
  }

  /** The system load average over the last minute, which every printed figure should come with. */
  public static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }
}
