package dev.realtime.examples.tours;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.realtime.auth.AuthResult;
import dev.realtime.auth.Authenticator;
import dev.realtime.examples.http.Handler;
import dev.realtime.examples.http.Request;
import dev.realtime.examples.http.Response;
import dev.realtime.examples.tours.inventory.Availability;
import dev.realtime.examples.tours.inventory.Booking;
import dev.realtime.examples.tours.inventory.BookingOutcome;
import dev.realtime.examples.tours.inventory.CancelOutcome;
import dev.realtime.examples.tours.inventory.Inventory;
import dev.realtime.examples.tours.inventory.Tour;
import dev.realtime.protocol.Json;
import dev.realtime.transport.Handshake;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tours' REST API, under {@code /api/tours}:
 *
 * <ul>
 *   <li>{@code GET /api/tours}: every tour with its seats; {@code GET /api/tours/ID}: one;
 *   <li>{@code POST /api/tours/ID/bookings} with {@code {"seats":n}}: 201 and the booking, 409 when
 *       fewer seats are left, 404 for an unknown tour, 400 for bad input;
 *   <li>{@code DELETE /api/tours/ID/bookings/BOOKING}: 200 and the cancelled booking, 404 if none.
 * </ul>
 *
 * With {@code --auth}, bookings and cancellations need {@code Authorization: Bearer <token>}.
 * Answers come once the inventory changed; every change goes to every node's clients.
 */
final class BookingsApi implements Handler {
  /** The most seats one booking may take. */
  static final int MAX_SEATS_PER_BOOKING = 100;
  static final String PREFIX = "/api/tours/";

  private static final Logger log = LoggerFactory.getLogger(BookingsApi.class);
  private static final InetSocketAddress NOWHERE = InetSocketAddress.createUnresolved("rest", 0);

  private final Inventory inventory;
  private final TourFeed feed;
  private final Optional<Authenticator> authenticator;

  BookingsApi(Inventory inventory, TourFeed feed, Optional<Authenticator> authenticator) {
    this.inventory = Objects.requireNonNull(inventory, "inventory");
    this.feed = Objects.requireNonNull(feed, "feed");
    this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
  }

  @Override
  public Response handle(Request request) throws Exception {
    String path = request.path();
    if (path.equals("/api/tours") || path.equals(PREFIX)) {
      return onlyGet(request, () -> tours(null));
    }
    String[] parts = path.substring(PREFIX.length()).split("/", -1);
    Optional<Tour> tour = inventory.catalog().tour(parts[0]);
    if (tour.isEmpty()) {
      return Response.error(404, "no such tour");
    }
    if (parts.length == 1) {
      return onlyGet(request, () -> tours(tour.get()));
    }
    if (!parts[1].equals("bookings") || parts.length > 3 || (parts.length == 3 && parts[2].isEmpty())) {
      return Response.error(404, "not found");
    }
    if (parts.length == 2) {
      if (!"POST".equals(request.method())) {
        return Response.error(405, "method not allowed").withHeader("Allow", "POST");
      }
      return authorized(request).orElseGet(() -> book(tour.get(), request));
    }
    if (!"DELETE".equals(request.method())) {
      return Response.error(405, "method not allowed").withHeader("Allow", "DELETE");
    }
    return authorized(request).orElseGet(() -> cancel(tour.get(), parts[2]));
  }

  private Response book(Tour tour, Request request) {
    int seats;
    try {
      seats = seats(request);
    } catch (IllegalArgumentException e) {
      return Response.error(400, e.getMessage());
    }
    BookingOutcome outcome = await(inventory.book(tour.id(), seats));
    if (outcome == null) {
      return Response.error(503, "bookings are unavailable right now; try again");
    }
    if (outcome instanceof BookingOutcome.Booked booked) {
      announce(booked.availability());
      return Response.json(201, booking(booked.booking(), booked.availability()))
          .withHeader("Location", PREFIX + tour.id() + "/bookings/" + booked.booking().id());
    }
    if (outcome instanceof BookingOutcome.NotEnoughSeats refused) {
      JsonObject body = error("not enough seats: " + refused.availability().availableSeats() + " left");
      body.addProperty("availableSeats", refused.availability().availableSeats());
      return Response.json(409, body);
    }
    return Response.error(404, "no such tour");
  }

