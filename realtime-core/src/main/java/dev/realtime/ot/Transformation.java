package dev.realtime.ot;

/** Transforms two concurrent operations against each other (the algorithm of ot.js, in Java). */
final class Transformation {

  private Transformation() {}

  static TextOperation.Transformed transform(TextOperation a, TextOperation b) {
    return run(a, b, true);
  }

  /** Only {@code aPrime}: what the server needs when it transforms an incoming operation into its history. */
  static TextOperation transformFirst(TextOperation a, TextOperation b) {
    return run(a, b, false).aPrime();
  }

  private static TextOperation.Transformed run(TextOperation a, TextOperation b, boolean both) {
    if (a.baseLength() != b.baseLength()) {
      throw new InvalidOperationException("cannot transform: base lengths differ ("
          + a.baseLength() + " and " + b.baseLength() + ")");
    }
    TextOperation.Builder aPrime = TextOperation.builder();
    // When b' is not wanted a throwaway builder would cost as much as a'; skip it instead.
    TextOperation.Builder bPrime = both ? TextOperation.builder() : null;
    ComponentCursor x = new ComponentCursor(a);
    ComponentCursor y = new ComponentCursor(b);
    while (!x.done() || !y.done()) {
      // a's insert is handled first, which places it before b's insert at the same position.
      if (x.isInsert()) {
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
    TextOperation first = aPrime.build();
    return new TextOperation.Transformed(first, both ? bPrime.build() : first);
  }
}
