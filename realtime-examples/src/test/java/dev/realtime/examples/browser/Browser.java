package dev.realtime.examples.browser;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium for page tests: Debian's {@code chromium} and {@code chromium-driver}.
 *
 * <p>Without them the tests are skipped, so {@code mvn verify} works on a bare machine; CI installs
 * both and its script fails if any browser test was skipped.
 */
final class Browser implements AutoCloseable {
  private static final String CHROMIUM = System.getenv().getOrDefault("CHROME_BIN", "/usr/bin/chromium");
  private static final String DRIVER = System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver");

  private final List<WebDriver> drivers = new ArrayList<>();
  private final List<Path> profiles = new ArrayList<>();

  /** Skips the calling test when Chromium or its driver is missing. */
  static void assumeAvailable() {
    Assumptions.assumeTrue(
        new File(CHROMIUM).canExecute() && new File(DRIVER).canExecute(),
        "headless Chromium not installed (apt-get install chromium chromium-driver)");
  }

  /** Opens a new, independent browser window with a fresh profile. */
  WebDriver open() throws IOException {
    Path profile = Files.createTempDirectory("realtime-chromium-");
    profiles.add(profile);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--no-first-run",
        "--window-size=1280,900",
        "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER)).usingAnyFreePort().build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
    drivers.add(driver);
    return driver;
  }

  /**
   * Waits up to 15 s for a condition. Pages re-render lists as messages arrive, so an element read
   * in one poll may be replaced before the next: such a stale read just means "poll again".
   */
  static <T> T await(WebDriver driver, Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, Duration.ofSeconds(15), Duration.ofMillis(50))
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .until(condition::apply);
  }

  @Override
  public void close() throws IOException {
    for (WebDriver driver : drivers) {
      try {
        driver.quit();
      } catch (RuntimeException e) {
        // already gone
      }
    }
    for (Path profile : profiles) {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }
}
