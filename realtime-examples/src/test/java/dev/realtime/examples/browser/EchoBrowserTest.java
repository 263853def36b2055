package dev.realtime.examples.browser;

import static dev.realtime.testing.browser.BrowserExtension.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.examples.ExampleServer;
import dev.realtime.examples.ExampleServers;
import dev.realtime.examples.LaunchOptions;
import dev.realtime.examples.echo.EchoExample;
import dev.realtime.testing.browser.BrowserExtension;
import dev.realtime.testing.junit.ServerExtension;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/** The echo page and its monitoring page in a real browser. */
class EchoBrowserTest {
  @RegisterExtension
  static final BrowserExtension browsers = new BrowserExtension();

  @RegisterExtension
  final ServerExtension<ExampleServer> server =
      ExampleServers.extension(LaunchOptions.ephemeral("echo"), new EchoExample());

  @Test
  void thePageEchoesWhatItSends() throws Exception {
    WebDriver page = browsers.open();
    page.get(server.httpUrl());
    // one port: the page connects to its own origin
    assertThat(PageScripts.webSocketUrl(page, "/ws")).isEqualTo("ws://127.0.0.1:" + server.port() + "/ws");
    page.findElement(By.id("connect")).click();
    await(page, d -> d.findElement(By.id("status")).getText().equals("connected"));
    WebElement input = page.findElement(By.id("message-input"));
    input.sendKeys("ping <i>pong</i> ✓");
    page.findElement(By.id("send")).click();
    await(page, d -> d.findElements(By.cssSelector("#messages .message.received .text")).stream()
        .anyMatch(e -> e.getText().equals("ping <i>pong</i> ✓")));
  }

  @Test
  void showsAConnectionAppearAndGoAndTestsTheExamplesOwnEndpoint() throws Exception {
    WebDriver page = browsers.open();
    page.get(server.httpUrl() + "monitoring?refresh=200");
    await(page, d -> d.findElement(By.id("active-connections")).getText().equals("0"));
    assertThat(page.findElement(By.id("ws-path")).getText()).isEqualTo("/ws");
    await(page, d -> (Boolean) ((org.openqa.selenium.JavascriptExecutor) d).executeScript(
        "return Chart.getChart('connections-chart').data.datasets[0].data.length === 24"));

    WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
        .connectTimeout(Duration.ofSeconds(5))
        .buildAsync(server.wsUri("/ws"), new WebSocket.Listener() {})
        .get(10, TimeUnit.SECONDS);
    await(page, d -> d.findElement(By.id("active-connections")).getText().equals("1"));
    assertThat(Integer.parseInt(page.findElement(By.id("total-connections")).getText())).isGreaterThanOrEqualTo(1);
    socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(10, TimeUnit.SECONDS);
    await(page, d -> d.findElement(By.id("active-connections")).getText().equals("0"));

    page.findElement(By.id("test-connection")).click();
    await(page, d -> d.findElements(By.cssSelector("#test-results li.ok")).stream()
        .map(WebElement::getText).anyMatch(t -> t.contains("ping round trip")));
    // the page's own test connection was counted
    await(page, d -> Integer.parseInt(d.findElement(By.id("total-connections")).getText()) >= 2);
    assertThat(page.findElements(By.cssSelector("#test-results li.fail"))).isEmpty();
  }
}