  private Response cancel(Tour tour, String bookingId) {
    CancelOutcome outcome = await(inventory.cancel(tour.id(), bookingId));
    if (outcome == null) {
      return Response.error(503, "bookings are unavailable right now; try again");
    }
    if (outcome instanceof CancelOutcome.Cancelled cancelled) {
      announce(cancelled.availability());
      return Response.json(booking(cancelled.booking(), cancelled.availability()));
    }
    return Response.error(404, "no such booking");
  }

  private Response tours(Tour only) {
    List<Availability> all = await(inventory.availability());
    if (all == null) {
      return Response.error(503, "seats are unavailable right now; try again");
    }
    JsonArray tours = new JsonArray();
    for (Availability availability : all) {
      Tour tour = inventory.catalog().tour(availability.tourId()).orElseThrow();
      if (only == null || only.equals(tour)) {
        JsonObject entry = TourFrames.state("tour", tour, availability);
        entry.remove("type");
        entry.addProperty("capacity", tour.capacity());
        tours.add(entry);
      }
    }
    if (only != null) {
      return Response.json(tours.get(0));
    }
    JsonObject body = new JsonObject();
    body.add("tours", tours);
    return Response.json(body);
  }

  /** Empty when the request may change seats; otherwise the 401 to answer. */
  private Optional<Response> authorized(Request request) {
    if (authenticator.isEmpty()) {
      return Optional.empty();
    }
    String header = request.header("authorization").orElse("");
    if (!header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() <= 7) {
      return Optional.of(unauthorized("missing_token", "send Authorization: Bearer <token>"));
    }
    String token = header.substring(7).trim();
    AuthResult result = authenticator.get().authenticate(Handshake.of(
        PREFIX + "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8), Map.of(), NOWHERE));
    if (result instanceof AuthResult.Refused refused) {
      return Optional.of(unauthorized(refused.code(), refused.reason()));
    }
    return Optional.empty();
  }

  private static Response unauthorized(String code, String reason) {
    JsonObject body = error(reason);
    body.addProperty("code", code);
    return Response.json(401, body).withHeader("WWW-Authenticate", "Bearer");
  }

  private void announce(Availability availability) {
    feed.changed(availability).whenComplete((ignored, failure) -> {
      if (failure != null) {
        log.warn("a seat change of {} was not published (nodes catch up at their next re-read): {}",
            availability.tourId(), failure.toString());
      }
    });
  }

  private static int seats(Request request) {
    JsonObject body;
    try {
      body = Json.parseObject(request.bodyText());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("the body must be a JSON object like {\"seats\":2}");
    }
    JsonElement seats = body.get("seats");
    if (seats == null || !seats.isJsonPrimitive() || !seats.getAsJsonPrimitive().isNumber()) {
      throw new IllegalArgumentException("seats must be a whole number from 1 to " + MAX_SEATS_PER_BOOKING);
    }
    try {
      int value = seats.getAsBigDecimal().intValueExact();
      if (value < 1 || value > MAX_SEATS_PER_BOOKING) {
        throw new ArithmeticException();
      }
      return value;
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("seats must be a whole number from 1 to " + MAX_SEATS_PER_BOOKING);
    }
  }

  private static JsonObject booking(Booking booking, Availability availability) {
    JsonObject body = new JsonObject();
    body.addProperty("id", booking.id());
    body.addProperty("tourId", booking.tourId());
    body.addProperty("seats", booking.seats());
    body.addProperty("createdAt", TourFrames.timestamp(booking.createdAt()));
    body.addProperty("availableSeats", availability.availableSeats());
    body.addProperty("version", availability.version());
    return body;
  }

  private static JsonObject error(String message) {
    JsonObject body = new JsonObject();
    body.addProperty("status", "error");
    body.addProperty("message", message);
    return body;
  }

  private interface Answer {
    Response get() throws Exception;
  }

  private static Response onlyGet(Request request, Answer answer) throws Exception {
    if (!"GET".equals(request.method()) && !"HEAD".equals(request.method())) {
      return Response.error(405, "method not allowed").withHeader("Allow", "GET");
    }
    return answer.get();
  }

  /** The stage's value, or null when the inventory cannot be reached within five seconds. */
  private static <T> T await(CompletionStage<T> stage) {
    try {
      return stage.toCompletableFuture().get(5, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      log.debug("the inventory did not answer: {}", e.toString());
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
