package dev.realtime.examples.browser;

import dev.realtime.examples.ExampleServer;
import dev.realtime.examples.LaunchOptions;
import dev.realtime.examples.echo.EchoExample;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/** The echo page in a real browser. */
class EchoBrowserTest {

  @Test
  void thePageEchoesWhatItSends() throws Exception {
    Browser.assumeAvailable();
    try (ExampleServer server = ExampleServer.start(LaunchOptions.ephemeral("echo"), new EchoExample());
        Browser browser = new Browser()) {
      WebDriver page = browser.open();
      page.get(server.pageUrl());
      page.findElement(By.id("connect")).click();
      Browser.await(page, d -> d.findElement(By.id("status")).getText().equals("connected"));
      WebElement input = page.findElement(By.id("message-input"));
      input.sendKeys("ping <i>pong</i> ✓");
      page.findElement(By.id("send")).click();
      Browser.await(page, d -> d.findElements(By.cssSelector("#messages .message.received .text")).stream()
          .anyMatch(e -> e.getText().equals("ping <i>pong</i> ✓")));
    }
  }
}
