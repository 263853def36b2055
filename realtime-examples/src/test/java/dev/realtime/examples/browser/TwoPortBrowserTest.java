package dev.realtime.examples.browser;

import static dev.realtime.testing.browser.BrowserExtension.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.examples.Example;
import dev.realtime.examples.ExampleServer;
import dev.realtime.examples.LaunchOptions;
import dev.realtime.examples.chat.ChatExample;
import dev.realtime.examples.dashboard.DashboardExample;
import dev.realtime.examples.dashboard.DashboardSettings;
import dev.realtime.examples.dashboard.SimulatedSource;
import dev.realtime.examples.echo.EchoExample;
import dev.realtime.examples.editor.EditorExample;
import dev.realtime.examples.notifications.NotificationsExample;
import dev.realtime.examples.server.Transport;
import dev.realtime.testing.browser.BrowserExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * Every page on the two-port layout ({@code --transport javaws}): loaded from the JDK's HTTP port,
 * it must find Java-WebSocket on the other port of the same host. The other browser tests run the
 * same pages on the default one-port layout, in more depth.
 */
class TwoPortBrowserTest {
  @RegisterExtension
  static final BrowserExtension browsers = new BrowserExtension();

  private ExampleServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private WebDriver open(String name, Example example, String... flags) throws Exception {
    server = ExampleServer.start(LaunchOptions.ephemeral(Transport.JAVAWS, name, flags), example);
    assertThat(server.wsPort()).isNotEqualTo(server.httpPort());
    WebDriver page = browsers.open();
    page.get(server.pageUrl());
    return page;
  }

  private static List<String> texts(WebDriver page, String css) {
    return page.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList();
  }

  @Test
  void echoConnectsToTheWebSocketPortOfThePagesHost() throws Exception {
    WebDriver page = open("echo", new EchoExample());
    assertThat(PageScripts.webSocketUrl(page, "/ws")).isEqualTo("ws://127.0.0.1:" + server.wsPort() + "/ws");
    page.findElement(By.id("connect")).click();
    await(page, d -> d.findElement(By.id("status")).getText().equals("connected"));
    page.findElement(By.id("message-input")).sendKeys("over two ports");
    page.findElement(By.id("send")).click();
    await(page, d -> texts(d, "#messages .message.received .text").contains("over two ports"));
  }

  @Test
  void chatJoinsAndTalks() throws Exception {
    WebDriver page = open("chat", new ChatExample());
    page.findElement(By.id("username")).sendKeys("ann");
    page.findElement(By.id("join")).click();
    await(page, d -> d.findElement(By.id("status")).getText().equals("connected"));
    await(page, d -> texts(d, "#users li").contains("ann"));
    WebElement input = page.findElement(By.id("message-input"));
    input.sendKeys("hello");
    input.sendKeys(Keys.ENTER);
    await(page, d -> texts(d, "#messages .message.own .content").contains("hello"));
  }

  @Test
  void authenticatedChatGetsATokenAndConnects() throws Exception {
    WebDriver page = open("chat", new ChatExample(), "auth");
    await(page, d -> d.findElement(By.id("token")).isDisplayed());
    page.findElement(By.id("username")).sendKeys("ann");
    page.findElement(By.id("join")).click();
    await(page, d -> d.findElement(By.id("status")).getText().equals("connected"));
    await(page, d -> texts(d, "#users li").contains("ann"));
    assertThat(server.metrics().snapshot().handshakesRejected()).isZero();
  }

  @Test
  void dashboardShowsLiveSamples() throws Exception {
    WebDriver page = open("dashboard", new DashboardExample(DashboardSettings.defaults()
        .withTickInterval(Duration.ofMillis(200)).withSource(new SimulatedSource(42, 0))));
    await(page, d -> d.findElement(By.id("status-text")).getText().startsWith("Connected"));
    await(page, d -> {
      String appended = d.findElement(By.id("trends-chart")).getDomAttribute("data-appended");
      return appended != null && Integer.parseInt(appended) >= 2;
    });
  }

  @Test
  void editorJoinsAndSynchronisesAnEdit() throws Exception {
    WebDriver page = open("editor", new EditorExample());
    page.findElement(By.id("username")).sendKeys("ann");
    page.findElement(By.id("join")).click();
    await(page, d -> d.findElement(By.id("status")).getText().equals("connected")
        && d.findElement(By.id("editor")).isEnabled());
    page.findElement(By.id("editor")).sendKeys("two ports");
    await(page, d -> "synchronized".equals(PageScripts.run(d, "return window.editorPage.state();"))
        && "two ports".equals(PageScripts.run(d, "return window.editorPage.text();")));
  }

  @Test
  void notificationsArriveLive() throws Exception {
    WebDriver page = open("notifications", new NotificationsExample());
    page.findElement(By.id("username")).sendKeys("ann");
    page.findElement(By.id("connect")).click();
    await(page, d -> d.findElement(By.id("status")).getText().equals("connected"));
    await(page, d -> d.findElement(By.id("filter-state")).getText().equals("filters applied"));
    page.findElement(By.id("notif-title")).sendKeys("Two ports");
    page.findElement(By.id("notif-message")).sendKeys("arrived");
    page.findElement(By.id("create")).click();
    await(page, d -> texts(d, "#notifications .notification .title").contains("Two ports"));
  }

  @Test
  void monitoringTestsTheExamplesOwnEndpoint() throws Exception {
    WebDriver page = open("echo", new EchoExample());
    page.get(server.pageUrl() + "monitoring?refresh=200");
    await(page, d -> d.findElement(By.id("ws-path")).getText().equals("/ws"));
    page.findElement(By.id("test-connection")).click();
    await(page, d -> texts(d, "#test-results li.ok").stream().anyMatch(t -> t.contains("ping round trip")));
    assertThat(page.findElements(By.cssSelector("#test-results li.fail"))).isEmpty();
  }
}
