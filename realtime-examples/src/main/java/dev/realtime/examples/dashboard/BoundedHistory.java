package dev.realtime.examples.dashboard;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The most recent items up to a fixed capacity, oldest first; the oldest is evicted on overflow.
 *
 * <p>Thread-safe. The dashboard keeps its last 100 samples in one. Readers get immutable copies,
 * so they never observe a half-applied eviction.
 */
final class BoundedHistory<T> {

  private final int capacity;
  private final ArrayDeque<T> items;

  /** Creates an empty history that keeps at most {@code capacity} items. */
  BoundedHistory(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
    }
    this.capacity = capacity;
    this.items = new ArrayDeque<>(capacity);
  }

  /** Appends an item, evicting the oldest when full. */
  synchronized void add(T item) {
    Objects.requireNonNull(item, "item");
    if (items.size() == capacity) {
      items.removeFirst();
    }
    items.addLast(item);
  }

  /** Appends items in order, evicting the oldest as needed. */
  synchronized void addAll(List<? extends T> newItems) {
    Objects.requireNonNull(newItems, "newItems").forEach(this::add);
  }

  /** Returns an immutable copy of the items, oldest first. */
  synchronized List<T> toList() {
    return List.copyOf(items);
  }

  /** Returns the newest item, or empty when nothing was added yet. */
  synchronized Optional<T> latest() {
    return Optional.ofNullable(items.peekLast());
  }

  /** Returns how many items are held now. */
  synchronized int size() {
    return items.size();
  }

  /** Returns the most items this history keeps. */
  int capacity() {
    return capacity;
  }
}
