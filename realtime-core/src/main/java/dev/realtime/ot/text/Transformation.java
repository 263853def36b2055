package dev.realtime.ot.text;

import dev.realtime.ot.InvalidOperationException;
import dev.realtime.ot.OperationTransformer.Transformed;
import dev.realtime.ot.Side;

/** Transforms two concurrent operations against each other (the algorithm of ot.js, in Java). */
final class Transformation {

  private Transformation() {}

  /** Both results in one pass; {@code a} takes the left side, so its insert goes first at a tie. */
  static Transformed<TextOperation> transformBoth(TextOperation a, TextOperation b) {
    TextOperation.Builder aPrime = TextOperation.builder();
    TextOperation.Builder bPrime = TextOperation.builder();
    run(a, b, true, aPrime, bPrime);
    return new Transformed<>(aPrime.build(), bPrime.build());
  }

  /**
   * Only {@code a} transformed past {@code b}: what the server needs when it transforms an incoming
   * operation into its history, and half the work of {@link #transformBoth}.
   */
  static TextOperation transform(TextOperation a, TextOperation b, Side side) {
    TextOperation.Builder aPrime = TextOperation.builder();
    run(a, b, side == Side.LEFT, aPrime, null);
    return aPrime.build();
  }

  /** Walks both operations; {@code bPrime} is null when only {@code aPrime} is wanted. */
  private static void run(TextOperation a, TextOperation b, boolean aFirst,
      TextOperation.Builder aPrime, TextOperation.Builder bPrime) {
    if (a.baseLength() != b.baseLength()) {
      throw new InvalidOperationException("cannot transform: base lengths differ ("
          + a.baseLength() + " and " + b.baseLength() + ")");
    }
    boolean both = bPrime != null;
    ComponentCursor x = new ComponentCursor(a);
    ComponentCursor y = new ComponentCursor(b);
    while (!x.done() || !y.done()) {
      // The insert handled first is placed first: a's on the left side, b's on the right.
      if (x.isInsert() && (aFirst || !y.isInsert())) {
        int length = x.remaining();
        aPrime.insert(x.takeText(length));
        if (both) {
          bPrime.retain(length);
        }
        continue;
      }
      if (y.isInsert()) {
        int length = y.remaining();
        aPrime.retain(length);
        if (both) {
          bPrime.insert(y.takeText(length));
        } else {
          y.skip(length);
        }
        continue;
      }
      if (x.done() || y.done()) {
        throw new InvalidOperationException("cannot transform: operations have different lengths");
      }
      int count = Math.min(x.remaining(), y.remaining());
      if (x.isRetain() && y.isRetain()) {
        aPrime.retain(count);
        if (both) {
          bPrime.retain(count);
        }
      } else if (x.isDelete() && y.isRetain()) {
        aPrime.delete(count);
      } else if (both && x.isRetain() && y.isDelete()) {
        bPrime.delete(count);
      }
      // Both deleting the same text: neither needs to delete it again.
      x.skip(count);
      y.skip(count);
    }
  }
}
