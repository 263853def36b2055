package dev.realtime.examples.browser;

import static dev.realtime.testing.browser.BrowserExtension.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.realtime.examples.ExampleHttp;
import dev.realtime.examples.ExampleServer;
import dev.realtime.examples.ExampleServers;
import dev.realtime.examples.LaunchOptions;
import dev.realtime.examples.chat.ChatExample;
import dev.realtime.protocol.Json;
import dev.realtime.testing.browser.BrowserExtension;
import dev.realtime.testing.junit.ServerExtension;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    // own messages are styled as own, the other's as other (a page shows its own line when the
    // server's broadcast comes back, which can be after the other's line)
    await(alice, d -> ownLines(d).contains("hello from alice"));
    assertThat(otherLines(alice)).contains("hi alice, bob here");

    bob.findElement(By.id("leave")).click();
    await(alice, d -> users(d).equals(List.of("alice")));
  }

  private static List<String> ownLines(WebDriver page) {
    return page.findElements(By.cssSelector("#messages .message.own .content")).stream().map(WebElement::getText).toList();
  }

  private static List<String> otherLines(WebDriver page) {
    return page.findElements(By.cssSelector("#messages .message.other .content")).stream().map(WebElement::getText).toList();
  }

  @Test
  void twoPeopleWhoPickTheSameNameAreEachThemselvesAndOneUserWithTwoConnections() throws Exception {
    WebDriver first = join("ann", "same");
    WebDriver second = join("ann", "same");
    await(first, d -> users(d).equals(List.of("ann (2)")));
    await(second, d -> users(d).equals(List.of("ann (2)")));

    say(first, "I am the first ann");
    say(second, "I am the second ann");
    await(first, d -> contents(d).contains("I am the second ann"));
    await(second, d -> contents(d).contains("I am the first ann"));
    // each page knows its own messages by its connection, not by the name (its own line comes with
    // the server's broadcast, which can arrive after the other's line)
    await(first, d -> ownLines(d).equals(List.of("I am the first ann")));
    await(second, d -> ownLines(d).equals(List.of("I am the second ann")));
    assertThat(ownLines(first)).containsExactly("I am the first ann");
    assertThat(otherLines(first)).containsExactly("I am the second ann");
    assertThat(ownLines(second)).containsExactly("I am the second ann");
    assertThat(otherLines(second)).containsExactly("I am the first ann");

    second.findElement(By.id("leave")).click();
    await(first, d -> users(d).equals(List.of("ann")));
  }

  @Test
  void theMonitoringConnectionTestIsNoUserOfTheChat() throws Exception {
    WebDriver alice = join("alice", "general");
    await(alice, d -> users(d).equals(List.of("alice")));
    int linesBefore = alice.findElements(By.cssSelector("#messages .message")).size();

    WebDriver monitoring = browsers.open();
    monitoring.get(server.httpUrl() + "monitoring");
    await(monitoring, d -> d.findElement(By.id("test-many")).isEnabled());
    monitoring.findElement(By.id("test-many")).click();
    await(monitoring, d -> d.findElements(By.cssSelector("#test-results li")).stream()
        .map(WebElement::getText).anyMatch(t -> t.contains("10 succeeded, 0 failed")));
    // the probes close a second after their pong; then the server has seen them come and go
    await(monitoring, d -> server.get().metrics().snapshot().activeConnections() == 1);

    JsonObject stats = Json.parseObject(ExampleHttp.get(server, "/stats").body());
    assertThat(stats.get("total_clients").getAsInt()).isEqualTo(1);
    assertThat(users(alice)).containsExactly("alice");
    say(alice, "anyone there?");
    await(alice, d -> contents(d).contains("anyone there?"));
    // nothing came between: no join or leave line for a probe
    assertThat(alice.findElements(By.cssSelector("#messages .message")).size()).isEqualTo(linesBefore + 1);
  }

  @Test
  void aCrowdArrivingAtOnceIsAFewLinesNamingEveryoneAsText() throws Exception {
    WebDriver alice = join("alice", "crowd");
    await(alice, d -> users(d).equals(List.of("alice")));
    HttpClient http = HttpClient.newHttpClient();
    List<CompletableFuture<WebSocket>> opening = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      String name = i == 0 ? "<i>guest0</i>" : "guest" + i;
      if (i == 1) {
        opening.get(0).get(10, TimeUnit.SECONDS); // the first of the crowd, so it is named, not counted
      }
      opening.add(http.newWebSocketBuilder().buildAsync(
          server.wsUri("/ws?room=crowd&username=" + URLEncoder.encode(name, StandardCharsets.UTF_8)),
          new WebSocket.Listener() {}));
    }
    List<WebSocket> crowd = new ArrayList<>();
    try {
      for (CompletableFuture<WebSocket> socket : opening) {
        crowd.add(socket.get(10, TimeUnit.SECONDS));
      }
      await(alice, d -> users(d).size() == 21);
      // alice's own arrival opened the room's second and the crowd came within it: the crowd's
      // notices are coalesced lines, every arrival named or counted, markup shown as text
      await(alice, d -> contents(d).stream().filter(line -> line.endsWith(" joined crowd"))
          .mapToInt(ChatBrowserTest::arrivals).sum() == 21);
      List<String> joinLines = contents(alice).stream().filter(line -> line.endsWith(" joined crowd")).toList();
      assertThat(joinLines.size()).isBetween(2, 6);
      assertThat(String.join("\n", joinLines)).contains("<i>guest0</i>");
      assertThat(alice.findElements(By.cssSelector("#messages i"))).isEmpty();
    } finally {
      crowd.forEach(socket -> socket.sendClose(1000, "").join());
    }
    await(alice, d -> users(d).equals(List.of("alice")));
  }

  /** How many users a join line names or counts: "a", "a and b", "a, b, c and 7 others". */
  private static int arrivals(String line) {
    String who = line.substring(0, line.length() - " joined crowd".length());
    Matcher others = Pattern.compile(" and (\\d+) others$").matcher(who);
    return others.find() ? 3 + Integer.parseInt(others.group(1)) : who.split(", | and ").length;
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
