package dev.realtime.testing.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.skippedWithReason;

import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** What the browser extension does without a browser: skip where none is installed, quiet Selenium. */
class BrowserExtensionTest {

  static class NoChromiumHere {
    @RegisterExtension
    static final BrowserExtension browsers = new BrowserExtension(
        Path.of("/nonexistent/chromium"), Path.of("/nonexistent/chromedriver"), Path.of("target"));

    @Test
    void wouldOpenABrowser() throws Exception {
      browsers.open();
    }
  }

  @Test
  void withoutChromiumTheClassIsSkippedNotFailed() {
    EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(NoChromiumHere.class)).execute();
    assertThat(results.allEvents().failed().count()).isZero();
    assertThat(results.testEvents().started().count()).isZero();
    results.containerEvents().assertThatEvents().haveExactly(1,
        event(container(NoChromiumHere.class), skippedWithReason(reason -> reason.contains("headless Chromium not installed"))));
  }

  @Test
  void dropsOnlySeleniumsKnownHarmlessCdpWarnings() {
    SeleniumWarnings.quiet();
    Logger finder = Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");
    Logger driver = Logger.getLogger("org.openqa.selenium.chromium.ChromiumDriver");
    List<String> seen;
    try (SeleniumLog log = new SeleniumLog()) {
      finder.log(Level.WARNING, "Unable to find CDP implementation matching {0}", 156);
      driver.log(Level.WARNING, "Unable to find version of CDP to use for 156.0.8078.114. You may need …");
      finder.log(Level.WARNING, "Unable to find an exact match for CDP version {0}", 156);
      driver.log(Level.WARNING, "something else went wrong");
      seen = log.messages();
    }
    assertThat(seen)
        .containsExactly("Unable to find an exact match for CDP version {0}", "something else went wrong");
  }
}
