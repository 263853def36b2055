package dev.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Keeps the core lean: its pom depends on gson, guava and slf4j-api only; its sources name nothing
 * outside the JDK, those libraries and the library itself (no transport, broker or metrics vendor);
 * and its packages import each other without cycles. Reads the sources and poms, so it sees what
 * a reviewer would.
 */
class CoreArchitectureTest {
  private static final Path MODULE = Path.of("").toAbsolutePath();
  private static final Set<String> ALLOWED_DEPENDENCIES =
      Set.of("com.google.code.gson:gson", "com.google.guava:guava", "org.slf4j:slf4j-api");
  private static final List<String> ALLOWED_PREFIXES = List.of(
      "java.", "javax.annotation.", "com.google.gson.", "com.google.common.", "org.slf4j.", "dev.realtime.");
  /** Names that must never appear in core, each with what it would drag in. */
  private static final Map<String, String> FORBIDDEN = Map.of(
      "org.java_websocket.", "a transport", "io.netty.", "a transport", "io.lettuce.", "a broker",
      "redis.", "a broker", "io.micrometer.", "a metrics vendor", "io.prometheus.", "a metrics vendor");

  // An import, or a qualified name in code (comments and string literals are removed first).
  private static final Pattern QUALIFIED =
      Pattern.compile("(?<![\\w.])((?:[a-z_][a-z0-9_]*\\.)+)([A-Z]\\w*)");
  private static final Pattern IMPORT = Pattern.compile("^import\\s+(static\\s+)?([\\w.]+)(\\.\\*)?;", Pattern.MULTILINE);
  private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+);", Pattern.MULTILINE);

  private static final Map<String, String> packageOf = new TreeMap<>();
  private static final Map<String, Set<String>> namesUsed = new TreeMap<>();

  @BeforeAll
  static void readSources() throws IOException {
    Path sources = MODULE.resolve("src/main/java");
    assertThat(sources).as("run from realtime-core").isDirectory();
    try (Stream<Path> files = Files.walk(sources)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String source = Files.readString(file);
        String code = withoutCommentsAndStrings(source);
        Matcher pkg = PACKAGE.matcher(code);
        assertThat(pkg.find()).as("package of %s", file).isTrue();
        String name = sources.relativize(file).toString();
        packageOf.put(name, pkg.group(1));
        Set<String> used = new TreeSet<>();
        Matcher imports = IMPORT.matcher(code);
        while (imports.find()) {
          used.add(imports.group(2) + (imports.group(3) != null ? ".*" : ""));
        }
        Matcher qualified = QUALIFIED.matcher(IMPORT.matcher(PACKAGE.matcher(code).replaceAll("")).replaceAll(""));
        while (qualified.find()) {
          String prefix = qualified.group(1);
          if (prefix.matches("(java|javax|jdk|sun|com|org|io|net|dev|redis)\\..*")) {
            used.add(prefix + qualified.group(2));
          }
        }
        namesUsed.put(name, used);
      }
    }
    assertThat(namesUsed).as("core sources found").isNotEmpty();
  }

  @Test
  void thePomDependsOnGsonGuavaAndSlf4jOnly() throws Exception {
    Document core = parse(MODULE.resolve("pom.xml"));
    Document parent = parse(MODULE.resolve("../pom.xml"));
    Map<String, String> managedScopes = new HashMap<>();
    Element management = child(parent.getDocumentElement(), "dependencyManagement");
    if (management != null) {
      for (Element dependency : dependencies(management)) {
        managedScopes.put(coordinates(dependency), text(dependency, "scope"));
      }
    }
    Set<String> runtime = new TreeSet<>();
    for (Document pom : List.of(core, parent)) { // the parent's own <dependencies> are inherited
      for (Element dependency : dependencies(pom.getDocumentElement())) {
        String coordinates = coordinates(dependency);
        String scope = text(dependency, "scope");
        if (scope == null) {
          scope = managedScopes.get(coordinates);
        }
        if (!"test".equals(scope)) {
          runtime.add(coordinates);
        }
      }
    }
    assertThat(runtime).as("realtime-core's non-test dependencies").isSubsetOf(ALLOWED_DEPENDENCIES);
  }

  @Test
  void noSourceNamesATransportBrokerOrMetricsVendor() {
    List<String> violations = new ArrayList<>();
    namesUsed.forEach((file, names) -> {
      for (String name : names) {
        FORBIDDEN.forEach((prefix, what) -> {
          if (name.startsWith(prefix)) {
            violations.add(file + " names " + what + ": " + name);
          }
        });
      }
    });
    assertThat(violations).isEmpty();
  }

  @Test
  void everySourceNamesOnlyTheJdkGsonGuavaSlf4jAndTheLibrary() {
    List<String> violations = new ArrayList<>();
    namesUsed.forEach((file, names) -> {
      for (String name : names) {
        if (ALLOWED_PREFIXES.stream().noneMatch(name::startsWith)) {
          violations.add(file + ": " + name);
        }
      }
    });
    assertThat(violations).isEmpty();
  }

  @Test
  void corePackagesHaveNoCycles() {
    Map<String, Set<String>> graph = new TreeMap<>();
    packageOf.forEach((file, pkg) -> {
      Set<String> targets = graph.computeIfAbsent(pkg, p -> new TreeSet<>());
      for (String name : namesUsed.get(file)) {
        String target = packageOfName(name);
        if (target.startsWith("dev.realtime") && !target.equals(pkg)) {
          targets.add(target);
        }
      }
    });
    List<Set<String>> cycles = stronglyConnected(graph).stream().filter(c -> c.size() > 1).toList();
    assertThat(cycles).as("package cycles in realtime-core (graph: %s)", graph).isEmpty();
  }

  @Test
  void theCycleFinderFindsCycles() {
    Map<String, Set<String>> graph = Map.of(
        "a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a", "d"), "d", Set.of(), "e", Set.of("e"));
    assertThat(stronglyConnected(graph)).contains(Set.of("a", "b", "c"), Set.of("d"));
    assertThat(packageOfName("dev.realtime.hub.Hub.Builder")).isEqualTo("dev.realtime.hub");
    assertThat(packageOfName("dev.realtime.notify.store.*")).isEqualTo("dev.realtime.notify.store");
  }

  /** The package part of a qualified name: the segments before the first capitalised one. */
  private static String packageOfName(String name) {
    List<String> parts = new ArrayList<>();
    for (String part : name.split("\\.")) {
      if (part.equals("*") || Character.isUpperCase(part.charAt(0))) {
        break;
      }
      parts.add(part);
    }
    return String.join(".", parts);
  }

  /** Tarjan's algorithm: the strongly connected components of {@code graph}. */
  private static List<Set<String>> stronglyConnected(Map<String, Set<String>> graph) {
    Map<String, Integer> index = new HashMap<>();
    Map<String, Integer> low = new HashMap<>();
    Deque<String> stack = new ArrayDeque<>();
    Set<String> onStack = new TreeSet<>();
    List<Set<String>> components = new ArrayList<>();
    int[] counter = {0};
    for (String node : new TreeSet<>(graph.keySet())) {
      if (!index.containsKey(node)) {
        connect(node, graph, index, low, stack, onStack, components, counter);
      }
    }
    return components;
  }

  private static void connect(String node, Map<String, Set<String>> graph, Map<String, Integer> index,
      Map<String, Integer> low, Deque<String> stack, Set<String> onStack, List<Set<String>> components,
      int[] counter) {
    index.put(node, counter[0]);
    low.put(node, counter[0]);
    counter[0]++;
    stack.push(node);
    onStack.add(node);
    for (String next : graph.getOrDefault(node, Set.of())) {
      if (!index.containsKey(next)) {
        connect(next, graph, index, low, stack, onStack, components, counter);
        low.put(node, Math.min(low.get(node), low.get(next)));
      } else if (onStack.contains(next)) {
        low.put(node, Math.min(low.get(node), index.get(next)));
      }
    }
    if (low.get(node).equals(index.get(node))) {
      Set<String> component = new TreeSet<>();
      String member;
      do {
        member = stack.pop();
        onStack.remove(member);
        component.add(member);
      } while (!member.equals(node));
      components.add(component);
    }
  }

  /** Blanks comments and string and character literals, so only code is searched. */
  private static String withoutCommentsAndStrings(String source) {
    StringBuilder out = new StringBuilder(source.length());
    int i = 0;
    while (i < source.length()) {
      if (source.startsWith("//", i)) {
        int end = source.indexOf('\n', i);
        i = end < 0 ? source.length() : end;
      } else if (source.startsWith("/*", i)) {
        int end = source.indexOf("*/", i + 2);
        i = end < 0 ? source.length() : end + 2;
        out.append(' ');
      } else if (source.startsWith("\"\"\"", i)) {
        int end = source.indexOf("\"\"\"", i + 3);
        i = end < 0 ? source.length() : end + 3;
        out.append("\"\"");
      } else if (source.charAt(i) == '"' || source.charAt(i) == '\'') {
        char quote = source.charAt(i);
        int j = i + 1;
        while (j < source.length() && source.charAt(j) != quote) {
          j += source.charAt(j) == '\\' ? 2 : 1;
        }
        i = j + 1;
        out.append(quote).append(quote);
      } else {
        out.append(source.charAt(i++));
      }
    }
    return out.toString();
  }

  private static Document parse(Path pom) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
  }

  private static List<Element> dependencies(Element parent) {
    List<Element> result = new ArrayList<>();
    Element dependencies = child(parent, "dependencies");
    if (dependencies != null) {
      NodeList nodes = dependencies.getChildNodes();
      for (int i = 0; i < nodes.getLength(); i++) {
        if (nodes.item(i) instanceof Element element && element.getTagName().equals("dependency")) {
          result.add(element);
        }
      }
    }
    return result;
  }

  private static Element child(Element parent, String name) {
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element && element.getTagName().equals(name)) {
        return element;
      }
    }
    return null;
  }

  private static String text(Element element, String name) {
    Element child = child(element, name);
    return child == null ? null : child.getTextContent().trim();
  }

  private static String coordinates(Element dependency) {
    return text(dependency, "groupId") + ":" + text(dependency, "artifactId");
  }
}
