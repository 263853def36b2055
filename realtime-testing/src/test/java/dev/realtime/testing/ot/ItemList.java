package dev.realtime.testing.ot;

import dev.realtime.ot.InvalidOperationException;
import dev.realtime.ot.OperationTransformer;
import dev.realtime.ot.Side;
import dev.realtime.testing.ot.ItemEdit.Insert;
import dev.realtime.testing.ot.ItemEdit.Remove;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * A second operation type, written as an application would: a list of items, each operation a
 * sequence of {@link ItemEdit}s applied in order. Two removals of one item cancel; at a tie between
 * two inserts, the one on the left side goes first.
 */
class ItemList implements OperationTransformer<List<String>, List<ItemEdit>> {

  private static final String[] ITEMS = {"a", "b", "c", "d"};

  /** Random lists of up to five items. */
  static List<String> content(Random random) {
    List<String> items = new ArrayList<>();
    int count = random.nextInt(6);
    for (int i = 0; i < count; i++) {
      items.add(ITEMS[random.nextInt(ITEMS.length)]);
    }
    return List.copyOf(items);
  }

  /** A random operation of one to three edits, each made on the list the previous ones left. */
  static List<ItemEdit> operation(Random random, List<String> content) {
    List<ItemEdit> edits = new ArrayList<>();
    int size = content.size();
    int count = 1 + random.nextInt(3);
    for (int i = 0; i < count; i++) {
      if (size > 0 && random.nextInt(3) == 0) {
        edits.add(new Remove(random.nextInt(size)));
        size--;
      } else {
        edits.add(new Insert(random.nextInt(size + 1), ITEMS[random.nextInt(ITEMS.length)]));
        size++;
      }
    }
    return List.copyOf(edits);
  }

  @Override
  public List<String> empty() {
    return List.of();
  }

  @Override
  public List<String> apply(List<String> content, List<ItemEdit> operation) {
    List<String> items = new ArrayList<>(content);
    for (ItemEdit edit : operation) {
      int limit = edit instanceof Insert ? items.size() : items.size() - 1;
      if (edit.index() < 0 || edit.index() > limit) {
        throw new InvalidOperationException(edit + " does not fit a list of " + items.size() + " items");
      }
      if (edit instanceof Insert insert) {
        items.add(insert.index(), insert.item());
      } else {
        items.remove(edit.index());
      }
    }
    return List.copyOf(items);
  }

  @Override
  public List<ItemEdit> transform(List<ItemEdit> operation, List<ItemEdit> against, Side side) {
    return pair(operation, against, side).get(0);
  }

  @Override
  public List<ItemEdit> compose(List<ItemEdit> first, List<ItemEdit> second) {
    return concat(first, second);
  }

  @Override
  public Optional<List<ItemEdit>> invert(List<ItemEdit> operation, List<String> before) {
    List<String> items = new ArrayList<>(before);
    List<ItemEdit> inverse = new ArrayList<>();
    for (ItemEdit edit : operation) {
      if (edit instanceof Insert insert) {
        inverse.add(new Remove(insert.index()));
        items.add(insert.index(), insert.item());
      } else {
        inverse.add(new Insert(edit.index(), items.remove(edit.index())));
      }
    }
    Collections.reverse(inverse);
    return Optional.of(List.copyOf(inverse));
  }

  @Override
  public List<ItemEdit> identity(List<String> content) {
    return List.of();
  }

  @Override
  public int size(List<String> content) {
    return content.size();
  }

  @Override
  public String toString() {
    return "item list";
  }

  /** Returns [a past b, b past a]: edit by edit, each sequence transformed past the other in turn. */
  private List<List<ItemEdit>> pair(List<ItemEdit> a, List<ItemEdit> b, Side side) {
    if (a.isEmpty() || b.isEmpty()) {
      return List.of(a, b);
    }
    if (a.size() > 1) {
      List<List<ItemEdit>> head = pair(a.subList(0, 1), b, side);
      List<List<ItemEdit>> tail = pair(a.subList(1, a.size()), head.get(1), side);
      return List.of(concat(head.get(0), tail.get(0)), tail.get(1));
    }
    if (b.size() > 1) {
      List<List<ItemEdit>> head = pair(a, b.subList(0, 1), side);
      List<List<ItemEdit>> tail = pair(head.get(0), b.subList(1, b.size()), side);
      return List.of(tail.get(0), concat(head.get(1), tail.get(1)));
    }
    return edits(a.get(0), b.get(0), side);
  }

  /** The two single edits past each other; an empty list is an edit that no longer does anything. */
  List<List<ItemEdit>> edits(ItemEdit x, ItemEdit y, Side side) {
    int i = x.index();
    int j = y.index();
    if (x instanceof Insert ix && y instanceof Insert iy) {
      return insertFirst(i, j, side)
          ? List.of(List.of(x), List.of(new Insert(j + 1, iy.item())))
          : List.of(List.of(new Insert(i + 1, ix.item())), List.of(y));
    }
    if (x instanceof Insert ix) {
      return i <= j
          ? List.of(List.of(x), List.of(new Remove(j + 1)))
          : List.of(List.of(new Insert(i - 1, ix.item())), List.of(y));
    }
    if (y instanceof Insert iy) {
      return j <= i
          ? List.of(List.of(new Remove(i + 1)), List.of(y))
          : List.of(List.of(x), List.of(new Insert(j - 1, iy.item())));
    }
    if (i == j) {
      return List.of(List.of(), List.of());
    }
    return i < j
        ? List.of(List.of(x), List.of(new Remove(j - 1)))
        : List.of(List.of(new Remove(i - 1)), List.of(y));
  }

  /** Whether x's insert at {@code i} goes before y's at {@code j}; the side decides a tie. */
  boolean insertFirst(int i, int j, Side side) {
    return i < j || (i == j && side == Side.LEFT);
  }

  private static List<ItemEdit> concat(List<ItemEdit> first, List<ItemEdit> second) {
    List<ItemEdit> all = new ArrayList<>(first);
    all.addAll(second);
    return List.copyOf(all);
  }
}
