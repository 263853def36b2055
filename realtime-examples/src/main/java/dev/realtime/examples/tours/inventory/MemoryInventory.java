package dev.realtime.examples.tours.inventory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The seats of one node running alone: each tour's seats, version and bookings behind the tour's
 * own lock, so a check and its change are one step and unrelated tours never wait on each other.
 */
public final class MemoryInventory implements Inventory {
  private final TourCatalog catalog;
  private final Clock clock;
  private final Map<String, Seats> tours = new LinkedHashMap<>();

  /** Every tour of {@code catalog} at its capacity. */
  public MemoryInventory(TourCatalog catalog, Clock clock) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.clock = Objects.requireNonNull(clock, "clock");
    Instant now = clock.instant();
    for (Tour tour : catalog.tours()) {
      tours.put(tour.id(), new Seats(tour, now));
    }
  }

  @Override
  public TourCatalog catalog() {
    return catalog;
  }

  @Override
  public CompletionStage<List<Availability>> availability() {
    List<Availability> all = new ArrayList<>();
    for (Seats seats : tours.values()) {
      all.add(seats.availability());
    }
    return CompletableFuture.completedFuture(List.copyOf(all));
  }

  @Override
  public CompletionStage<BookingOutcome> book(String tourId, int seats) {
    if (seats < 1) {
      throw new IllegalArgumentException("a booking takes at least one seat");
    }
    Seats tour = tours.get(Objects.requireNonNull(tourId, "tourId"));
    return CompletableFuture.completedFuture(tour == null ? new BookingOutcome.UnknownTour() : tour.book(seats, clock.instant()));
  }

  @Override
  public CompletionStage<CancelOutcome> cancel(String tourId, String bookingId) {
    Objects.requireNonNull(bookingId, "bookingId");
    Seats tour = tours.get(Objects.requireNonNull(tourId, "tourId"));
    return CompletableFuture.completedFuture(tour == null ? new CancelOutcome.NotFound() : tour.cancel(bookingId, clock.instant()));
  }

  @Override
  public CompletionStage<Optional<Availability>> takeSeats(String tourId, int seats) {
    Seats tour = tours.get(Objects.requireNonNull(tourId, "tourId"));
    return CompletableFuture.completedFuture(tour == null ? Optional.empty() : tour.take(seats, clock.instant()));
  }

  @Override
  public CompletionStage<List<Availability>> reset() {
    Instant now = clock.instant();
    List<Availability> all = new ArrayList<>();
    for (Seats seats : tours.values()) {
      all.add(seats.reset(now));
    }
    return CompletableFuture.completedFuture(List.copyOf(all));
  }

  /** One tour's state; every method holds its lock for the whole check-and-change. */
  private static final class Seats {
    private final Tour tour;
    private final Map<String, Booking> bookings = new HashMap<>();
    private int available;
    private long version;
    private Instant changedAt;

    Seats(Tour tour, Instant now) {
      this.tour = tour;
      this.available = tour.capacity();
      this.changedAt = now;
    }

    synchronized Availability availability() {
      return new Availability(tour.id(), available, version, changedAt);
    }

    synchronized BookingOutcome book(int seats, Instant now) {
      if (seats > available) {
        return new BookingOutcome.NotEnoughSeats(availability());
      }
      Booking booking = new Booking(UUID.randomUUID().toString(), tour.id(), seats, now);
      bookings.put(booking.id(), booking);
      return new BookingOutcome.Booked(booking, change(available - seats, now));
    }

    synchronized CancelOutcome cancel(String bookingId, Instant now) {
      Booking booking = bookings.remove(bookingId);
      if (booking == null) {
        return new CancelOutcome.NotFound();
      }
      return new CancelOutcome.Cancelled(booking, change(Math.min(tour.capacity(), available + booking.seats()), now));
    }

    synchronized Optional<Availability> take(int seats, Instant now) {
      if (available == 0 || seats < 1) {
        return Optional.empty();
      }
      return Optional.of(change(Math.max(0, available - seats), now));
    }

    synchronized Availability reset(Instant now) {
      bookings.clear();
      return change(tour.capacity(), now);
    }

    private Availability change(int seats, Instant now) {
      available = seats;
      version++;
      changedAt = now;
      return availability();
    }
  }
}
