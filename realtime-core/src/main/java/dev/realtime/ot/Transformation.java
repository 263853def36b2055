package dev.realtime.ot;

/** Transforms two concurrent operations against each other (the algorithm of ot.js, in Java). */
final class Transformation {

  private Transformation() {}

  static TextOperation.Transformed transform(TextOperation a, TextOperation b) {
    if (a.baseLength() != b.baseLength()) {
      throw new InvalidOperationException("cannot transform: base lengths differ ("
          + a.baseLength() + " and " + b.baseLength() + ")");
    }
    TextOperation.Builder aPrime = TextOperation.builder();
    TextOperation.Builder bPrime = TextOperation.builder();
    ComponentCursor x = new ComponentCursor(a);
    ComponentCursor y = new ComponentCursor(b);
    while (!x.done() || !y.done()) {
      // a's insert is handled first, which places it before b's insert at the same position.
      if (x.isInsert()) {
        int length = x.remaining();
        aPrime.insert(x.takeText(length));
        bPrime.retain(length);
        continue;
      }
      if (y.isInsert()) {
        int length = y.remaining();
        aPrime.retain(length);
        bPrime.insert(y.takeText(length));
        continue;
      }
      if (x.done() || y.done()) {
        throw new InvalidOperationException("cannot transform: operations have different lengths");
      }
      int count = Math.min(x.remaining(), y.remaining());
      if (x.isRetain() && y.isRetain()) {
        aPrime.retain(count);
        bPrime.retain(count);
      } else if (x.isDelete() && y.isRetain()) {
        aPrime.delete(count);
      } else if (x.isRetain() && y.isDelete()) {
        bPrime.delete(count);
      }
      // Both deleting the same text: neither needs to delete it again.
      x.skip(count);
      y.skip(count);
    }
    return new TextOperation.Transformed(aPrime.build(), bPrime.build());
  }
}
