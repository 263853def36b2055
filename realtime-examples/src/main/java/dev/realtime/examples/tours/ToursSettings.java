package dev.realtime.examples.tours;

import dev.realtime.examples.tours.inventory.TourCatalog;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the tours example runs.
 *
 * @param randomInterval how often {@code /random} draws a number (3 s)
 * @param simulationInterval how often {@code --simulate} sells seats elsewhere (5 s)
 * @param resyncInterval how often a node re-reads every tour's seats, repairing a lost change (5 s)
 * @param catalog the tours; empty for the file in {@code TOURS_FILE}, else the exercise's three
 */
public record ToursSettings(
    Duration randomInterval, Duration simulationInterval, Duration resyncInterval, Optional<TourCatalog> catalog) {

  /** Checks the parts. */
  public ToursSettings {
    positive(randomInterval, "randomInterval");
    positive(simulationInterval, "simulationInterval");
    positive(resyncInterval, "resyncInterval");
    Objects.requireNonNull(catalog, "catalog");
  }

  /** The exercises' timings, the catalog from {@code TOURS_FILE} or the default. */
  public static ToursSettings defaults() {
    return new ToursSettings(Duration.ofSeconds(3), Duration.ofSeconds(5), Duration.ofSeconds(5), Optional.empty());
  }

  /** A copy with another random-number interval. */
  public ToursSettings withRandomInterval(Duration interval) {
    return new ToursSettings(interval, simulationInterval, resyncInterval, catalog);
  }

  /** A copy with another simulation interval. */
  public ToursSettings withSimulationInterval(Duration interval) {
    return new ToursSettings(randomInterval, interval, resyncInterval, catalog);
  }

  /** A copy with these tours. */
  public ToursSettings withCatalog(TourCatalog tours) {
    return new ToursSettings(randomInterval, simulationInterval, resyncInterval, Optional.of(tours));
  }

  private static void positive(Duration duration, String name) {
    Objects.requireNonNull(duration, name);
    if (duration.isZero() || duration.isNegative()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }
}
