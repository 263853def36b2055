package dev.realtime.testing.ot;

/** One edit of a list of items: insert an item before {@code index}, or remove the item at {@code index}. */
sealed interface ItemEdit {

  /** The position the edit touches. */
  int index();

  /** Inserts {@code item} so that it ends up at {@code index}. */
  record Insert(int index, String item) implements ItemEdit {}

  /** Removes the item at {@code index}. */
  record Remove(int index) implements ItemEdit {}
}
