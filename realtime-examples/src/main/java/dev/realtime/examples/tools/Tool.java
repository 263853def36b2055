package dev.realtime.examples.tools;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

/**
 * A command of the examples' jar that is a client, not a server: it takes the URL of a running
 * server instead of a server layout ({@code java -jar realtime-examples.jar client URL}).
 */
public interface Tool {
  /** Exit status for a command line that cannot run. */
  int USAGE = 2;

  /** The name on the command line. */
  String name();

  /** One line for the jar's help. */
  String summary();

  /**
   * Runs with {@code args} (the words after the tool's name); returns the exit status: 0, 1 when
   * it ran but did not succeed, {@link #USAGE} for a bad command line (with the usage on {@code err}).
   */
  int run(List<String> args, InputStream in, PrintStream out, PrintStream err) throws InterruptedException;

  /** The tool a command line starts with, if it starts with one. */
  static Optional<Tool> named(List<Tool> tools, String[] args) {
    if (args.length == 0) {
      return Optional.empty();
    }
    return tools.stream().filter(tool -> tool.name().equals(args[0])).findFirst();
  }

  /** The tools' part of the jar's help. */
  static String overview(List<Tool> tools) {
    StringBuilder text = new StringBuilder("\ntools (clients of a running server; TOOL --help for their options):\n");
    int width = tools.stream().mapToInt(tool -> tool.name().length()).max().orElse(0) + " URL".length();
    for (Tool tool : tools) {
      String synopsis = tool.name() + " URL";
      text.append("  ").append(synopsis).append(" ".repeat(width - synopsis.length())).append("  ")
          .append(tool.summary()).append('\n');
    }
    return text.toString();
  }
}
