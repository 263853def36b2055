package dev.realtime.examples.tours.inventory;

import java.util.Objects;

/** What a cancellation came to. */
public sealed interface CancelOutcome {

  /**
   * The booking's seats are back.
   *
   * @param booking the booking cancelled
   * @param availability the tour's seats right after
   */
  record Cancelled(Booking booking, Availability availability) implements CancelOutcome {
    /** Rejects nulls. */
    public Cancelled {
      Objects.requireNonNull(booking, "booking");
      Objects.requireNonNull(availability, "availability");
    }
  }

  /** No such booking on that tour (never made, already cancelled, or the tours were reset). */
  record NotFound() implements CancelOutcome {}
}
