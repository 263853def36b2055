package dev.realtime.testing.browser;

import java.util.List;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Drops the two warnings Selenium logs (through java.util.logging) for every browser it starts
 * when it has no DevTools (CDP) binding for the browser's exact version: "Unable to find CDP
 * implementation matching …" and "Unable to find version of CDP to use for …". Selenium ships
 * bindings for three Chromium versions only, and WebDriver itself needs none; the remedy it
 * suggests, a {@code selenium-devtools-vNNN} dependency, would have to follow every Chromium
 * update. Only these messages are dropped; the loggers' other records pass.
 */
final class SeleniumWarnings {
  private static final List<String> HARMLESS =
      List.of("Unable to find CDP implementation", "Unable to find version of CDP");

  /**
   * The loggers filtered. java.util.logging holds loggers weakly, so a logger nobody references
   * can be collected and recreated without the filter; holding them here keeps it in force.
   */
  private static final List<Logger> FILTERED = List.of(
      Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder"),
      Logger.getLogger("org.openqa.selenium.chromium.ChromiumDriver"));

  private SeleniumWarnings() {}

  /** Installs the filter on Selenium's two loggers, keeping any filter they already had. */
  static synchronized void quiet() {
    for (Logger logger : FILTERED) {
      Filter previous = logger.getFilter();
      if (previous instanceof KnownHarmless) {
        continue;
      }
      logger.setFilter(new KnownHarmless(previous));
    }
  }

  /** Passes every record but the known harmless ones, then asks the filter it replaced. */
  private record KnownHarmless(Filter previous) implements Filter {
    @Override
    public boolean isLoggable(LogRecord record) {
      String message = record.getMessage();
      if (message != null && HARMLESS.stream().anyMatch(message::startsWith)) {
        return false;
      }
      return previous == null || previous.isLoggable(record);
    }
  }
}
