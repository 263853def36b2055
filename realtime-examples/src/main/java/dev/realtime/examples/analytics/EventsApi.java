package dev.realtime.examples.analytics;

import com.google.gson.JsonObject;
import dev.realtime.examples.analytics.model.AnalyticsEvent;
import dev.realtime.examples.analytics.model.InvalidEventException;
import dev.realtime.examples.analytics.model.Stats;
import dev.realtime.examples.http.Handler;
import dev.realtime.examples.http.Request;
import dev.realtime.examples.http.Response;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/events}: one event as JSON (see {@link AnalyticsEvent#parse}); 202 once the
 * cluster took it, 400 with the reason, 503 when Redis cannot be reached. {@code GET /api/stats}:
 * the stats every client sees, plus this node's counts.
 */
final class EventsApi {
  private static final Logger log = LoggerFactory.getLogger(EventsApi.class);

  private final AnalyticsFeed feed;
  private final Clock clock;
  private final AtomicLong rejected;
  private final Supplier<JsonObject> nodeCounts;

  EventsApi(AnalyticsFeed feed, Clock clock, AtomicLong rejected, Supplier<JsonObject> nodeCounts) {
    this.feed = Objects.requireNonNull(feed, "feed");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.rejected = Objects.requireNonNull(rejected, "rejected");
    this.nodeCounts = Objects.requireNonNull(nodeCounts, "nodeCounts");
  }

  /** The handler of {@code /api/events}. */
  Handler events() {
    return request -> {
      if (!"POST".equals(request.method())) {
        return Response.error(405, "method not allowed").withHeader("Allow", "POST");
      }
      AnalyticsEvent event;
      try {
        event = AnalyticsEvent.parse(request.bodyText(), clock);
      } catch (InvalidEventException e) {
        rejected.incrementAndGet();
        return Response.error(400, e.getMessage());
      }
      try {
        feed.publish(event).toCompletableFuture().get(5, TimeUnit.SECONDS);
      } catch (ExecutionException | TimeoutException e) {
        log.debug("an event was not published: {}", e.toString());
        return Response.error(503, "events cannot be taken right now; try again");
      }
      JsonObject body = new JsonObject();
      body.addProperty("status", "accepted");
      body.addProperty("type", event.type());
      return Response.json(202, body);
    };
  }

  /** The handler of {@code /api/stats}. */
  Handler stats() {
    return this::stats;
  }

  private Response stats(Request request) throws InterruptedException {
    if (!"GET".equals(request.method()) && !"HEAD".equals(request.method())) {
      return Response.error(405, "method not allowed").withHeader("Allow", "GET");
    }
    Stats stats;
    try {
      stats = feed.stats().toCompletableFuture().get(5, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      return Response.error(503, "the stats cannot be read right now");
    }
    JsonObject body = stats.toJson();
    body.add("node", nodeCounts.get());
    return Response.json(body);
  }
}
