package dev.realtime.examples.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/** Serves files packaged in the jar, refusing anything that could climb out of its folder. */
final class StaticResources {
  private static final Map<String, String> TYPES =
      Map.of(
          "html", "text/html; charset=utf-8",
          "js", "text/javascript; charset=utf-8",
          "css", "text/css; charset=utf-8",
          "json", "application/json; charset=utf-8",
          "svg", "image/svg+xml",
          "png", "image/png",
          "ico", "image/x-icon",
          "wav", "audio/wav");

  private StaticResources() {}

  static Response fromFolder(String folder, String relative) throws IOException {
    if (relative.isEmpty() || relative.contains("..") || relative.contains("//")
        || relative.contains("\\") || relative.startsWith("/")) {
      return Response.error(404, "not found");
    }
    return load(folder + relative);
  }

  static Response load(String resource) throws IOException {
    try (InputStream in = StaticResources.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        return Response.error(404, "not found");
      }
      byte[] body = in.readAllBytes();
      int dot = resource.lastIndexOf('.');
      String type = TYPES.getOrDefault(dot < 0 ? "" : resource.substring(dot + 1), "application/octet-stream");
      return new Response(200, type, body, Map.of());
    }
  }
}
