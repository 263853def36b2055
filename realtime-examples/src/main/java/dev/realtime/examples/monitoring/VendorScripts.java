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

  private static final String CHART_JS_POM =
      "META-INF/maven/org.webjars.npm/chart.js/pom.properties";

  private VendorScripts() {}

  /** Maps {@link #CHART_JS_PATH} to the Chart.js UMD bundle inside its WebJar. */
  public static void install(WebRoutes web) {
    web.file(CHART_JS_PATH, chartJsResource());
  }

  /** The classpath resource of the Chart.js bundle; the WebJar's folder carries its version. */
  static String chartJsResource() {
    return "META-INF/resources/webjars/chart.js/" + webJarVersion(CHART_JS_POM) + "/dist/chart.umd.js";
  }

  private static String webJarVersion(String pomProperties) {
    try (InputStream in = VendorScripts.class.getClassLoader().getResourceAsStream(pomProperties)) {
      if (in == null) {
        throw new IllegalStateException("WebJar missing from the classpath: " + pomProperties);
      }
      Properties properties = new Properties();
      properties.load(in);
      String version = properties.getProperty("version");
      if (version == null || version.isBlank() || version.contains("/") || version.contains("..")) {
        throw new IllegalStateException("unreadable WebJar version in " + pomProperties);
      }
      return version;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
