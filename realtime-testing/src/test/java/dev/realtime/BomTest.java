package dev.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * {@code realtime-bom} pins every library module of the build, so a new module cannot be
 * forgotten there: a library is every module of the parent POM with jar packaging but the
 * runnable ones.
 */
class BomTest {
  /** Runnable programs, not libraries: nobody depends on them, so the BOM leaves them out. */
  private static final Set<String> RUNNABLE = Set.of("realtime-examples", "realtime-bench");

  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

  private static Element read(Path pom) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(pom.toFile()).getDocumentElement();
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> found = new ArrayList<>();
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element && element.getTagName().equals(name)) {
        found.add(element);
      }
    }
    return found;
  }

  private static Optional<String> text(Element parent, String name) {
    return children(parent, name).stream().findFirst().map(e -> e.getTextContent().trim());
  }

  private static Element only(Element parent, String name) {
    List<Element> found = children(parent, name);
    assertThat(found).as("<%s> in <%s>", name, parent.getTagName()).hasSize(1);
    return found.get(0);
  }

  /** Every library module's artifactId, read from the parent POM's modules and their POMs. */
  private static List<String> libraries() throws Exception {
    Element parent = read(ROOT.resolve("pom.xml"));
    assertThat(text(parent, "artifactId")).hasValue("realtime-parent");
    List<String> libraries = new ArrayList<>();
    for (Element module : children(only(parent, "modules"), "module")) {
      Path pom = ROOT.resolve(module.getTextContent().trim()).resolve("pom.xml");
      assertThat(pom).exists();
      Element project = read(pom);
      String artifactId = text(project, "artifactId").orElseThrow();
      if (text(project, "packaging").orElse("jar").equals("jar") && !RUNNABLE.contains(artifactId)) {
        libraries.add(artifactId);
      }
    }
    return libraries;
  }

  /** The BOM's managed dependencies: artifactId to version, all of group dev.realtime. */
  private static Map<String, String> pinned() throws Exception {
    Path bom = ROOT.resolve("realtime-bom/pom.xml");
    Element dependencies = only(only(read(bom), "dependencyManagement"), "dependencies");
    Map<String, String> pinned = new TreeMap<>();
    for (Element dependency : children(dependencies, "dependency")) {
      assertThat(text(dependency, "groupId")).hasValue("dev.realtime");
      assertThat(text(dependency, "type")).as("a plain jar dependency").isEmpty();
      assertThat(text(dependency, "scope")).isEmpty();
      String artifactId = text(dependency, "artifactId").orElseThrow();
      assertThat(pinned.put(artifactId, text(dependency, "version").orElse("")))
          .as("%s listed once", artifactId).isNull();
    }
    return pinned;
  }

  @Test
  void theBomPinsEveryLibraryModuleAtTheProjectsVersion() throws Exception {
    List<String> libraries = libraries();
    assertThat(libraries).contains("realtime-core", "realtime-testing");
    Map<String, String> pinned = pinned();
    assertThat(pinned.keySet()).as("the BOM's modules").containsExactlyInAnyOrderElementsOf(libraries);
    assertThat(pinned).allSatisfy((artifactId, version) ->
        assertThat(version).as(artifactId).isEqualTo("${project.version}"));
  }

  @Test
  void theBomHasTheParentsVersionAndIsBuiltWithIt() throws Exception {
    Element parent = read(ROOT.resolve("pom.xml"));
    Element bom = read(ROOT.resolve("realtime-bom/pom.xml"));
    assertThat(text(bom, "version")).isEqualTo(text(parent, "version"));
    assertThat(children(only(parent, "modules"), "module").stream().map(Node::getTextContent))
        .contains("realtime-bom");
  }
}
