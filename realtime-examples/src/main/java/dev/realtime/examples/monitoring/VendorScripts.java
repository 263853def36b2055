package dev.realtime.examples.monitoring;

import dev.realtime.examples.http.WebRoutes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Third-party browser scripts served from WebJars on the classpath, so pages work offline and the
 * strict content security policy ({@code script-src 'self'}) needs no CDN exception.
 */
public final class VendorScripts {
  /** Where pages load Chart.js from. */
  public static final String CHART_JS_PATH = "/static/vendor/chart.umd.js";

  /** The versions the build pinned, written into this resource by Maven's resource filtering. */
  private static final String VERSIONS = "vendor.properties";

  private VendorScripts() {}

  /** Maps {@link #CHART_JS_PATH} to the Chart.js UMD bundle inside its WebJar. */
  public static void install(WebRoutes web) {
    web.file(CHART_JS_PATH, chartJsResource());
  }

  /**
   * The classpath resource of the Chart.js bundle; the WebJar's folder carries its version. Fails
   * at start, not at the first page view, if the bundle is not on the class path.
   */
  static String chartJsResource() {
    String resource = "META-INF/resources/webjars/chart.js/" + version("chart.js.version") + "/dist/chart.umd.js";
    if (VendorScripts.class.getClassLoader().getResource(resource) == null) {
      throw new IllegalStateException("Chart.js missing from the class path: " + resource);
    }
    return resource;
  }

  private static String version(String key) {
    try (InputStream in = VendorScripts.class.getResourceAsStream(VERSIONS)) {
      if (in == null) {
        throw new IllegalStateException("missing " + VERSIONS + " next to " + VendorScripts.class.getName());
      }
      Properties properties = new Properties();
      properties.load(in);
      String version = properties.getProperty(key);
      if (version == null || version.isBlank() || version.contains("/") || version.contains("..")
          || version.contains("$")) {
        throw new IllegalStateException("unreadable " + key + " in " + VERSIONS + ": " + version);
      }
      return version;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
