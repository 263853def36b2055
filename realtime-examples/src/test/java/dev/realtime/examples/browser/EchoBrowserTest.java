package dev.realtime.examples.browser;

import static dev.realtime.testing.browser.BrowserExtension.await;

import dev.realtime.examples.ExampleServer;
import dev.realtime.examples.ExampleServers;
import dev.realtime.examples.LaunchOptions;
import dev.realtime.examples.echo.EchoExample;
import dev.realtime.testing.browser.BrowserExtension;
import dev.realtime.testing.junit.ServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/** The echo page in a real browser. */
class EchoBrowserTest {
  @RegisterExtension
  static final BrowserExtension browsers = new BrowserExtension();

  @RegisterExtension
  static final ServerExtension<ExampleServer> server =
      ExampleServers.extension(LaunchOptions.ephemeral("echo"), new EchoExample());

  @Test
  void thePageEchoesWhatItSends() throws Exception {
    WebDriver page = browsers.open();
    page.get(server.httpUrl());
    page.findElement(By.id("connect")).click();
    await(page, d -> d.findElement(By.id("status")).getText().equals("connected"));
    WebElement input = page.findElement(By.id("message-input"));
    input.sendKeys("ping <i>pong</i> ✓");
    page.findElement(By.id("send")).click();
    await(page, d -> d.findElements(By.cssSelector("#messages .message.received .text")).stream()
        .anyMatch(e -> e.getText().equals("ping <i>pong</i> ✓")));
  }
}
