package dev.realtime.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * A Java example from a Markdown document (README, a guide), compiled as written so the document
 * cannot drift from the API: its imports stay imports, its statements become the body of a static
 * {@code run} method, and the few lines a test must change (a port, a "the application runs"
 * comment) are replaced, each checked to be there. Immutable; compile with the test class path.
 */
public final class DocSnippet {
  private final String source;
  private final String where;

  private DocSnippet(String source, String where) {
    this.source = source;
    this.where = where;
  }

  /** The first {@code ```java} block after the line {@code heading} (e.g. "## Embedding a hub") of {@code markdown}. */
  public static DocSnippet under(Path markdown, String heading) throws IOException {
    Objects.requireNonNull(heading, "heading");
    Pattern block = Pattern.compile(Pattern.quote(heading) + "\\s+```java\\n(.*?)```", Pattern.DOTALL);
    Matcher matcher = block.matcher(Files.readString(markdown, StandardCharsets.UTF_8));
    String where = markdown + " under '" + heading + "'";
    if (!matcher.find()) {
      throw new AssertionError(where + ": no java block");
    }
    return new DocSnippet(matcher.group(1), where);
  }

  /** The example's text as the document shows it. */
  public String text() {
    return source;
  }

  /** The example with {@code text} replaced; an {@link AssertionError} when the document no longer has it. */
  public DocSnippet replacing(String text, String replacement) {
    if (!source.contains(text)) {
      throw new AssertionError(where + " no longer contains: " + text);
    }
    return new DocSnippet(source.replace(text, replacement), where);
  }

  /**
   * Compiles the example into {@code work} as {@code public static void run(parameters) throws
   * Exception} of a class {@code snippet.Snippet} and answers that method; an {@link AssertionError}
   * with javac's messages and the source when it does not compile, or when it shows no imports.
   *
   * @param parameters the method's parameter list as Java source, e.g. {@code "String url, Runnable whileRunning"}
   * @param parameterTypes the same parameters' types, to find the method
   */
  public Method compileAsRun(Path work, String parameters, Class<?>... parameterTypes) throws Exception {
    List<String> imports = new ArrayList<>();
    StringBuilder body = new StringBuilder();
    for (String line : source.split("\n")) {
      if (line.startsWith("import ")) {
        imports.add(line);
      } else {
        body.append("    ").append(line).append('\n');
      }
    }
    if (imports.isEmpty()) {
      throw new AssertionError(where + ": the example shows no imports");
    }
    String code = "package snippet;\n\n" + String.join("\n", imports) + "\n\n"
        + "public final class Snippet {\n"
        + "  public static void run(" + parameters + ") throws Exception {\n"
        + body
        + "  }\n}\n";
    Path sourceFile = work.resolve("snippet/Snippet.java");
    Files.createDirectories(sourceFile.getParent());
    Files.writeString(sourceFile, code);
    Path classes = Files.createDirectories(work.resolve("classes"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    int status = javac.run(null, null, errors, "-proc:none", "--release", "17", "-classpath", classpath,
        "-d", classes.toString(), sourceFile.toString());
    if (status != 0) {
      throw new AssertionError(where + " does not compile:\n" + errors.toString(StandardCharsets.UTF_8) + "\n" + code);
    }
    URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, DocSnippet.class.getClassLoader());
    return loader.loadClass("snippet.Snippet").getMethod("run", parameterTypes);
  }
}
