package dev.realtime.ot.text;

import dev.realtime.ot.InvalidOperationException;

/** Composes two consecutive operations into one (the algorithm of ot.js, written for Java). */
final class Composition {

  private Composition() {}

  static TextOperation compose(TextOperation first, TextOperation second) {
    if (first.targetLength() != second.baseLength()) {
      throw new InvalidOperationException("cannot compose: first produces length "
          + first.targetLength() + " but second expects " + second.baseLength());
    }
    TextOperation.Builder result = TextOperation.builder();
    ComponentCursor a = new ComponentCursor(first);
    ComponentCursor b = new ComponentCursor(second);
    while (!a.done() || !b.done()) {
      // Deletes of the first and inserts of the second touch nothing of the other operation.
      if (a.isDelete()) {
        result.delete(a.remaining());
        a.skip(a.remaining());
        continue;
      }
      if (b.isInsert()) {
        result.insert(b.takeText(b.remaining()));
        continue;
      }
      if (a.done() || b.done()) {
        throw new InvalidOperationException("cannot compose: operations have different lengths");
      }
      int count = Math.min(a.remaining(), b.remaining());
      if (a.isRetain()) {
        if (b.isRetain()) {
          result.retain(count);
        } else {
          result.delete(count);
        }
        a.skip(count);
      } else {
        // a inserts: a retain of b keeps the inserted text, a delete of b cancels it.
        String text = a.takeText(count);
        if (b.isRetain()) {
          result.insert(text);
        }
      }
      b.skip(count);
    }
    return result.build();
  }
}
