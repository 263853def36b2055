package dev.realtime.examples.analytics;

import com.google.gson.JsonObject;
import dev.realtime.examples.analytics.model.AnalyticsEvent;
import dev.realtime.examples.analytics.model.InvalidEventException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * {@code --simulate}: the site the seed's dashboard watches, as a producer. Each tick publishes a
 * few events from a pool of returning visitors: page views (most), clicks, generated letters and
 * CV downloads, with the kind of {@code data} each carries. Runs on the node that wins the tick.
 * The same seed gives the same events, which is how the recorded stream in the tests was made.
 */
public final class EventSimulator {
  private static final List<String> PAGES = List.of("/", "/projects", "/experience", "/skills", "/contact",
      "/projects/realtime", "/blog/websockets", "/letters");
  private static final List<String> REFERRERS = List.of("https://www.google.com/", "https://www.linkedin.com/",
      "https://github.com/", "direct", "https://news.ycombinator.com/");
  private static final List<String> BROWSERS = List.of("Chrome 131", "Firefox 133", "Safari 18", "Edge 131");
  private static final List<String> COMPANIES = List.of("Acme Corp", "Globex", "Initech", "Umbrella", "Hooli");
  private static final List<String> ELEMENTS = List.of("cta-contact", "nav-projects", "download-cv", "theme-toggle");

  private final Random random;
  private final Clock clock;
  private final List<String> visitors;

  /** A simulator drawing from {@code seed}; events are stamped by {@code clock}. */
  public EventSimulator(long seed, Clock clock) {
    this.random = new Random(seed);
    this.clock = Objects.requireNonNull(clock, "clock");
    this.visitors = IntStream.range(0, 200).mapToObj(i -> new UUID(random.nextLong(), random.nextLong()).toString()).toList();
  }

  /** The events of one tick: one to three. */
  public synchronized List<AnalyticsEvent> tick() {
    return IntStream.range(0, 1 + random.nextInt(3)).mapToObj(i -> next()).toList();
  }

  /** One more event. */
  public synchronized AnalyticsEvent next() {
    JsonObject event = new JsonObject();
    int kind = random.nextInt(100);
    String type = kind < 60 ? "page_view" : kind < 85 ? "click" : kind < 95 ? AnalyticsEvent.LETTER : "cv_download";
    event.addProperty("type", type);
    event.addProperty("visitor_id", pick(visitors));
    event.addProperty("timestamp", clock.instant().truncatedTo(ChronoUnit.MILLIS).toString());
    JsonObject data = new JsonObject();
    switch (type) {
      case "page_view" -> {
        data.addProperty("page", pick(PAGES));
        data.addProperty("referrer", pick(REFERRERS));
        data.addProperty("browser", pick(BROWSERS));
        data.addProperty("duration_ms", 200 + random.nextInt(30_000));
      }
      case "click" -> {
        data.addProperty("page", pick(PAGES));
        data.addProperty("element", pick(ELEMENTS));
        data.addProperty("x", random.nextInt(1920));
        data.addProperty("y", random.nextInt(1080));
      }
      case AnalyticsEvent.LETTER -> {
        data.addProperty("company", pick(COMPANIES));
        data.addProperty("job_title", random.nextBoolean() ? "Backend Engineer" : "Staff Engineer");
        data.addProperty("tone", random.nextBoolean() ? "formal" : "friendly");
        data.addProperty("words", 250 + random.nextInt(300));
      }
      default -> {
        data.addProperty("format", random.nextBoolean() ? "pdf" : "docx");
        data.addProperty("language", random.nextBoolean() ? "en" : "fr");
      }
    }
    event.add("data", data);
    try {
      return AnalyticsEvent.of(event, clock);
    } catch (InvalidEventException e) {
      throw new IllegalStateException("the simulator made an invalid event", e);
    }
  }

  private String pick(List<String> values) {
    return values.get(random.nextInt(values.size()));
  }

  /** When the simulator's clock says it is. */
  Instant now() {
    return clock.instant();
  }
}
