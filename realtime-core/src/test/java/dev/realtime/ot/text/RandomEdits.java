package dev.realtime.ot.text;

import java.util.Random;
import java.util.SplittableRandom;

/** Seeded random texts and operations that respect surrogate pairs, for property tests and simulations. */
final class RandomEdits {

  // Mixes ASCII with two-unit code points (emoji, a skin-tone modifier, a musical symbol).
  private static final String[] PIECES = {
    "a", "b", "c", "x", " ", "\n", "é", "中", "😀", "👍🏽", "𝄞", "🙂"
  };

  private RandomEdits() {}

  /** A generator for {@code seed}; mixing it first avoids {@link Random}'s similar first draws for nearby seeds. */
  static Random random(long seed) {
    return new Random(new SplittableRandom(seed).nextLong());
  }

  static String text(Random random, int maxCodePoints) {
    StringBuilder out = new StringBuilder();
    int count = random.nextInt(maxCodePoints + 1);
    while (out.codePointCount(0, out.length()) < count) {
      out.append(PIECES[random.nextInt(PIECES.length)]);
    }
    return out.toString();
  }

  static String nonEmptyText(Random random, int maxCodePoints) {
    String text = text(random, maxCodePoints);
    return text.isEmpty() ? PIECES[random.nextInt(PIECES.length)] : text;
  }

  /** A random operation over the whole of {@code text} whose boundaries fall between code points. */
  static TextOperation operation(Random random, String text) {
    TextOperation.Builder builder = TextOperation.builder();
    int position = 0;
    while (position < text.length()) {
      int left = text.codePointCount(position, text.length());
      int count = 1 + random.nextInt(Math.min(left, 5));
      int end = text.offsetByCodePoints(position, count);
      switch (random.nextInt(4)) {
        case 0 -> builder.insert(nonEmptyText(random, 3));
        case 1 -> {
          builder.delete(end - position);
          position = end;
        }
        default -> {
          builder.retain(end - position);
          position = end;
        }
      }
    }
    if (random.nextInt(3) == 0) {
      builder.insert(nonEmptyText(random, 3));
    }
    return builder.build();
  }

  /** A typical editor edit: one insert or one delete at a code-point boundary, sometimes a replace. */
  static TextOperation edit(Random random, String text) {
    int codePoints = text.codePointCount(0, text.length());
    int at = text.offsetByCodePoints(0, random.nextInt(codePoints + 1));
    int choice = random.nextInt(10);
    if (codePoints > 0 && choice < 3) {
      int start = text.codePointCount(0, at);
      int count = Math.min(codePoints - start, 1 + random.nextInt(3));
      if (count > 0) {
        int end = text.offsetByCodePoints(at, count);
        return TextOperation.builder().retain(at).delete(end - at)
            .insert(choice == 0 ? nonEmptyText(random, 2) : "")
            .retain(text.length() - end).build();
      }
    }
    if (choice == 9) {
      return operation(random, text);
    }
    return TextOperation.insert(text.length(), at, nonEmptyText(random, 3));
  }
}
