package dev.realtime.examples.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.examples.ExampleServer;
import dev.realtime.examples.LaunchOptions;
import dev.realtime.examples.chat.ChatExample;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/** Two real browsers in one chat room. */
class ChatBrowserTest {
  private ExampleServer server;
  private Browser browser;

  @BeforeEach
  void start() throws Exception {
    Browser.assumeAvailable();
    server = ExampleServer.start(LaunchOptions.ephemeral("chat"), new ChatExample());
    browser = new Browser();
  }

  @AfterEach
  void stop() throws Exception {
    if (browser != null) {
      browser.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private WebDriver join(String name, String room) throws Exception {
    WebDriver page = browser.open();
    page.get(server.pageUrl());
    page.findElement(By.id("username")).sendKeys(name);
    WebElement roomInput = page.findElement(By.id("room"));
    roomInput.clear();
    roomInput.sendKeys(room);
    page.findElement(By.id("join")).click();
    Browser.await(page, d -> d.findElement(By.id("status")).getText().equals("connected"));
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

    Browser.await(alice, d -> users(d).containsAll(List.of("alice", "bob")));
    Browser.await(bob, d -> users(d).containsAll(List.of("alice", "bob")));

    say(alice, "hello from alice");
    say(bob, "hi alice, bob here");
    Browser.await(bob, d -> contents(d).contains("hello from alice"));
    Browser.await(alice, d -> contents(d).contains("hi alice, bob here"));

    // own messages are styled as own, the other's as other
    assertThat(alice.findElements(By.cssSelector("#messages .message.own .content")).stream()
        .map(WebElement::getText)).contains("hello from alice");
    assertThat(alice.findElements(By.cssSelector("#messages .message.other .content")).stream()
        .map(WebElement::getText)).contains("hi alice, bob here");

    bob.findElement(By.id("leave")).click();
    Browser.await(alice, d -> users(d).equals(List.of("alice")));
  }

  @Test
  void htmlInAMessageIsShownAsTextNeverRun() throws Exception {
    WebDriver alice = join("alice", "xss");
    WebDriver bob = join("<b>bob</b>", "xss");
    String attack = "<img src=x onerror=alert(1)>";
    say(alice, attack);
    Browser.await(bob, d -> contents(d).contains(attack));
    // no element was created from the text, and no alert fired
    assertThat(bob.findElements(By.cssSelector("#messages img"))).isEmpty();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> bob.switchTo().alert())
        .isInstanceOf(org.openqa.selenium.NoAlertPresentException.class);
    // a user name with markup is listed literally too
    Browser.await(alice, d -> users(d).contains("<b>bob</b>"));
    assertThat(alice.findElements(By.cssSelector("#users b"))).isEmpty();
  }
}
