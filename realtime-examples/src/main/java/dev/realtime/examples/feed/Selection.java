package dev.realtime.examples.feed;

import java.util.Collection;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one client has asked to receive of a feed of named kinds (event types, tours): everything
 * (the start: a client that never subscribed gets every kind), only some, or everything but some.
 * Immutable; subscribing and unsubscribing answer a new selection.
 *
 * @param all whether the client receives every kind except {@code names}; otherwise only {@code names}
 * @param names the kinds excluded (when {@code all}) or included (otherwise), sorted
 */
public record Selection(boolean all, Set<String> names) {
  /** Everything: where every client starts. */
  public static final Selection EVERYTHING = new Selection(true, Set.of());
  /** Nothing at all. */
  public static final Selection NOTHING = new Selection(false, Set.of());

  /** Copies the names, sorted. */
  public Selection {
    names = Set.copyOf(new TreeSet<>(names));
  }

  /** Whether a frame of kind {@code name} goes to this client. */
  public boolean accepts(String name) {
    return all != names.contains(name);
  }

  /**
   * Adds {@code kinds}. From {@link #EVERYTHING} (a client that never chose) it narrows to just
   * these, as a first subscription means "only these".
   */
  public Selection subscribe(Collection<String> kinds) {
    Objects.requireNonNull(kinds, "kinds");
    if (equals(EVERYTHING)) {
      return new Selection(false, Set.copyOf(kinds));
    }
    TreeSet<String> changed = new TreeSet<>(names);
    if (all) {
      changed.removeAll(kinds);
    } else {
      changed.addAll(kinds);
    }
    return new Selection(all, changed);
  }

  /** Removes {@code kinds}: from everything, it becomes everything but these. */
  public Selection unsubscribe(Collection<String> kinds) {
    Objects.requireNonNull(kinds, "kinds");
    TreeSet<String> changed = new TreeSet<>(names);
    if (all) {
      changed.addAll(kinds);
    } else {
      changed.removeAll(kinds);
    }
    return new Selection(all, changed);
  }

  /** The names, sorted, as a set that iterates in order. */
  public TreeSet<String> sortedNames() {
    return new TreeSet<>(names);
  }
}
