package dev.realtime.examples.browser;

import static dev.realtime.testing.browser.BrowserExtension.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.examples.ExampleServer;
import dev.realtime.examples.ExampleServers;
import dev.realtime.examples.LaunchOptions;
import dev.realtime.examples.chat.ChatExample;
import dev.realtime.testing.browser.BrowserExtension;
import dev.realtime.testing.junit.ServerExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/** The chat page with 3-second development tokens: refreshed in-session, and renewed once after 4002. */
class ChatTokenLifetimeBrowserTest {
  // The page refreshes a token 1 s after it got it, and exp is whole seconds: a 3 s token left the
  // refresh (a fetch, then a frame) as little as 1 s before expiry; 5 s leaves at least 3.
  private static final Duration LIFETIME = Duration.ofSeconds(5);

  @RegisterExtension
  static final BrowserExtension browsers = new BrowserExtension();

  @RegisterExtension
  final ServerExtension<ExampleServer> server =
      ExampleServers.extension(LaunchOptions.ephemeral("chat", "auth"), new ChatExample(LIFETIME));

  private WebDriver open() throws Exception {
    WebDriver page = browsers.open();
    page.get(server.httpUrl());
    await(page, d -> d.findElement(By.id("token")).isDisplayed());
    return page;
  }

  private static void join(WebDriver page, String name) {
    page.findElement(By.id("username")).sendKeys(name);
    page.findElement(By.id("join")).click();
    await(page, d -> d.findElement(By.id("status")).getText().equals("connected"));
  }

  private static void say(WebDriver page, String text) {
    WebElement input = page.findElement(By.id("message-input"));
    input.sendKeys(text);
    input.sendKeys(org.openqa.selenium.Keys.ENTER);
  }

  private static List<String> own(WebDriver page) {
    return page.findElements(By.cssSelector("#messages .message.own .content")).stream().map(WebElement::getText).toList();
  }

  @Test
  void theSessionOutlivesItsTokensByRefreshingInBand() throws Exception {
    WebDriver page = open();
    join(page, "gina");
    // three token lifetimes on one connection: every token was replaced by refresh_token in time
    Thread.sleep(3 * LIFETIME.toMillis());
    say(page, "still the first connection");
    await(page, d -> own(d).contains("still the first connection"));
    assertThat(page.findElement(By.id("status")).getText()).isEqualTo("connected");
    assertThat(server.get().metrics().snapshot().totalConnections()).isEqualTo(1);
  }

  @Test
  void afterAnExpiryThePageFetchesOneFreshTokenAndReconnects() throws Exception {
    WebDriver page = open();
    // Let the first /token call through, fail the second (the in-session refresh), let the third
    // (the renewal after 4002) through: the session must expire and come back exactly once.
    ((JavascriptExecutor) page).executeScript(
        "const real = window.fetch; let calls = 0;"
            + "window.fetch = function (url, options) {"
            + "  if (String(url).indexOf('/token') === 0 && ++calls === 2) {"
            + "    return Promise.reject(new Error('refresh blocked by the test'));"
            + "  }"
            + "  return real.call(window, url, options);"
            + "};");
    join(page, "hana");

    await(page, d -> server.get().metrics().snapshot().totalConnections() == 2);
    await(page, d -> d.findElement(By.id("status")).getText().equals("connected"));
    say(page, "back after expiry");
    await(page, d -> own(d).contains("back after expiry"));
    assertThat(page.findElements(By.cssSelector("#messages .message.error .content")).stream().map(WebElement::getText))
        .noneMatch(text -> text.startsWith("disconnected"));
  }
}
