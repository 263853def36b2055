package dev.realtime.testing.ot;

import dev.realtime.ot.text.TextOperation;
import java.util.Objects;
import java.util.Random;

/**
 * Random plain text and text operations for {@link TransformerLaws}: short texts that mix ASCII,
 * accented and CJK letters and characters outside the BMP (two UTF-16 code units each), and
 * operations whose boundaries always fall between code points, so every one fits its text.
 */
public final class TextGenerators {

  // Short pieces make ties (inserts at one place, overlapping deletes) common.
  private static final String[] PIECES = {"a", "b", "z", " ", "\n", "é", "中", "😀", "𝄞", "👍🏽"};

  private TextGenerators() {}

  /** Returns a text of up to twelve pieces, often empty or one piece long. */
  public static String content(Random random) {
    return pieces(random, random.nextInt(13));
  }

  /**
   * Returns a random operation over the whole of {@code text}: runs of kept and deleted code
   * points with short inserts between them.
   */
  public static TextOperation operation(Random random, String text) {
    Objects.requireNonNull(text, "text");
    TextOperation.Builder operation = TextOperation.builder();
    int at = 0;
    while (true) {
      if (random.nextInt(4) == 0) {
        operation.insert(pieces(random, 1 + random.nextInt(3)));
      }
      if (at == text.length()) {
        return operation.build();
      }
      int end = text.offsetByCodePoints(at, Math.min(1 + random.nextInt(4), text.codePointCount(at, text.length())));
      if (random.nextInt(3) == 0) {
        operation.delete(end - at);
      } else {
        operation.retain(end - at);
      }
      at = end;
    }
  }

  private static String pieces(Random random, int count) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < count; i++) {
      text.append(PIECES[random.nextInt(PIECES.length)]);
    }
    return text.toString();
  }
}
