package dev.realtime.examples.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.examples.ExampleServer;
import dev.realtime.examples.LaunchOptions;
import dev.realtime.examples.echo.EchoExample;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/** The monitoring page of the echo example in a real browser. */
class MonitoringBrowserTest {

  @Test
  void showsAConnectionAppearAndGoAndTestsTheExamplesOwnEndpoint() throws Exception {
    Browser.assumeAvailable();
    try (ExampleServer server = ExampleServer.start(LaunchOptions.ephemeral("echo"), new EchoExample());
        Browser browser = new Browser()) {
      WebDriver page = browser.open();
      page.get(server.pageUrl() + "monitoring?refresh=200");
      Browser.await(page, d -> d.findElement(By.id("active-connections")).getText().equals("0"));
      assertThat(page.findElement(By.id("ws-path")).getText()).isEqualTo("/ws");
      Browser.await(page, d -> (Boolean) ((org.openqa.selenium.JavascriptExecutor) d).executeScript(
          "return Chart.getChart('connections-chart').data.datasets[0].data.length === 24"));

      WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .buildAsync(URI.create("ws://127.0.0.1:" + server.wsPort() + "/ws"), new WebSocket.Listener() {})
          .get(10, TimeUnit.SECONDS);
      Browser.await(page, d -> d.findElement(By.id("active-connections")).getText().equals("1"));
      assertThat(Integer.parseInt(page.findElement(By.id("total-connections")).getText())).isGreaterThanOrEqualTo(1);
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(10, TimeUnit.SECONDS);
      Browser.await(page, d -> d.findElement(By.id("active-connections")).getText().equals("0"));

      page.findElement(By.id("test-connection")).click();
      Browser.await(page, d -> d.findElements(By.cssSelector("#test-results li.ok")).stream()
          .map(WebElement::getText).anyMatch(t -> t.contains("ping round trip")));
      // the page's own test connection was counted
      Browser.await(page, d -> Integer.parseInt(d.findElement(By.id("total-connections")).getText()) >= 2);
      assertThat(page.findElements(By.cssSelector("#test-results li.fail"))).isEmpty();
    }
  }
}
