package dev.realtime.examples.tours.inventory;

import java.time.Instant;
import java.util.Objects;

/**
 * Seats taken on a tour, until cancelled.
 *
 * @param id the booking's id (a random UUID)
 * @param tourId the tour
 * @param seats how many seats it holds, at least one
 * @param createdAt when it was made
 */
public record Booking(String id, String tourId, int seats, Instant createdAt) {

  /** Checks the parts. */
  public Booking {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tourId, "tourId");
    Objects.requireNonNull(createdAt, "createdAt");
    if (seats < 1) {
      throw new IllegalArgumentException("a booking holds at least one seat");
    }
  }
}
