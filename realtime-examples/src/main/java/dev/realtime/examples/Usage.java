package dev.realtime.examples;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The usage text, built from {@link Option} and each example's {@link Flag}s; and spelling hints. */
final class Usage {
  private static final String JAR = "java -jar realtime-examples.jar";

  private Usage() {}

  /** The help: every example, every option and every example's flags, from their declarations. */
  static String text(List<ExampleType> examples) {
    StringBuilder text = new StringBuilder();
    text.append("usage: ").append(JAR).append(" <example> [options]\n\nexamples:\n");
    int width = examples.stream().mapToInt(type -> type.name().length()).max().orElse(0);
    for (ExampleType type : examples) {
      text.append("  ").append(pad(type.name(), width)).append("  ").append(type.summary()).append('\n');
    }
    text.append("\noptions:\n");
    width = Arrays.stream(Option.values()).mapToInt(option -> option.synopsis().length()).max().orElse(0);
    for (Option option : Option.values()) {
      appendEntry(text, option.synopsis(), width, option.help());
    }
    List<String[]> exampleFlags = new ArrayList<>();
    for (ExampleType type : examples) {
      for (Flag flag : type.flags()) {
        exampleFlags.add(new String[] {type.name() + " " + flag.option(), flag.help()});
      }
    }
    if (!exampleFlags.isEmpty()) {
      text.append("\nexample options:\n");
      width = exampleFlags.stream().mapToInt(entry -> entry[0].length()).max().orElse(0);
      for (String[] entry : exampleFlags) {
        appendEntry(text, entry[0], width, entry[1]);
      }
    }
    text.append("\nexample: ").append(JAR).append(" chat --port 9000\n");
    return text.toString();
  }

  private static void appendEntry(StringBuilder text, String left, int width, String help) {
    String[] lines = help.split("\n");
    text.append("  ").append(pad(left, width)).append("  ").append(lines[0]).append('\n');
    for (int i = 1; i < lines.length; i++) {
      text.append("  ").append(" ".repeat(width)).append("  ").append(lines[i]).append('\n');
    }
  }

  private static String pad(String text, int width) {
    return text + " ".repeat(Math.max(0, width - text.length()));
  }

  /** "; did you mean X?" for the closest candidate within two edits, or nothing. */
  static String suggestion(String typed, List<String> candidates) {
    String best = null;
    int bestDistance = 3;
    for (String candidate : candidates) {
      int distance = distance(typed, candidate);
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return best == null ? "" : " (did you mean " + best + "?)";
  }

  /** Levenshtein distance, with a swap of neighbours counting as one edit. */
  private static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
