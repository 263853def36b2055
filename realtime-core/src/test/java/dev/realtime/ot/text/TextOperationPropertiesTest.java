package dev.realtime.ot.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.ot.OperationTransformer.Transformed;
import dev.realtime.ot.Side;
import dev.realtime.ot.text.Component.Delete;
import dev.realtime.ot.text.Component.Insert;
import dev.realtime.ot.text.Component.Retain;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Seeded random properties of compose, transform, invert, normalisation and the codec. */
class TextOperationPropertiesTest {

  private static final int ITERATIONS = 2_000;

  @Test
  void composeEqualsApplyingInSequence() {
    for (int seed = 0; seed < ITERATIONS; seed++) {
      Random random = RandomEdits.random(seed);
      String s = RandomEdits.text(random, 30);
      TextOperation a = RandomEdits.operation(random, s);
      String afterA = a.apply(s);
      TextOperation b = RandomEdits.operation(random, afterA);
      assertThat(a.compose(b).apply(s)).as("seed %d", seed).isEqualTo(b.apply(afterA));
    }
  }

  @Test
  void transformConvergesOnTextAndOnOperations() {
    for (int seed = 0; seed < ITERATIONS; seed++) {
      Random random = RandomEdits.random(seed);
      String s = RandomEdits.text(random, 30);
      TextOperation a = RandomEdits.operation(random, s);
      TextOperation b = RandomEdits.operation(random, s);
      Transformed<TextOperation> t = TextOperation.transformBoth(a, b);
      String viaA = t.bPrime().apply(a.apply(s));
      String viaB = t.aPrime().apply(b.apply(s));
      assertThat(viaA).as("seed %d", seed).isEqualTo(viaB);
      assertThat(a.compose(t.bPrime())).as("seed %d", seed).isEqualTo(b.compose(t.aPrime()));
      assertThat(a.transform(b, Side.LEFT)).as("seed %d", seed).isEqualTo(t.aPrime());
      assertThat(b.transform(a, Side.RIGHT)).as("seed %d", seed).isEqualTo(t.bPrime());
      // The other tie-break is the same pair with the roles swapped.
      Transformed<TextOperation> swapped = TextOperation.transformBoth(b, a);
      assertThat(a.transform(b, Side.RIGHT)).as("seed %d", seed).isEqualTo(swapped.bPrime());
      assertThat(b.transform(a, Side.LEFT)).as("seed %d", seed).isEqualTo(swapped.aPrime());
    }
  }

  @Test
  void invertUndoes() {
    for (int seed = 0; seed < ITERATIONS; seed++) {
      Random random = RandomEdits.random(seed);
      String s = RandomEdits.text(random, 30);
      TextOperation a = RandomEdits.operation(random, s);
      String after = a.apply(s);
      TextOperation inverse = a.invert(s);
      assertThat(inverse.apply(after)).as("seed %d", seed).isEqualTo(s);
      assertThat(inverse.invert(after)).as("seed %d", seed).isEqualTo(a);
      Rope rope = new Rope(s);
      a.applyTo(rope);
      assertThat(a.invert(new Rope(s))).as("seed %d", seed).isEqualTo(inverse);
      assertThat(rope.toString()).as("seed %d", seed).isEqualTo(after);
    }
  }

  @Test
  void randomComponentSequencesNormaliseToTheirCanonicalForm() {
    for (int seed = 0; seed < ITERATIONS; seed++) {
      Random random = RandomEdits.random(seed);
      List<Component> pieces = new ArrayList<>();
      int count = random.nextInt(12);
      for (int i = 0; i < count; i++) {
        switch (random.nextInt(3)) {
          case 0 -> pieces.add(new Retain(1 + random.nextInt(4)));
          case 1 -> pieces.add(new Insert(RandomEdits.nonEmptyText(random, 3)));
          default -> pieces.add(new Delete(1 + random.nextInt(4)));
        }
      }
      TextOperation.Builder builder = TextOperation.builder();
      pieces.forEach(builder::add);
      TextOperation built = builder.build();
      assertThat(built).as("seed %d", seed).isEqualTo(canonical(pieces));
      assertThat(built.hashCode()).isEqualTo(canonical(pieces).hashCode());
      String base = "x".repeat(built.baseLength());
      assertThat(built.apply(base)).as("seed %d", seed).isEqualTo(naiveApply(pieces, base));
    }
  }

  @Test
  void codecRoundTrips() {
    for (int seed = 0; seed < ITERATIONS; seed++) {
      Random random = RandomEdits.random(seed);
      TextOperation a = RandomEdits.operation(random, RandomEdits.text(random, 30));
      assertThat(TextOperationCodec.fromJson(TextOperationCodec.toJsonString(a))).as("seed %d", seed).isEqualTo(a);
    }
  }

  @Test
  void selectionsStayInsideTheTextAndKeepTheirCharacter() {
    for (int seed = 0; seed < ITERATIONS; seed++) {
      Random random = RandomEdits.random(seed);
      String s = RandomEdits.nonEmptyText(random, 30);
      TextOperation a = RandomEdits.operation(random, s);
      String after = a.apply(s);
      int index = random.nextInt(s.length() + 1);
      int moved = Selection.transformIndex(index, a);
      assertThat(moved).as("seed %d", seed).isBetween(0, a.targetLength());
      // If the character just after the caret survives, the caret is still right before it
      // (text inserted at the caret ends up before the caret, by the ot.js rule).
      if (index < s.length() && survives(a, index)) {
        assertThat(after.charAt(moved)).as("seed %d", seed).isEqualTo(s.charAt(index));
      }
    }
  }

  private static boolean survives(TextOperation op, int index) {
    int position = 0;
    for (Component component : op.components()) {
      if (component instanceof Insert) {
        continue;
      }
      if (index < position + component.length()) {
        return component instanceof Retain;
      }
      position += component.length();
    }
    return false;
  }

  /** Each run between retains becomes all its inserted text then all its deleted length. */
  private static TextOperation canonical(List<Component> pieces) {
    List<Component> out = new ArrayList<>();
    StringBuilder inserted = new StringBuilder();
    int deleted = 0;
    int retained = 0;
    for (Component piece : pieces) {
      if (piece instanceof Retain retain) {
        if (inserted.length() > 0 || deleted > 0) {
          flush(out, inserted, deleted);
          inserted.setLength(0);
          deleted = 0;
        }
        retained += retain.length();
      } else {
        if (retained > 0) {
          out.add(new Retain(retained));
          retained = 0;
        }
        if (piece instanceof Insert insert) {
          inserted.append(insert.text());
        } else {
          deleted += piece.length();
        }
      }
    }
    flush(out, inserted, deleted);
    if (retained > 0) {
      out.add(new Retain(retained));
    }
    TextOperation.Builder builder = TextOperation.builder();
    out.forEach(builder::add);
    TextOperation result = builder.build();
    assertThat(result.components()).isEqualTo(out);
    return result;
  }

  private static void flush(List<Component> out, StringBuilder inserted, int deleted) {
    if (inserted.length() > 0) {
      out.add(new Insert(inserted.toString()));
    }
    if (deleted > 0) {
      out.add(new Delete(deleted));
    }
  }

  private static String naiveApply(List<Component> pieces, String base) {
    StringBuilder out = new StringBuilder();
    int position = 0;
    for (Component piece : pieces) {
      if (piece instanceof Retain) {
        out.append(base, position, position + piece.length());
        position += piece.length();
      } else if (piece instanceof Insert insert) {
        out.append(insert.text());
      } else {
        position += piece.length();
      }
    }
    return out.toString();
  }
}
