package dev.realtime.examples.tours.inventory;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The seats of every tour, changed only atomically: a booking takes seats only if enough are left,
 * so seats never go negative and are never sold twice, however many nodes and threads book at
 * once. Every change increments the tour's version in the same atomic step, so versions order the
 * changes.
 *
 * <p>Methods never block; their stages may complete on another thread.
 */
public interface Inventory {

  /** The tours this inventory holds. */
  TourCatalog catalog();

  /** Every tour's seats now, in catalog order. */
  CompletionStage<List<Availability>> availability();

  /** Takes {@code seats} (at least one) of tour {@code tourId} as one booking, if enough are left. */
  CompletionStage<BookingOutcome> book(String tourId, int seats);

  /** Gives a booking's seats back (never above the tour's capacity). */
  CompletionStage<CancelOutcome> cancel(String tourId, String bookingId);

  /**
   * The simulation's sale elsewhere: takes up to {@code seats} without a booking, stopping at 0;
   * answers the new availability, or nothing when the tour had none left.
   */
  CompletionStage<Optional<Availability>> takeSeats(String tourId, int seats);

  /** Puts every tour back to its capacity and forgets its bookings; answers the new seats. */
  CompletionStage<List<Availability>> reset();
}
