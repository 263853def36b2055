package dev.realtime.examples.tours.inventory;

import java.time.Instant;
import java.util.Objects;

/**
 * How many seats a tour has left, as of one change.
 *
 * @param tourId the tour
 * @param availableSeats seats left, never negative
 * @param version the number of changes the tour's seats have seen, from 0: one change, one
 *     version, in the order the seats changed, so a later version always replaces an earlier one
 * @param changedAt when the seats last changed
 */
public record Availability(String tourId, int availableSeats, long version, Instant changedAt) {

  /** Checks the parts. */
  public Availability {
    Objects.requireNonNull(tourId, "tourId");
    Objects.requireNonNull(changedAt, "changedAt");
    if (availableSeats < 0) {
      throw new IllegalArgumentException("seats never go negative: " + availableSeats);
    }
    if (version < 0) {
      throw new IllegalArgumentException("version is never negative");
    }
  }

  /** Whether this is a later change of the same tour than {@code other} (or {@code other} is null). */
  public boolean newerThan(Availability other) {
    return other == null || version > other.version;
  }
}
