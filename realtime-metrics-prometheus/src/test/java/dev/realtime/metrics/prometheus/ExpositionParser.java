package dev.realtime.metrics.prometheus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of text format 0.0.4 written independently of the writer, so the test checks
 * the rules rather than round-tripping the writer's own assumptions.
 */
final class ExpositionParser {

  static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  private static final Pattern HELP = Pattern.compile("# HELP (\\S+) (.*)");
  private static final Pattern TYPE =
      Pattern.compile("# TYPE (\\S+) (counter|gauge|histogram|summary|untyped)");
  private static final Pattern SAMPLE = Pattern.compile("([^{\\s]+)(\\{.*\\})? (\\S+)");
  private static final Pattern FLOAT =
      Pattern.compile("[+-]?(NaN|Inf|(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?)");

  record ParsedSample(String name, Map<String, String> labels, double value) {}

  record Parsed(
      Map<String, String> help, Map<String, String> types, List<ParsedSample> samples) {}

  private ExpositionParser() {}

  static Parsed parse(String text) {
    if (!text.isEmpty() && !text.endsWith("\n")) {
      throw new AssertionError("output must end with a newline");
    }
    Map<String, String> help = new HashMap<>();
    Map<String, String> types = new HashMap<>();
    Set<String> sampled = new HashSet<>();
    List<ParsedSample> samples = new ArrayList<>();
    String current = null;
    for (String line : text.split("\n", -1)) {
      if (line.isEmpty()) {
        continue;
      }
      Matcher m;
      if ((m = HELP.matcher(line)).matches()) {
        String name = requireName(m.group(1), line);
        if (help.put(name, unescapeHelp(m.group(2))) != null) {
          throw new AssertionError("HELP twice for " + name);
        }
        current = name;
      } else if ((m = TYPE.matcher(line)).matches()) {
        String name = requireName(m.group(1), line);
        if (sampled.contains(name)) {
          throw new AssertionError("TYPE after samples of " + name);
        }
        if (types.put(name, m.group(2)) != null) {
          throw new AssertionError("TYPE twice for " + name);
        }
        if (m.group(2).equals("counter") && !name.endsWith("_total")) {
          throw new AssertionError("counter not named *_total: " + name);
        }
        current = name;
      } else if (line.startsWith("#")) {
        continue;
      } else if ((m = SAMPLE.matcher(line)).matches()) {
        String name = requireName(m.group(1), line);
        if (!types.containsKey(name)) {
          throw new AssertionError("sample before its TYPE: " + line);
        }
        if (!name.equals(current)) {
          throw new AssertionError("family " + name + " is not contiguous: " + line);
        }
        sampled.add(name);
        Map<String, String> labels =
            m.group(2) == null ? Map.of() : parseLabels(m.group(2), line);
        samples.add(new ParsedSample(name, labels, parseValue(m.group(3), line)));
      } else {
        throw new AssertionError("unparseable line: " + line);
      }
    }
    return new Parsed(help, types, samples);
  }

  private static String requireName(String name, String line) {
    if (!METRIC_NAME.matcher(name).matches()) {
      throw new AssertionError("bad metric name in: " + line);
    }
    return name;
  }

  private static double parseValue(String token, String line) {
    if (!FLOAT.matcher(token).matches()) {
      throw new AssertionError("bad value in: " + line);
    }
    return switch (token) {
      case "NaN" -> Double.NaN;
      case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(token);
    };
  }

  /** Reads {@code {a="x",b="y\"z"}} character by character, honouring escapes. */
  private static Map<String, String> parseLabels(String block, String line) {
    Map<String, String> labels = new LinkedHashMap<>();
    int i = 1;
    int end = block.length() - 1;
    while (i < end) {
      int eq = block.indexOf('=', i);
      String name = block.substring(i, eq);
      if (!LABEL_NAME.matcher(name).matches() || block.charAt(eq + 1) != '"') {
        throw new AssertionError("bad label in: " + line);
      }
      StringBuilder value = new StringBuilder();
      int j = eq + 2;
      while (block.charAt(j) != '"') {
        char c = block.charAt(j);
        if (c == '\n') {
          throw new AssertionError("raw newline in label value: " + line);
        }
        if (c == '\\') {
          char next = block.charAt(++j);
          switch (next) {
            case '\\' -> value.append('\\');
            case '"' -> value.append('"');
            case 'n' -> value.append('\n');
            default -> throw new AssertionError("bad escape in: " + line);
          }
        } else {
          value.append(c);
        }
        j++;
      }
      if (labels.put(name, value.toString()) != null) {
        throw new AssertionError("label twice in: " + line);
      }
      i = j + 1;
      if (i < end) {
        if (block.charAt(i) != ',') {
          throw new AssertionError("expected comma in: " + line);
        }
        i++;
      }
    }
    return labels;
  }

  private static String unescapeHelp(String text) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        char next = text.charAt(++i);
        switch (next) {
          case '\\' -> out.append('\\');
          case 'n' -> out.append('\n');
          default -> throw new AssertionError("bad HELP escape: " + text);
        }
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
