package dev.realtime.examples.browser;

import static dev.realtime.testing.browser.BrowserExtension.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.examples.ExampleHttp;
import dev.realtime.examples.ExampleServer;
import dev.realtime.examples.ExampleServers;
import dev.realtime.examples.LaunchOptions;
import dev.realtime.examples.feed.JsonSocket;
import dev.realtime.examples.tours.ToursExample;
import dev.realtime.examples.tours.ToursSettings;
import dev.realtime.examples.tours.inventory.Tour;
import dev.realtime.examples.tours.inventory.TourCatalog;
import dev.realtime.testing.browser.BrowserExtension;
import dev.realtime.testing.junit.ServerExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/** Both tours pages in a real browser: the tour dashboard (cards, bookings) and the random numbers. */
class ToursBrowserTest {
  private static final String SHOUTING = "<b>Loud</b> & <script>alert(1)</script> tour";

  @RegisterExtension
  static final BrowserExtension browsers = new BrowserExtension();

  @RegisterExtension
  final ServerExtension<ExampleServer> server = ExampleServers.extension(LaunchOptions.ephemeral("tours"),
      new ToursExample(ToursSettings.defaults().withRandomInterval(Duration.ofMillis(200))
          .withCatalog(new TourCatalog(List.of(new Tour("tour_paris", "Paris City Tour", 20),
              new Tour("tour_loud", SHOUTING, 3))))));

  private static WebElement card(WebDriver page, String tour) {
    return page.findElement(By.cssSelector(".tour-card[data-tour-id='" + tour + "']"));
  }

  private static String seats(WebDriver page, String tour) {
    return card(page, tour).findElement(By.cssSelector(".seats")).getText();
  }

  /** The history's timestamps, newest first, read in one go. */
  @SuppressWarnings("unchecked")
  private static List<String> history(WebDriver page) {
    return (List<String>) PageScripts.run(page,
        "return Array.from(document.querySelectorAll('#history li'), item => item.dataset.timestamp)");
  }

  @Test
  void cardsShowSeatsColouredByAvailabilityAndTheBookButtonTakesThem() throws Exception {
    // before any state the page says it is waiting
    assertThat(ExampleHttp.get(server, "/").body()).contains("<div id=\"waiting\" class=\"no-data\">Waiting for tour data");
    WebDriver page = browsers.open();
    page.get(server.httpUrl());
    await(page, d -> d.findElements(By.cssSelector(".tour-card")).size() == 2);
    await(page, d -> d.findElement(By.id("status")).getText().equals("Connected"));
    assertThat(page.findElement(By.id("waiting")).isDisplayed()).isFalse();
    assertThat(seats(page, "tour_paris")).isEqualTo("20");
    assertThat(card(page, "tour_paris").getDomAttribute("class")).contains("high");
    // a tour name is text, never markup
    assertThat(card(page, "tour_loud").findElement(By.cssSelector(".tour-name")).getText()).isEqualTo(SHOUTING);
    assertThat(card(page, "tour_loud").findElements(By.tagName("b"))).isEmpty();
    assertThat(card(page, "tour_loud").getDomAttribute("class")).contains("low");

    WebElement count = card(page, "tour_paris").findElement(By.cssSelector(".book-seats"));
    count.clear();
    count.sendKeys("11");
    card(page, "tour_paris").findElement(By.cssSelector("button.book")).click();
    await(page, d -> seats(d, "tour_paris").equals("9"));
    assertThat(card(page, "tour_paris").getDomAttribute("class")).contains("medium");
    await(page, d -> "booked".equals(card(d, "tour_paris").findElement(By.cssSelector(".book-result")).getDomAttribute("data-outcome")));
    assertThat(card(page, "tour_paris").findElement(By.cssSelector(".book-result")).getText()).startsWith("Booked 11");

    // a booking made elsewhere shows up too, and the card turns red under 5
    assertThat(JsonSocket.http(server.port(), "POST", "/api/tours/tour_paris/bookings", "{\"seats\":5}").statusCode())
        .isEqualTo(201);
    await(page, d -> seats(d, "tour_paris").equals("4") && card(d, "tour_paris").getDomAttribute("class").contains("low"));

    // more than are left: refused, with the server's reason, and nothing changes
    count = card(page, "tour_paris").findElement(By.cssSelector(".book-seats"));
    count.clear();
    count.sendKeys("5");
    card(page, "tour_paris").findElement(By.cssSelector("button.book")).click();
    await(page, d -> "409".equals(card(d, "tour_paris").findElement(By.cssSelector(".book-result")).getDomAttribute("data-outcome")));
    assertThat(card(page, "tour_paris").findElement(By.cssSelector(".book-result")).getText()).contains("not enough seats");
    assertThat(seats(page, "tour_paris")).isEqualTo("4");
  }

  @Test
  void theNumbersPageShowsTheCurrentValueAndTheLastTen() throws Exception {
    WebDriver page = browsers.open();
    page.get(server.httpUrl() + "numbers");
    await(page, d -> d.findElement(By.id("status")).getText().equals("Connected"));
    await(page, d -> d.findElement(By.id("value")).getText().matches("\\d{1,3}"));
    assertThat(Integer.parseInt(page.findElement(By.id("value")).getText())).isBetween(1, 100);
    assertThat(page.findElement(By.id("waiting")).isDisplayed()).isFalse();
    // 200 ms ticks: the history fills up and keeps only the last ten, newest first. The list
    // changes every tick, so each look at it is one script: a consistent snapshot.
    await(page, d -> history(d).size() == 10);
    String newest = history(page).get(0);
    await(page, d -> !history(d).get(0).equals(newest));
    List<String> stamps = history(page);
    assertThat(stamps).hasSize(10).doesNotHaveDuplicates().isSortedAccordingTo((a, b) -> b.compareTo(a));
    List<?> newestAndCurrent = (List<?>) PageScripts.run(page, "return [document.querySelector('#history li"
        + " .history-value').textContent, document.getElementById('value').textContent]");
    assertThat(newestAndCurrent.get(0)).isEqualTo(newestAndCurrent.get(1));

    server.stop();
    await(page, d -> !d.findElement(By.id("status")).getText().equals("Connected"));
  }
}
