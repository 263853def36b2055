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

  /**
   * Runs {@code body} in the page with the shared client module imported as {@code Realtime} (its
   * exports) and the arguments as {@code args}; returns what the body returns (a promise is waited for).
   */
  static Object withClient(WebDriver page, String body, Object... args) {
    return ((JavascriptExecutor) page).executeAsyncScript(
        "const done = arguments[arguments.length - 1];"
            + "const args = Array.prototype.slice.call(arguments, 0, arguments.length - 1);"
            + "import('/static/realtime-client.js')"
            + ".then(Realtime => (function (Realtime, args) {" + body + "\n})(Realtime, args))"
            + ".then(done, e => done('failed: ' + e));",
        args);
  }

  /** The WebSocket URL the shared client would open for {@code path}, after reading /config.json. */
  static String webSocketUrl(WebDriver page, String path) {
    return (String) withClient(page,
        "return Realtime.loadConfig().then(c => Realtime.webSocketUrl(c, args[0], {}));", path);
  }
}
