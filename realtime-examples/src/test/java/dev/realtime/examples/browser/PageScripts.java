package dev.realtime.examples.browser;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/** Small scripts run inside a page, for assertions about what the page itself decides. */
final class PageScripts {
  private PageScripts() {}

  /** Runs {@code script} in the page and returns its result. */
  static Object run(WebDriver page, String script, Object... args) {
    return ((JavascriptExecutor) page).executeScript(script, args);
  }

  /** The WebSocket URL the shared client would open for {@code path}, after reading /config.json. */
  static String webSocketUrl(WebDriver page, String path) {
    return (String) ((JavascriptExecutor) page).executeAsyncScript(
        "const done = arguments[arguments.length - 1];"
            + "Realtime.config().then(c => done(Realtime.webSocketUrl(c, arguments[0], {})), e => done('failed: ' + e));",
        path);
  }
}
