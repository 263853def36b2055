package dev.realtime.examples.tours;

import dev.realtime.examples.tours.inventory.Availability;
import dev.realtime.examples.tours.inventory.Inventory;
import dev.realtime.examples.tours.inventory.Tour;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --simulate}: at each tick, one to three seats of a random tour are sold elsewhere; once
 * every tour is at 0 they are all reset to their capacity. Runs on the node that wins the tick,
 * so a cluster simulates once, not once per node.
 */
final class TourSimulator {
  private static final Logger log = LoggerFactory.getLogger(TourSimulator.class);

  private final Inventory inventory;
  private final TourFeed feed;
  private final RandomGenerator random;

  TourSimulator(Inventory inventory, TourFeed feed, RandomGenerator random) {
    this.inventory = Objects.requireNonNull(inventory, "inventory");
    this.feed = Objects.requireNonNull(feed, "feed");
    this.random = Objects.requireNonNull(random, "random");
  }

  /** One simulated sale, and the reset when everything is sold. */
  void tick() {
    List<Tour> tours = inventory.catalog().tours();
    Tour tour = tours.get(random.nextInt(tours.size()));
    int seats = random.nextInt(1, 4);
    inventory.takeSeats(tour.id(), seats)
        .thenCompose(taken -> {
          taken.ifPresent(feed::changed);
          return inventory.availability();
        })
        .thenCompose(all -> soldOut(all)
            ? inventory.reset().thenApply(reset -> {
              log.info("every tour sold out: seats reset to capacity");
              reset.forEach(feed::changed);
              return reset;
            })
            : CompletableFuture.completedFuture(all))
        .whenComplete((ignored, failure) -> {
          if (failure != null) {
            log.debug("simulated sale failed: {}", failure.toString());
          }
        });
  }

  /** Whether every tour in {@code all} is sold out. */
  static boolean soldOut(List<Availability> all) {
    return all.stream().allMatch(availability -> availability.availableSeats() == 0);
  }
}
