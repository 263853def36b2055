package dev.realtime.examples.browser;

import static dev.realtime.testing.browser.BrowserExtension.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.examples.ExampleServer;
import dev.realtime.examples.ExampleServers;
import dev.realtime.examples.LaunchOptions;
import dev.realtime.examples.chat.ChatExample;
import dev.realtime.testing.browser.BrowserExtension;
import dev.realtime.testing.junit.ServerExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/** The chat page against {@code chat --auth}: development tokens, and a refused token. */
class ChatAuthBrowserTest {
  @RegisterExtension
  static final BrowserExtension browsers = new BrowserExtension();

  @RegisterExtension
  final ServerExtension<ExampleServer> server =
      ExampleServers.extension(LaunchOptions.ephemeral("chat", "auth"), new ChatExample());

  private WebDriver fillIn(String name, String room, String token) throws Exception {
    WebDriver page = browsers.open();
    page.get(server.httpUrl());
    // the page learns the mode from /chat-config.json and shows the token field
    await(page, d -> d.findElement(By.id("token")).isDisplayed());
    page.findElement(By.id("username")).sendKeys(name);
    WebElement roomInput = page.findElement(By.id("room"));
    roomInput.clear();
    roomInput.sendKeys(room);
    if (token != null) {
      page.findElement(By.id("token")).sendKeys(token);
    }
    page.findElement(By.id("join")).click();
    return page;
  }

  private static List<String> texts(WebDriver page, String css) {
    return page.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList();
  }

  @Test
  void pagesGetDevelopmentTokensJoinAndChat() throws Exception {
    WebDriver alice = fillIn("alice", "lobby", null);
    WebDriver bob = fillIn("bob", "lobby", null);
    await(alice, d -> d.findElement(By.id("status")).getText().equals("connected"));
    await(bob, d -> d.findElement(By.id("status")).getText().equals("connected"));
    await(alice, d -> texts(d, "#users li").containsAll(List.of("alice", "bob")));

    WebElement input = alice.findElement(By.id("message-input"));
    input.sendKeys("signed and sent");
    input.sendKeys(org.openqa.selenium.Keys.ENTER);
    await(bob, d -> texts(d, "#messages .message.other .content").contains("signed and sent"));
    await(alice, d -> texts(d, "#messages .message.own .content").contains("signed and sent"));
    assertThat(texts(bob, "#messages .message.other .meta")).anySatisfy(meta -> assertThat(meta).startsWith("alice"));
    assertThat(server.get().metrics().snapshot().handshakesRejected()).isZero();
  }

  @Test
  void aBadTokenShowsTheServersReasonAndIsNotRetried() throws Exception {
    WebDriver mallory = fillIn("mallory", "lobby", "bad.token.value");

    String reason = "the token is not a well-formed signed JWT";
    await(mallory, d -> texts(d, "#messages .message.error .content").stream().anyMatch(t -> t.contains(reason)));
    await(mallory, d -> d.findElement(By.id("status")).getText().equals("disconnected"));
    assertThat(texts(mallory, "#messages .message.error .content")).contains("disconnected: " + reason);
    assertThat(server.get().metrics().snapshot().handshakesRejected()).isEqualTo(1);

    // The shared client's first retry would come within 0.5 s and the next within 1 s: wait well
    // past both and prove no second handshake reached the server.
    Thread.sleep(3000);
    assertThat(server.get().metrics().snapshot().handshakesRejected()).isEqualTo(1);
    assertThat(server.get().metrics().snapshot().totalConnections()).isZero();
    assertThat(mallory.findElement(By.id("status")).getText()).isEqualTo("disconnected");
  }
}
