package dev.realtime.examples.browser;

import static dev.realtime.testing.browser.BrowserExtension.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.examples.ExampleServer;
import dev.realtime.examples.analytics.AnalyticsExample;
import dev.realtime.examples.analytics.AnalyticsSettings;
import dev.realtime.examples.feed.ClusterNodes;
import dev.realtime.examples.feed.JsonSocket;
import dev.realtime.examples.feed.TickClaims;
import dev.realtime.testing.browser.BrowserExtension;
import dev.realtime.testing.redis.RedisExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The analytics page in a real browser, on a node of a real Redis: counters, the newest events
 * first, filters, and a missing heartbeat caught by the page while its socket stays open.
 */
class AnalyticsBrowserTest {
  // The page reconnects after two intervals without a heartbeat: at 300 ms one late or skipped
  // tick on a loaded machine was enough to make a page reconnect in the middle of a test.
  private static final Duration HEARTBEAT = Duration.ofSeconds(1);

  @RegisterExtension
  static final BrowserExtension browsers = new BrowserExtension();

  @RegisterExtension
  static final RedisExtension redis = RedisExtension.standalone();

  @RegisterExtension
  final ClusterNodes nodes = new ClusterNodes(redis, "analytics",
      () -> new AnalyticsExample(AnalyticsSettings.defaults().withHeartbeatInterval(HEARTBEAT)));

  private static WebDriver open(ExampleServer node) throws Exception {
    WebDriver page = browsers.open();
    page.get("http://127.0.0.1:" + node.httpPort() + "/");
    await(page, d -> d.findElement(By.id("status")).getText().equals("Connected"));
    return page;
  }

  private static void post(ExampleServer node, String event) throws Exception {
    assertThat(JsonSocket.http(node.httpPort(), "POST", "/api/events", event).statusCode()).isEqualTo(202);
  }

  private static List<WebElement> events(WebDriver page) {
    return page.findElements(By.cssSelector("#events li.event"));
  }

  @Test
  void countersAndEventsNewestFirstWithProducersTextShownAsText() throws Exception {
    ExampleServer node = nodes.start("one");
    WebDriver page = open(node);
    await(page, d -> d.findElement(By.id("current-visitors")).getText().equals("1"));
    await(page, d -> !d.findElement(By.id("last-heartbeat")).getText().equals("none yet"));

    post(node, "{\"type\":\"page_view\",\"visitor_id\":\"visitor-1\",\"data\":{\"page\":\"<img src=x onerror=alert(1)>\"}}");
    post(node, "{\"type\":\"letter_generated\",\"visitor_id\":\"visitor-2\",\"data\":{\"company\":\"<b>Acme</b>\"}}");
    await(page, d -> events(d).size() == 2);
    assertThat(events(page).get(0).getDomAttribute("data-type")).isEqualTo("letter_generated");
    assertThat(events(page).get(0).findElement(By.cssSelector(".event-data")).getText()).isEqualTo("company: <b>Acme</b>");
    assertThat(events(page).get(1).findElement(By.cssSelector(".event-data")).getText())
        .isEqualTo("page: <img src=x onerror=alert(1)>");
    assertThat(page.findElements(By.cssSelector("#events img, #events b"))).isEmpty();
    assertThat(page.findElement(By.id("no-events")).isDisplayed()).isFalse();

    // the counters follow on the next heartbeat, or at once on "Refresh stats"
    page.findElement(By.id("refresh")).click();
    await(page, d -> d.findElement(By.id("total-events")).getText().equals("2")
        && d.findElement(By.id("unique-today")).getText().equals("2")
        && d.findElement(By.id("letters-today")).getText().equals("1"));

    // the list is bounded: the newest 50
    for (int i = 0; i < 55; i++) {
      post(node, "{\"type\":\"click\",\"visitor_id\":\"v\",\"data\":{\"n\":" + i + "}}");
    }
    await(page, d -> events(d).size() == 50
        && events(d).get(0).findElement(By.cssSelector(".event-data")).getText().equals("n: 54"));
  }

  @Test
  void aFilterLetsOnlyTheChosenTypesThrough() throws Exception {
    ExampleServer node = nodes.start("one");
    WebDriver page = open(node);
    page.findElement(By.id("filter")).sendKeys("page_view, signup");
    page.findElement(By.id("apply-filter")).click();
    await(page, d -> d.findElement(By.id("filter-in-force")).getText().equals("only page_view, signup"));

    post(node, "{\"type\":\"click\",\"visitor_id\":\"v\"}");
    post(node, "{\"type\":\"page_view\",\"visitor_id\":\"v\"}");
    // events arrive in the order published: once the page view is in, the click was left out
    await(page, d -> events(d).size() == 1);
    assertThat(events(page).get(0).getDomAttribute("data-type")).isEqualTo("page_view");

    page.findElement(By.id("filter")).clear();
    page.findElement(By.id("apply-filter")).click();
    await(page, d -> d.findElement(By.id("filter-in-force")).getText().equals("everything"));
    post(node, "{\"type\":\"click\",\"visitor_id\":\"v\"}");
    await(page, d -> events(d).size() == 2 && events(d).get(0).getDomAttribute("data-type").equals("click"));
  }

  @Test
  void noHeartbeatForTwoIntervalsMakesThePageReconnect() throws Exception {
    ExampleServer node = nodes.start("one");
    WebDriver page = open(node);
    await(page, d -> !d.findElement(By.id("last-heartbeat")).getText().equals("none yet"));
    assertThat(page.findElement(By.id("reconnects")).getText()).isEqualTo("0");

    // Claim the next five heartbeat ticks for a node that does not exist: the socket stays open,
    // but no heartbeat comes for longer than the page's two intervals plus its half-second check.
    long interval = HEARTBEAT.toMillis();
    long next = System.currentTimeMillis() / interval + 1;
    for (long tick = next; tick < next + 5; tick++) {
      redis.server().command("SET", TickClaims.key("analytics:heartbeat", tick), "elsewhere", "PX", "20000");
    }
    await(page, d -> d.findElement(By.id("heartbeat-warning")).getText().startsWith("No heartbeat"));
    await(page, d -> Integer.parseInt(d.findElement(By.id("reconnects")).getText()) >= 1);
    // once the ticks are ours again, heartbeats come back and the warning goes
    await(page, Duration.ofSeconds(20), d -> !d.findElement(By.id("heartbeat-warning")).isDisplayed()
        && d.findElement(By.id("status")).getText().equals("Connected"));

    nodes.stop(node);
    await(page, d -> !d.findElement(By.id("status")).getText().equals("Connected"));
  }
}
