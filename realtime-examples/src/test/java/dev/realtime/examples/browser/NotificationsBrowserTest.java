package dev.realtime.examples.browser;

import static dev.realtime.testing.browser.BrowserExtension.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.examples.ExampleServer;
import dev.realtime.examples.ExampleServers;
import dev.realtime.examples.LaunchOptions;
import dev.realtime.examples.notifications.NotificationsExample;
import dev.realtime.testing.browser.BrowserExtension;
import dev.realtime.testing.junit.ServerExtension;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** Several real browsers on the notifications page: live delivery, filters, per-user read state. */
class NotificationsBrowserTest {
  @RegisterExtension
  static final BrowserExtension browsers = new BrowserExtension();

  @RegisterExtension
  final ServerExtension<ExampleServer> server =
      ExampleServers.extension(LaunchOptions.ephemeral("notifications"), new NotificationsExample());

  private WebDriver signIn(String name) throws Exception {
    WebDriver page = browsers.open();
    page.get(server.httpUrl());
    page.findElement(By.id("username")).sendKeys(name);
    page.findElement(By.id("connect")).click();
    await(page, d -> d.findElement(By.id("status")).getText().equals("connected"));
    awaitSynchronised(page);
    return page;
  }

  private static void awaitSynchronised(WebDriver page) {
    await(page, d -> d.findElement(By.id("filter-state")).getText().equals("filters applied"));
  }

  private static void onlyTypes(WebDriver page, String... types) {
    for (WebElement box : page.findElements(By.cssSelector(".filter-type"))) {
      if (box.isSelected() != List.of(types).contains(box.getAttribute("value"))) {
        box.click();
      }
    }
    page.findElement(By.id("apply-filters")).click();
    awaitSynchronised(page);
  }

  private static void create(WebDriver page, String type, String title, String message) {
    new Select(page.findElement(By.id("notif-type"))).selectByValue(type);
    page.findElement(By.id("notif-title")).sendKeys(title);
    page.findElement(By.id("notif-message")).sendKeys(message);
    page.findElement(By.id("create")).click();
    await(page, d -> d.findElement(By.id("create-result")).getText().startsWith("created "));
    // the form clears itself once the server accepted the notification
    await(page, d -> d.findElement(By.id("notif-title")).getAttribute("value").isEmpty());
  }

  private static Optional<WebElement> card(WebDriver page, String title) {
    return page.findElements(By.cssSelector("#notifications .notification")).stream()
        .filter(card -> card.findElement(By.cssSelector(".title")).getText().equals(title))
        .findFirst();
  }

  private static boolean unread(WebDriver page, String title) {
    return card(page, title).map(c -> c.getAttribute("class").contains("unread")).orElse(false);
  }

  private static boolean read(WebDriver page, String title) {
    return card(page, title).map(c -> c.getAttribute("class").contains(" read")).orElse(false);
  }

  @Test
  void aNotificationFromTheFormReachesMatchingPagesOnlyAndReadStateIsPerUser() throws Exception {
    WebDriver alice = signIn("alice");
    WebDriver aliceSecondTab = signIn("alice");
    WebDriver bob = signIn("bob");
    WebDriver carol = signIn("carol");
    onlyTypes(carol, "error");

    String title = "Deploy <b>done</b>";
    create(alice, "info", title, "<img src=x onerror=alert(1)> shipped");
    await(bob, d -> unread(d, title));
    await(alice, d -> unread(d, title));
    await(aliceSecondTab, d -> unread(d, title));

    // carol's filter excludes info: an error notification published after it reaches her, and
    // per-connection order means the info one would already be there had it been delivered.
    create(alice, "error", "Disk failed", "on db1");
    await(carol, d -> card(d, "Disk failed").isPresent());
    assertThat(card(carol, title)).isEmpty();

    // markup is shown as text, never turned into elements
    WebElement shown = card(bob, title).orElseThrow();
    assertThat(shown.findElement(By.cssSelector(".message")).getText())
        .isEqualTo("<img src=x onerror=alert(1)> shipped");
    assertThat(bob.findElements(By.cssSelector("#notifications b, #notifications img"))).isEmpty();

    // alice reads it: both her tabs follow, bob's copy stays unread
    card(alice, title).orElseThrow().findElement(By.cssSelector(".mark-read")).click();
    await(alice, d -> read(d, title));
    await(aliceSecondTab, d -> read(d, title));
    bob.findElement(By.id("reload")).click();
    awaitSynchronised(bob);
    assertThat(unread(bob, title)).isTrue();
    assertThat(bob.findElement(By.id("count-unread")).getText()).isEqualTo("2");
    await(alice, d -> d.findElement(By.id("count-unread")).getText().equals("1"));

    // mark all read on bob's page: his counter drops to 0, alice's other notification is untouched
    bob.findElement(By.id("mark-all")).click();
    await(bob, d -> d.findElement(By.id("count-unread")).getText().equals("0"));
    alice.findElement(By.id("reload")).click();
    awaitSynchronised(alice);
    assertThat(unread(alice, "Disk failed")).isTrue();
  }

  @Test
  void theFormShowsTheServersValidationMessage() throws Exception {
    WebDriver page = signIn("dave");
    page.findElement(By.id("notif-title")).sendKeys("t");
    page.findElement(By.id("notif-message")).sendKeys("m");
    page.findElement(By.id("notif-action")).sendKeys("javascript:alert(1)");
    page.findElement(By.id("create")).click();
    await(page, d -> d.findElement(By.id("create-result")).getText().startsWith("not created: action_url:"));
  }

  @Test
  void theRandomButtonPublishesANotificationTheCreatorSees() throws Exception {
    WebDriver page = signIn("erin");
    page.findElement(By.id("random")).click();
    await(page, d -> d.findElements(By.cssSelector("#notifications .notification")).size() == 1);
    assertThat(page.findElement(By.id("count-total")).getText()).isEqualTo("1");
  }

  @Test
  void withOnlyUnreadAReadNotificationLeavesTheList() throws Exception {
    WebDriver page = signIn("frank");
    page.findElement(By.id("filter-unread")).click();
    page.findElement(By.id("apply-filters")).click();
    awaitSynchronised(page);
    create(page, "warning", "Read me", "then I go");
    await(page, d -> unread(d, "Read me"));
    card(page, "Read me").orElseThrow().findElement(By.cssSelector(".mark-read")).click();
    await(page, d -> card(d, "Read me").isEmpty());
    assertThat(page.findElement(By.id("count-total")).getText()).isEqualTo("0");
  }
}
