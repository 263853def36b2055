package dev.realtime.examples.browser;

import static dev.realtime.testing.browser.BrowserExtension.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.examples.ExampleServer;
import dev.realtime.examples.ExampleServers;
import dev.realtime.examples.LaunchOptions;
import dev.realtime.examples.dashboard.DashboardExample;
import dev.realtime.examples.dashboard.DashboardSettings;
import dev.realtime.examples.dashboard.SimulatedSource;
import dev.realtime.examples.dashboard.alert.AlertRule;
import dev.realtime.testing.browser.BrowserExtension;
import dev.realtime.testing.junit.ServerExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/** The dashboard page in a real browser, fed by the seeded generator every 200 ms. */
class DashboardBrowserTest {
  // The simulated response time is 200–500 ms calm and 700–1000 ms in a spike, whatever the time
  // of day, so with these thresholds a forced spike is critical and the next calm sample resolves it.
  private static final AlertRule RESPONSE_TIME =
      new AlertRule("response_time", "Response Time", "ms", 600, 650, 50);

  private final SimulatedSource source = new SimulatedSource(42, 0);

  @RegisterExtension
  static final BrowserExtension browsers = new BrowserExtension();

  @RegisterExtension
  final ServerExtension<ExampleServer> server = ExampleServers.extension(
      LaunchOptions.ephemeral("dashboard"),
      new DashboardExample(DashboardSettings.defaults()
          .withTickInterval(Duration.ofMillis(200))
          .withRules(List.of(RESPONSE_TIME))
          .withSource(source)));

  private WebDriver openDashboard() throws Exception {
    WebDriver page = browsers.open();
    page.get(server.httpUrl());
    await(page, d -> d.findElement(By.id("status-text")).getText().startsWith("Connected"));
    return page;
  }

  private static int points(WebDriver page, String chart) {
    return intAttribute(page, chart, "data-points");
  }

  /** Samples appended since the page loaded; unlike the points shown, not capped at 50. */
  private static int appended(WebDriver page, String chart) {
    return intAttribute(page, chart, "data-appended");
  }

  private static int intAttribute(WebDriver page, String id, String name) {
    String value = page.findElement(By.id(id)).getDomAttribute(name);
    return value == null ? 0 : Integer.parseInt(value);
  }

  private static List<String> alertTitles(WebDriver page, String type) {
    return page.findElements(By.cssSelector("#alerts-container .alert." + type + " .alert-title")).stream()
        .map(WebElement::getText)
        .toList();
  }

  @Test
  void rendersCardsAndItsChartsGainPoints() throws Exception {
    WebDriver page = openDashboard();
    await(page, d -> d.findElement(By.id("cpu-value")).getText().matches("\\d+\\.\\d"));
    assertThat(page.findElement(By.id("mode")).getText()).contains("simulated");
    assertThat(page.findElement(By.id("users-value")).getText()).matches("\\d+");

    await(page, d -> points(d, "cpu-chart") >= 3);
    int before = appended(page, "trends-chart");
    await(page, d -> appended(d, "trends-chart") >= before + 3 && appended(d, "network-chart") >= before + 3);
    // the charts show the newest samples, at most the seed's 50 points
    Number plotted = (Number) ((org.openqa.selenium.JavascriptExecutor) page).executeScript(
        "return Chart.getChart('memory-chart').data.datasets[0].data.filter(v => v !== null).length");
    assertThat(plotted.intValue()).isBetween(3, 50);
    assertThat(points(page, "cpu-chart")).isBetween(3, 50);
    assertThat(page.findElement(By.cssSelector("#alerts-container .no-alerts")).getText()).contains("No alerts");
  }

  @Test
  void aSpikeRaisesAVisibleCriticalAlertThatThenResolves() throws Exception {
    WebDriver page = openDashboard();
    page.findElement(By.id("sound-toggle")).click();
    assertThat(page.findElement(By.id("sound-toggle")).getText()).contains("Sound on");
    assertThat(alertTitles(page, "critical")).isEmpty();

    source.forceSpikes(1);

    await(page, d -> alertTitles(d, "critical").stream().anyMatch(t -> t.contains("Response Time Critical")));
    await(page, d -> alertTitles(d, "info").stream().anyMatch(t -> t.contains("Response Time Back to Normal")));
    // the critical alert beeped once; the resolution marks it as no longer in force
    assertThat(page.findElement(By.id("alerts-container")).getDomAttribute("data-beeps")).isEqualTo("1");
    assertThat(page.findElements(By.cssSelector("#alerts-container .alert.critical.superseded"))).hasSize(1);
  }

  @Test
  void unsubscribingGreysOutACardAndTheServerConfirms() throws Exception {
    WebDriver page = openDashboard();
    page.findElement(By.id("topic-disk")).click();
    await(page, d -> d.findElement(By.cssSelector("[data-topic=disk]")).getDomAttribute("class").contains("unsubscribed"));
    assertThat(page.findElement(By.id("topic-disk")).isSelected()).isFalse();
    assertThat(page.findElement(By.cssSelector("[data-topic=cpu]")).getDomAttribute("class")).doesNotContain("unsubscribed");
  }

  @Test
  void warnsAboutStaleDataWhenUpdatesStop() throws Exception {
    WebDriver page = openDashboard();
    await(page, d -> points(d, "cpu-chart") >= 2);
    assertThat(page.findElement(By.id("stale-warning")).isDisplayed()).isFalse();
    server.stop();
    await(page, d -> d.findElement(By.id("stale-warning")).isDisplayed());
    assertThat(page.findElement(By.id("stale-warning")).getText()).contains("stale");
    assertThat(page.findElement(By.id("status-text")).getText()).doesNotStartWith("Connected");
  }
}
