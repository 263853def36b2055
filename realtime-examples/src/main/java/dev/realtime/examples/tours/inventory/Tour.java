package dev.realtime.examples.tours.inventory;

import java.util.Objects;

/**
 * One tour of the catalog.
 *
 * @param id its id in paths and frames ({@code tour_paris}): letters, digits, '_' and '-'
 * @param name the name shown ({@code Paris City Tour})
 * @param capacity how many seats it has when nothing is booked
 */
public record Tour(String id, String name, int capacity) {
  /** The most seats a tour may have. */
  public static final int MAX_CAPACITY = 100_000;

  /** Checks the parts. */
  public Tour {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    if (!id.matches("[A-Za-z0-9_-]{1,64}")) {
      throw new IllegalArgumentException("a tour id is 1 to 64 letters, digits, '_' or '-', got '" + id + "'");
    }
    if (name.isBlank() || name.length() > 200) {
      throw new IllegalArgumentException("a tour name is 1 to 200 characters: " + id);
    }
    if (capacity < 0 || capacity > MAX_CAPACITY) {
      throw new IllegalArgumentException("a tour has 0 to " + MAX_CAPACITY + " seats: " + id);
    }
  }
}
