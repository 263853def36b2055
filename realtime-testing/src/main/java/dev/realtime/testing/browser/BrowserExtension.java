package dev.realtime.testing.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Headless Chromium for page tests, through Selenium and chromedriver.
 *
 * <p>{@link #open()} gives a new, independent browser window with a fresh profile; when a test
 * fails, every window it opened is saved as a PNG under {@code target/screenshots/} (named after
 * the test, and published as a report entry); after each test the windows are quit and their
 * profiles deleted. Where Chromium or chromedriver is missing the tests are skipped, so a build
 * works on a bare machine; a CI that installs them should fail on skipped browser tests.
 *
 * <p>Register it with {@code @RegisterExtension}, on a {@code static} field so a missing browser
 * skips the class before anything else (a server extension, say) starts. It also drops Selenium's
 * known harmless warning that it has no DevTools binding for this Chromium's version (WebDriver
 * does not need one); every other Selenium message still comes through.
 */
public final class BrowserExtension
    implements ExecutionCondition, AfterTestExecutionCallback, AfterEachCallback, AfterAllCallback {
  private static final Logger log = LoggerFactory.getLogger(BrowserExtension.class);
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final Duration POLL = Duration.ofMillis(50);

  private final Path chromium;
  private final Path driver;
  private final Path screenshots;
  private final List<WebDriver> windows = new ArrayList<>();
  private final List<Path> profiles = new ArrayList<>();

  /**
   * Debian's {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver}, or the paths in the
   * {@code CHROME_BIN} and {@code CHROMEDRIVER} environment variables; screenshots in {@code
   * target/screenshots}.
   */
  public BrowserExtension() {
    this(fromEnvironment("CHROME_BIN", "/usr/bin/chromium"),
        fromEnvironment("CHROMEDRIVER", "/usr/bin/chromedriver"),
        Path.of("target", "screenshots"));
  }

  /** A given Chromium and chromedriver, saving failure screenshots in {@code screenshots}. */
  public BrowserExtension(Path chromium, Path driver, Path screenshots) {
    this.chromium = Objects.requireNonNull(chromium, "chromium");
    this.driver = Objects.requireNonNull(driver, "driver");
    this.screenshots = Objects.requireNonNull(screenshots, "screenshots");
  }

  private static Path fromEnvironment(String variable, String fallback) {
    return Path.of(System.getenv().getOrDefault(variable, fallback));
  }

  /** Whether Chromium and chromedriver are both installed where this extension looks. */
  public boolean available() {
    return Files.isExecutable(chromium) && Files.isExecutable(driver);
  }

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    return available()
        ? ConditionEvaluationResult.enabled("headless Chromium at " + chromium)
        : ConditionEvaluationResult.disabled("headless Chromium not installed: no " + chromium
            + " or " + driver + " (apt-get install chromium chromium-driver)");
  }

  /** Opens a new, independent browser window with a fresh profile; quit after the test. */
  public WebDriver open() throws IOException {
    SeleniumWarnings.quiet(); // before the driver starts: that is when Selenium logs them
    Path profile = Files.createTempDirectory("realtime-chromium-");
    synchronized (this) {
      profiles.add(profile);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.toFile());
    options.addArguments(flags(profile));
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(driver.toFile())
        .usingAnyFreePort()
        .build();
    ChromeDriver window = new ChromeDriver(service, options);
    window.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
    synchronized (this) {
      windows.add(window);
    }
    return window;
  }

  /**
   * The flags of the project's design guide (headless, no sandbox, no GPU, nothing fetched in the
   * background, no first-run UI) plus what containers and pages need: /dev/shm is small in
   * containers, QUIC is never used on loopback, and the pages lay out for a desktop window.
   */
  private static List<String> flags(Path profile) {
    return List.of(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--window-size=1280,900",
        "--user-data-dir=" + profile);
  }

  /**
   * Waits up to 15 s, polling every 50 ms, until {@code condition} returns true or a non-null
   * value, and returns it. Pages re-render lists as messages arrive, so an element read in one
   * poll may be replaced before the next: such a stale read just means "poll again".
   */
  public static <T> T await(WebDriver window, Function<WebDriver, T> condition) {
    return await(window, WAIT, condition);
  }

  /** Like {@link #await(WebDriver, Function)} with a timeout of its own. */
  public static <T> T await(WebDriver window, Duration timeout, Function<WebDriver, T> condition) {
    return new WebDriverWait(window, timeout, POLL)
        .ignoring(StaleElementReferenceException.class)
        .until(condition::apply);
  }

  @Override
  public void afterTestExecution(ExtensionContext context) {
    if (context.getExecutionException().isEmpty()) {
      return;
    }
    List<WebDriver> open;
    synchronized (this) {
      open = List.copyOf(windows);
    }
    String test = context.getRequiredTestClass().getSimpleName() + "."
        + context.getRequiredTestMethod().getName();
    for (int i = 0; i < open.size(); i++) {
      Screenshots.save(open.get(i), screenshots, test + "-" + (i + 1))
          .ifPresent(file -> context.publishReportEntry("screenshot", file.toAbsolutePath().toString()));
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    quitAll();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    quitAll();
  }

  private void quitAll() {
    List<WebDriver> open;
    List<Path> used;
    synchronized (this) {
      open = List.copyOf(windows);
      used = List.copyOf(profiles);
      windows.clear();
      profiles.clear();
    }
    for (WebDriver window : open) {
      try {
        window.quit();
      } catch (WebDriverException e) {
        // The browser is already gone (it crashed, or the test quit it): nothing left to stop.
        log.debug("browser already gone", e);
      }
    }
    for (Path profile : used) {
      delete(profile);
    }
  }

  private static void delete(Path profile) {
    try (Stream<Path> files = Files.walk(profile)) {
      files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // A temporary directory left behind is harmless; the test's outcome does not depend on it.
      log.debug("could not delete browser profile {}", profile, e);
    }
  }
}
