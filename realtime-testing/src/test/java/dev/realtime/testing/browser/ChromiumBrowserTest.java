package dev.realtime.testing.browser;

import static dev.realtime.testing.browser.BrowserExtension.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.sun.net.httpserver.HttpServer;
import dev.realtime.testing.junit.ServerExtension;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/** The browser extension with a real headless Chromium, against a page the server extension serves. */
class ChromiumBrowserTest {
  private static final String PAGE = "<!DOCTYPE html><title>kit</title><p id=\"greeting\">hello</p>";

  @RegisterExtension
  static final BrowserExtension browsers = new BrowserExtension();

  @RegisterExtension
  static final ServerExtension<HttpServer> server =
      ServerExtension.of(ChromiumBrowserTest::serve, s -> s.getAddress().getPort(), s -> s.stop(0));

  static HttpServer serve() throws IOException {
    HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    http.createContext("/", exchange -> {
      byte[] body = PAGE.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    http.start();
    return http;
  }

  private static Object js(WebDriver page, String script) {
    return ((JavascriptExecutor) page).executeScript(script);
  }

  @Test
  void opensThePageAndWaitsForIt() throws Exception {
    WebDriver page = browsers.open();
    page.get(server.httpUrl());
    String greeting = await(page, d -> d.findElement(By.id("greeting")).getText());
    assertThat(greeting).isEqualTo("hello");
    assertThat(page.getTitle()).isEqualTo("kit");
  }

  @Test
  void everyWindowHasAFreshProfile() throws Exception {
    WebDriver first = browsers.open();
    first.get(server.httpUrl());
    js(first, "localStorage.setItem('seen', 'yes')");
    assertThat(js(first, "return localStorage.getItem('seen')")).isEqualTo("yes");

    WebDriver second = browsers.open();
    second.get(server.httpUrl());
    assertThat(js(second, "return localStorage.getItem('seen')")).isNull();
  }

  @Test
  void startingABrowserLogsNoCdpWarning() throws Exception {
    List<String> seen;
    try (SeleniumLog log = new SeleniumLog()) {
      browsers.open().get(server.httpUrl());
      seen = log.messages();
    }
    assertThat(seen).noneMatch(message -> message.contains("CDP"));
  }

  static final Path SHOTS = Path.of("target", "screenshots-fixture");

  static class FailsWithAWindowOpen {
    @RegisterExtension
    static final BrowserExtension failing = new BrowserExtension(
        Path.of(System.getenv().getOrDefault("CHROME_BIN", "/usr/bin/chromium")),
        Path.of(System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver")),
        SHOTS);

    @Test
    void seesTheWrongText() throws Exception {
      WebDriver page = failing.open();
      page.get(server.httpUrl());
      assertThat(page.findElement(By.id("greeting")).getText()).isEqualTo("goodbye");
    }
  }

  @Test
  void aFailedTestLeavesAScreenshotOfEveryWindow() throws Exception {
    deleteTree(SHOTS);
    EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(FailsWithAWindowOpen.class)).execute();
    assertThat(results.testEvents().failed().count()).isEqualTo(1);
    Path shot = SHOTS.resolve("FailsWithAWindowOpen.seesTheWrongText-1.png");
    assertThat(shot).exists();
    byte[] png = Files.readAllBytes(shot);
    assertThat(png).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
    assertThat(results.allEvents().reportingEntryPublished().stream().map(Object::toString))
        .anyMatch(entry -> entry.contains("screenshot") && entry.contains("seesTheWrongText-1.png"));
  }

  private static void deleteTree(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
    }
  }
}
