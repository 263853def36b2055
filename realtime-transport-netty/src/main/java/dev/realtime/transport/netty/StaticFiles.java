package dev.realtime.transport.netty;

import dev.realtime.transport.netty.http.RestResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Serves files from one class-path folder, refusing any path that could climb out of it or name a
 * folder.
 */
final class StaticFiles {
  private static final Map<String, String> TYPES = Map.ofEntries(
      Map.entry("html", "text/html; charset=utf-8"),
      Map.entry("js", "text/javascript; charset=utf-8"),
      Map.entry("mjs", "text/javascript; charset=utf-8"),
      Map.entry("css", "text/css; charset=utf-8"),
      Map.entry("json", "application/json; charset=utf-8"),
      Map.entry("txt", "text/plain; charset=utf-8"),
      Map.entry("svg", "image/svg+xml"),
      Map.entry("png", "image/png"),
      Map.entry("jpg", "image/jpeg"),
      Map.entry("gif", "image/gif"),
      Map.entry("ico", "image/x-icon"),
      Map.entry("wav", "audio/wav"),
      Map.entry("woff2", "font/woff2"),
      Map.entry("wasm", "application/wasm"));

  private final String prefix;
  private final String folder;
  private final ClassLoader loader;

  /** Serves class-path folder {@code folder} (ending in '/') under URL path {@code prefix}. */
  StaticFiles(String prefix, String folder, ClassLoader loader) {
    this.prefix = prefix;
    this.folder = folder;
    this.loader = loader;
  }

  boolean matches(String path) {
    return path.startsWith(prefix) || path.equals(prefix.substring(0, prefix.length() - 1));
  }

  /** The file for a decoded request path under the prefix, or empty (a 404) if there is none. */
  Optional<RestResponse> load(String path) throws IOException {
    String relative = path.length() <= prefix.length() ? "" : path.substring(prefix.length());
    if (relative.isEmpty()) {
      relative = "index.html";
    }
    if (!safe(relative)) {
      return Optional.empty();
    }
    URL url = loader.getResource(folder + relative);
    if (url == null || isDirectory(url)) {
      return Optional.empty();
    }
    try (InputStream in = url.openStream()) {
      return Optional.of(new RestResponse(200, type(relative), in.readAllBytes(), Map.of()));
    }
  }

  private static boolean safe(String relative) {
    for (String segment : relative.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        return false;
      }
    }
    return relative.indexOf('\\') < 0 && relative.indexOf('\0') < 0 && relative.indexOf(':') < 0;
  }

  private static boolean isDirectory(URL url) {
    if (!"file".equals(url.getProtocol())) {
      return url.getPath().endsWith("/");
    }
    try {
      return Files.isDirectory(Path.of(url.toURI()));
    } catch (URISyntaxException | IllegalArgumentException e) {
      return true;
    }
  }

  static String type(String name) {
    int dot = name.lastIndexOf('.');
    String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    return TYPES.getOrDefault(extension, "application/octet-stream");
  }
}
