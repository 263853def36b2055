package dev.realtime.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the client light and its API its own: it names only the JDK, Gson, Guava, SLF4J and core's
 * protocol package (the strict codec and close codes) — never the hub, a transport or a broker,
 * so an application that only connects does not program against the server's types; no static
 * mutable state; nothing printed.
 */
class ClientArchitectureTest {
  private static final Path SOURCES = Path.of("src/main/java/dev/realtime/client");
  private static final List<String> ALLOWED = List.of(
      "java.", "com.google.gson.", "com.google.common.util.concurrent.", "org.slf4j.", "dev.realtime.protocol.",
      "dev.realtime.client.");
  private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+);", Pattern.MULTILINE);
  private static final Pattern STATIC_FIELD = Pattern.compile("^\\s+(?:private |public |protected )?static (?!final)[\\w<>, ]+ \\w+\\s*[=;]", Pattern.MULTILINE);

  private static Map<String, String> sources() throws IOException {
    Map<String, String> sources = new TreeMap<>();
    try (Stream<Path> files = Files.list(SOURCES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        sources.put(file.getFileName().toString(), Files.readString(file));
      }
    }
    assertThat(sources).as("run from realtime-client").isNotEmpty();
    return sources;
  }

  @Test
  void importsOnlyTheJdkGsonGuavaSlf4jAndCoresProtocol() throws IOException {
    List<String> foreign = new ArrayList<>();
    sources().forEach((file, source) -> {
      Matcher imports = IMPORT.matcher(source);
      while (imports.find()) {
        String name = imports.group(1);
        if (ALLOWED.stream().noneMatch(name::startsWith)) {
          foreign.add(file + ": " + name);
        }
      }
    });
    assertThat(foreign).isEmpty();
  }

  @Test
  void noStaticMutableStateAndNothingPrinted() throws IOException {
    sources().forEach((file, source) -> {
      assertThat(STATIC_FIELD.matcher(source).find()).as("a static non-final field in %s", file).isFalse();
      assertThat(source).as(file).doesNotContain("System.out", "System.err", "printStackTrace", "System.exit");
    });
  }

  @Test
  void thePomDependsOnCoreAndItsLibrariesOnly() throws IOException {
    String pom = Files.readString(Path.of("pom.xml"));
    String main = pom.replaceAll("(?s)<dependency>\\s*<groupId>[^<]+</groupId>\\s*<artifactId>[^<]+</artifactId>\\s*<scope>test</scope>\\s*</dependency>", "");
    List<String> artifacts = new ArrayList<>();
    Matcher artifact = Pattern.compile("<dependency>\\s*(?:<!--.*?-->\\s*)?<groupId>([^<]+)</groupId>\\s*<artifactId>([^<]+)</artifactId>", Pattern.DOTALL).matcher(main);
    while (artifact.find()) {
      artifacts.add(artifact.group(1) + ":" + artifact.group(2));
    }
    assertThat(artifacts).containsExactlyInAnyOrder("dev.realtime:realtime-core", "com.google.code.gson:gson",
        "com.google.guava:guava", "org.slf4j:slf4j-api");
  }
}
