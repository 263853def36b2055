package dev.realtime.testing.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Saves what a browser window shows, for a failed test's report. */
final class Screenshots {
  private static final Logger log = LoggerFactory.getLogger(Screenshots.class);

  private Screenshots() {}

  /**
   * Writes {@code window}'s screenshot to {@code directory/name.png} (a number added if that file
   * exists) and returns the file; empty if the window cannot take one any more. Never throws: the
   * test has already failed, and its own failure is the one to report.
   */
  static Optional<Path> save(WebDriver window, Path directory, String name) {
    if (!(window instanceof TakesScreenshot camera)) {
      return Optional.empty();
    }
    try {
      byte[] png = camera.getScreenshotAs(OutputType.BYTES);
      Files.createDirectories(directory);
      Path file = directory.resolve(safe(name) + ".png");
      for (int n = 2; Files.exists(file); n++) {
        file = directory.resolve(safe(name) + "-" + n + ".png");
      }
      Files.write(file, png);
      return Optional.of(file);
    } catch (WebDriverException | IOException e) {
      log.warn("could not save a screenshot of {}: {}", name, e.toString());
      return Optional.empty();
    }
  }

  private static String safe(String name) {
    return name.replaceAll("[^A-Za-z0-9._-]", "_");
  }
}
