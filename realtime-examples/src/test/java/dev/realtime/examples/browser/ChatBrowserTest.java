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

/** Two real browsers in one chat room. */
class ChatBrowserTest {
  @RegisterExtension
  static final BrowserExtension browsers = new BrowserExtension();

  @RegisterExtension
  final ServerExtension<ExampleServer> server =
      ExampleServers.extension(LaunchOptions.ephemeral("chat"), new ChatExample());

  private WebDriver join(String name, String room) throws Exception {
    WebDriver page = browsers.open();
    page.get(server.httpUrl());
    page.findElement(By.id("username")).sendKeys(name);
    WebElement roomInput = page.findElement(By.id("room"));
    roomInput.clear();
    roomInput.sendKeys(room);
    page.findElement(By.id("join")).click();
    await(page, d -> d.findElement(By.id("status")).getText().equals("connected"));
    return page;
  }

  private static void say(WebDriver page, String text) {
    WebElement input = page.findElement(By.id("message-input"));
    input.sendKeys(text);
    input.sendKeys(org.openqa.selenium.Keys.ENTER);
  }

  private static List<String> contents(WebDriver page) {
    return page.findElements(By.cssSelector("#messages .message .content")).stream()
        .map(WebElement::getText)
        .toList();
  }

  private static List<String> users(WebDriver page) {
    return page.findElements(By.cssSelector("#users li")).stream().map(WebElement::getText).toList();
  }

  @Test
  void twoPagesSeeEachOthersMessagesAndEachOtherInTheUserList() throws Exception {
    WebDriver alice = join("alice", "lobby");
    WebDriver bob = join("bob", "lobby");

    await(alice, d -> users(d).containsAll(List.of("alice", "bob")));
    await(bob, d -> users(d).containsAll(List.of("alice", "bob")));

    say(alice, "hello from alice");
    say(bob, "hi alice, bob here");
    await(bob, d -> contents(d).contains("hello from alice"));
    await(alice, d -> contents(d).contains("hi alice, bob here"));

    // own messages are styled as own, the other's as other
    assertThat(alice.findElements(By.cssSelector("#messages .message.own .content")).stream()
        .map(WebElement::getText)).contains("hello from alice");
    assertThat(alice.findElements(By.cssSelector("#messages .message.other .content")).stream()
        .map(WebElement::getText)).contains("hi alice, bob here");

    bob.findElement(By.id("leave")).click();
    await(alice, d -> users(d).equals(List.of("alice")));
  }

  @Test
  void htmlInAMessageIsShownAsTextNeverRun() throws Exception {
    WebDriver alice = join("alice", "xss");
    WebDriver bob = join("<b>bob</b>", "xss");
    String attack = "<img src=x onerror=alert(1)>";
    say(alice, attack);
    await(bob, d -> contents(d).contains(attack));
    // no element was created from the text, and no alert fired
    assertThat(bob.findElements(By.cssSelector("#messages img"))).isEmpty();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> bob.switchTo().alert())
        .isInstanceOf(org.openqa.selenium.NoAlertPresentException.class);
    // a user name with markup is listed literally too
    await(alice, d -> users(d).contains("<b>bob</b>"));
    assertThat(alice.findElements(By.cssSelector("#users b"))).isEmpty();
  }
}
