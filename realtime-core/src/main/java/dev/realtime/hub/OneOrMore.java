package dev.realtime.hub;

import java.util.Set;

/**
 * A small immutable set kept as its only element while it has one: most clients are in one room
 * and most users hold one connection, a server keeps tens of thousands of each, and a set of one
 * costs 24 bytes more. The elements must not be sets themselves.
 */
final class OneOrMore {
  private OneOrMore() {}

  /** The set that {@code stored} (an element, an immutable set, or null for none) stands for. */
  @SuppressWarnings("unchecked") // stored is an element or a set of elements, by contract
  static <T> Set<T> asSet(Object stored) {
    if (stored == null) {
      return Set.of();
    }
    return stored instanceof Set<?> set ? (Set<T>) set : Set.of((T) stored);
  }

  /** Whether the set that {@code stored} stands for holds {@code element}, without making one. */
  static boolean contains(Object stored, Object element) {
    return stored instanceof Set<?> set ? set.contains(element) : element.equals(stored);
  }

  /** What to keep for {@code elements}: its only element, or an immutable copy. */
  static Object keep(Set<?> elements) {
    return elements.size() == 1 ? elements.iterator().next() : Set.copyOf(elements);
  }
}
