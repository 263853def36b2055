package dev.realtime.examples.tours.inventory;

import dev.realtime.examples.feed.LuaScript;
import dev.realtime.examples.feed.RedisLink;
import io.lettuce.core.ScriptOutputType;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The seats of a cluster, in Redis: every change is one Lua script (check and change in one step,
 * the version incremented in the same step), so nodes booking at once never oversell.
 *
 * <p>Keys: {@code tours:ID}, a hash of {@code seats}, {@code version}, {@code changed} (ms),
 * {@code capacity} and {@code name}; {@code tours:ID:bookings}, a hash of booking id → {@code
 * "SEATS CREATED_MS"}. They have no expiry: seats outlive every node (and, with persistence, Redis
 * restarts). A tour Redis lost is created again at its capacity, at a higher version.
 */
public final class RedisInventory implements Inventory {
  private static final LuaScript INIT = LuaScript.load(RedisInventory.class, "init.lua");
  private static final LuaScript BOOK = LuaScript.load(RedisInventory.class, "book.lua");
  private static final LuaScript CANCEL = LuaScript.load(RedisInventory.class, "cancel.lua");
  private static final LuaScript TAKE = LuaScript.load(RedisInventory.class, "take.lua");
  private static final LuaScript RESET = LuaScript.load(RedisInventory.class, "reset.lua");

  private final TourCatalog catalog;
  private final RedisLink redis;
  private final Clock clock;

  /** The catalog's tours in the Redis behind {@code redis}; call {@link #initialize()} before use. */
  public RedisInventory(TourCatalog catalog, RedisLink redis, Clock clock) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.redis = Objects.requireNonNull(redis, "redis");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The hash of tour {@code id}'s seats. */
  public static String tourKey(String id) {
    return "tours:" + id;
  }

  /** The hash of tour {@code id}'s bookings. */
  public static String bookingsKey(String id) {
    return "tours:" + id + ":bookings";
  }

  /** Creates every tour Redis does not hold yet, at its capacity; keeps those it does. */
  public CompletionStage<List<Availability>> initialize() {
    List<CompletableFuture<Availability>> all = new ArrayList<>();
    for (Tour tour : catalog.tours()) {
      all.add(init(tour));
    }
    return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
        .thenApply(done -> all.stream().map(CompletableFuture::join).toList());
  }

  @Override
  public TourCatalog catalog() {
    return catalog;
  }

  @Override
  public CompletionStage<List<Availability>> availability() {
    // The init script answers the state and creates a tour Redis lost: one call per tour.
    return initialize();
  }

  @Override
  public CompletionStage<BookingOutcome> book(String tourId, int seats) {
    if (seats < 1) {
      throw new IllegalArgumentException("a booking takes at least one seat");
    }
    Optional<Tour> tour = catalog.tour(Objects.requireNonNull(tourId, "tourId"));
    if (tour.isEmpty()) {
      return CompletableFuture.completedFuture(new BookingOutcome.UnknownTour());
    }
    String id = UUID.randomUUID().toString();
    return tryBook(tour.get(), seats, id).thenCompose(outcome -> outcome.isPresent()
        ? CompletableFuture.completedFuture(outcome.get())
        : init(tour.get()).thenCompose(created -> tryBook(tour.get(), seats, id))
            .thenApply(retried -> retried.orElseThrow(() -> new IllegalStateException("tour " + tourId + " vanished twice"))));
  }

  private CompletableFuture<Optional<BookingOutcome>> tryBook(Tour tour, int seats, String bookingId) {
    long now = clock.millis();
    return redis.<List<Object>>run(BOOK, ScriptOutputType.MULTI,
            new String[] {tourKey(tour.id()), bookingsKey(tour.id())},
            Integer.toString(seats), bookingId, Long.toString(now))
        .thenApply(reply -> {
          long status = number(reply, 0);
          if (status < 0) {
            return Optional.empty();
          }
          Availability availability = availability(tour.id(), reply, 1);
          if (status == 0) {
            return Optional.of(new BookingOutcome.NotEnoughSeats(availability));
          }
          Booking booking = new Booking(bookingId, tour.id(), seats, Instant.ofEpochMilli(now));
          return Optional.of(new BookingOutcome.Booked(booking, availability));
        });
  }

  @Override
  public CompletionStage<CancelOutcome> cancel(String tourId, String bookingId) {
    Objects.requireNonNull(bookingId, "bookingId");
    if (catalog.tour(Objects.requireNonNull(tourId, "tourId")).isEmpty()) {
      return CompletableFuture.completedFuture(new CancelOutcome.NotFound());
    }
    return redis.<List<Object>>run(CANCEL, ScriptOutputType.MULTI,
            new String[] {tourKey(tourId), bookingsKey(tourId)}, bookingId, Long.toString(clock.millis()))
        .thenApply(reply -> {
          if (number(reply, 0) == 0) {
            return new CancelOutcome.NotFound();
          }
          Booking booking = new Booking(bookingId, tourId, (int) number(reply, 4), Instant.ofEpochMilli(number(reply, 5)));
          return new CancelOutcome.Cancelled(booking, availability(tourId, reply, 1));
        });
  }

  @Override
  public CompletionStage<Optional<Availability>> takeSeats(String tourId, int seats) {
    if (catalog.tour(Objects.requireNonNull(tourId, "tourId")).isEmpty() || seats < 1) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    return redis.<List<Object>>run(TAKE, ScriptOutputType.MULTI, new String[] {tourKey(tourId)},
            Integer.toString(seats), Long.toString(clock.millis()))
        .thenApply(reply -> number(reply, 0) == 0 ? Optional.empty() : Optional.of(availability(tourId, reply, 1)));
  }

  @Override
  public CompletionStage<List<Availability>> reset() {
    List<CompletableFuture<Availability>> all = new ArrayList<>();
    for (Tour tour : catalog.tours()) {
      all.add(redis.<List<Object>>run(RESET, ScriptOutputType.MULTI,
              new String[] {tourKey(tour.id()), bookingsKey(tour.id())}, Long.toString(clock.millis()))
          .thenCompose(reply -> number(reply, 0) == 0 ? init(tour)
              : CompletableFuture.completedFuture(availability(tour.id(), reply, 1))));
    }
    return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
        .thenApply(done -> all.stream().map(CompletableFuture::join).toList());
  }

  private CompletableFuture<Availability> init(Tour tour) {
    return redis.<List<Object>>run(INIT, ScriptOutputType.MULTI, new String[] {tourKey(tour.id())},
            Integer.toString(tour.capacity()), tour.name(), Long.toString(clock.millis()))
        .thenApply(reply -> availability(tour.id(), reply, 0));
  }

  /** Seats, version and changed (ms) from {@code reply}, starting at {@code first}. */
  private static Availability availability(String tourId, List<Object> reply, int first) {
    return new Availability(tourId, (int) number(reply, first), number(reply, first + 1),
        Instant.ofEpochMilli(number(reply, first + 2)));
  }

  private static long number(List<Object> reply, int index) {
    return ((Number) reply.get(index)).longValue();
  }
}
