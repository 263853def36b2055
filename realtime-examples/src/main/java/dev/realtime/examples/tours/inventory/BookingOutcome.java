package dev.realtime.examples.tours.inventory;

import java.util.Objects;

/** What a booking request came to. */
public sealed interface BookingOutcome {

  /**
   * The seats are taken.
   *
   * @param booking the booking made
   * @param availability the tour's seats right after it
   */
  record Booked(Booking booking, Availability availability) implements BookingOutcome {
    /** Rejects nulls. */
    public Booked {
      Objects.requireNonNull(booking, "booking");
      Objects.requireNonNull(availability, "availability");
    }
  }

  /**
   * Fewer seats were left than asked for; nothing changed.
   *
   * @param availability the tour's seats as they stood
   */
  record NotEnoughSeats(Availability availability) implements BookingOutcome {
    /** Rejects nulls. */
    public NotEnoughSeats {
      Objects.requireNonNull(availability, "availability");
    }
  }

  /** No tour has that id. */
  record UnknownTour() implements BookingOutcome {}
}
