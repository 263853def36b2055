package dev.realtime.ot.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.realtime.ot.InvalidOperationException;
import dev.realtime.ot.OperationTransformer.Transformed;
import dev.realtime.ot.Side;
import dev.realtime.ot.text.Component.Delete;
import dev.realtime.ot.text.Component.Insert;
import dev.realtime.ot.text.Component.Retain;
import org.junit.jupiter.api.Test;

class TextOperationTest {

  private static final String EMOJI = "😀";

  @Test
  void appliesRetainInsertDelete() {
    TextOperation op = TextOperation.builder().retain(3).insert("abc").delete(2).retain(5).build();
    assertThat(op.baseLength()).isEqualTo(10);
    assertThat(op.targetLength()).isEqualTo(11);
    assertThat(op.apply("0123456789")).isEqualTo("012abc56789");
    assertThat(op.toString()).isEqualTo("[3,\"abc\",-2,5]");
  }

  @Test
  void normalisesSoEqualEditsAreEqual() {
    TextOperation a = TextOperation.builder().retain(1).retain(2).delete(1).insert("a").insert("b").delete(1).retain(0).build();
    TextOperation b = TextOperation.builder().retain(3).insert("ab").delete(2).build();
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a.components()).containsExactly(new Retain(3), new Insert("ab"), new Delete(2));
    assertThat(TextOperation.builder().build().isIdentity()).isTrue();
    assertThat(TextOperation.identity(4).isIdentity()).isTrue();
    assertThat(a.isIdentity()).isFalse();
    assertThat(a).isNotEqualTo(TextOperation.builder().retain(3).insert("ab").delete(2).retain(1).build());
  }

  @Test
  void factoriesBuildSingleEdits() {
    assertThat(TextOperation.insert(5, 2, "xy").apply("abcde")).isEqualTo("abxycde");
    assertThat(TextOperation.delete(5, 1, 3).apply("abcde")).isEqualTo("ae");
    assertThatThrownBy(() -> TextOperation.insert(5, 6, "x")).isInstanceOf(InvalidOperationException.class);
    assertThatThrownBy(() -> TextOperation.delete(5, 3, 3)).isInstanceOf(InvalidOperationException.class);
    assertThatThrownBy(() -> TextOperation.builder().retain(-1)).isInstanceOf(InvalidOperationException.class);
    assertThatThrownBy(() -> new Component.Retain(0)).isInstanceOf(InvalidOperationException.class);
    assertThatThrownBy(() -> new Component.Insert("")).isInstanceOf(InvalidOperationException.class);
    assertThatThrownBy(() -> new Component.Delete(-2)).isInstanceOf(InvalidOperationException.class);
  }

  @Test
  void rejectsABaseLengthMismatch() {
    TextOperation op = TextOperation.insert(3, 0, "x");
    assertThatThrownBy(() -> op.apply("ab"))
        .isInstanceOf(InvalidOperationException.class).hasMessageContaining("base length 3");
    Rope rope = new Rope("ab");
    assertThatThrownBy(() -> op.applyTo(rope)).isInstanceOf(InvalidOperationException.class);
    assertThat(rope.toString()).isEqualTo("ab");
  }

  @Test
  void rejectsBoundariesInsideASurrogatePair() {
    String text = "a" + EMOJI + "b";
    assertThatThrownBy(() -> TextOperation.insert(4, 2, "x").apply(text))
        .isInstanceOf(InvalidOperationException.class).hasMessageContaining("surrogate pair");
    assertThatThrownBy(() -> TextOperation.delete(4, 1, 1).apply(text))
        .isInstanceOf(InvalidOperationException.class);
    assertThatThrownBy(() -> TextOperation.delete(4, 2, 2).apply(text))
        .isInstanceOf(InvalidOperationException.class);
    assertThat(TextOperation.delete(4, 1, 2).apply(text)).isEqualTo("ab");
    Rope rope = new Rope(text);
    assertThatThrownBy(() -> TextOperation.delete(4, 2, 1).applyTo(rope)).isInstanceOf(InvalidOperationException.class);
    assertThat(rope.toString()).isEqualTo(text);
  }

  @Test
  void rejectsInsertsWithHalfAPair() {
    assertThatThrownBy(() -> TextOperation.insert(0, 0, "\uDE00x"))
        .isInstanceOf(InvalidOperationException.class).hasMessageContaining("surrogate");
    assertThatThrownBy(() -> TextOperation.insert(0, 0, "x\uD83D"))
        .isInstanceOf(InvalidOperationException.class);
    // Halves added separately but merged into one insert are a whole pair.
    assertThat(TextOperation.builder().insert("\uD83D").insert("\uDE00").build().apply("")).isEqualTo(EMOJI);
  }

  @Test
  void composes() {
    TextOperation a = TextOperation.insert(3, 3, "def");
    TextOperation b = TextOperation.delete(6, 0, 2);
    TextOperation ab = a.compose(b);
    assertThat(ab.apply("abc")).isEqualTo("cdef");
    assertThat(ab).isEqualTo(TextOperation.builder().delete(2).retain(1).insert("def").build());
    assertThatThrownBy(() -> a.compose(a))
        .isInstanceOf(InvalidOperationException.class).hasMessageContaining("compose");
  }

  @Test
  void composeRejectsSplittingAnInsertedPair() {
    TextOperation a = TextOperation.insert(0, 0, EMOJI);
    TextOperation b = TextOperation.builder().retain(1).delete(1).build();
    assertThatThrownBy(() -> a.compose(b)).isInstanceOf(InvalidOperationException.class);
  }

  @Test
  void transformPutsTheFirstOperationsInsertFirst() {
    TextOperation client = TextOperation.insert(2, 1, "C");
    TextOperation server = TextOperation.insert(2, 1, "S");
    Transformed<TextOperation> t = TextOperation.transformBoth(client, server);
    assertThat(t.aPrime().apply(server.apply("ab"))).isEqualTo("aCSb");
    assertThat(t.bPrime().apply(client.apply("ab"))).isEqualTo("aCSb");
    Transformed<TextOperation> reversed = TextOperation.transformBoth(server, client);
    assertThat(reversed.aPrime().apply(client.apply("ab"))).isEqualTo("aSCb");
  }

  @Test
  void transformTakesTheTieBreakSide() {
    TextOperation client = TextOperation.insert(2, 1, "C");
    TextOperation server = TextOperation.insert(2, 1, "S");
    assertThat(client.transform(server, Side.LEFT).apply(server.apply("ab"))).isEqualTo("aCSb");
    assertThat(client.transform(server, Side.RIGHT).apply(server.apply("ab"))).isEqualTo("aSCb");
    assertThat(server.transform(client, Side.RIGHT).apply(client.apply("ab"))).isEqualTo("aCSb");
    assertThat(Side.LEFT.opposite()).isEqualTo(Side.RIGHT);
    assertThat(Side.RIGHT.opposite()).isEqualTo(Side.LEFT);
  }

  @Test
  void transformHandlesOverlappingDeletes() {
    TextOperation a = TextOperation.delete(6, 1, 3);
    TextOperation b = TextOperation.delete(6, 2, 3);
    Transformed<TextOperation> t = TextOperation.transformBoth(a, b);
    assertThat(t.bPrime().apply(a.apply("abcdef"))).isEqualTo("af");
    assertThat(t.aPrime().apply(b.apply("abcdef"))).isEqualTo("af");
    assertThatThrownBy(() -> TextOperation.transformBoth(a, TextOperation.identity(5)))
        .isInstanceOf(InvalidOperationException.class).hasMessageContaining("base lengths");
  }

  @Test
  void invertsAgainstStringsAndRopes() {
    TextOperation op = TextOperation.builder().retain(1).insert("XY").delete(2).retain(1).build();
    TextOperation inverse = op.invert("abcd");
    assertThat(inverse.apply(op.apply("abcd"))).isEqualTo("abcd");
    assertThat(op.invert(new Rope("abcd"))).isEqualTo(inverse);
    assertThatThrownBy(() -> op.invert("abc")).isInstanceOf(InvalidOperationException.class);
  }

  @Test
  void rejectsNulls() {
    TextOperation op = TextOperation.identity(1);
    assertThatThrownBy(() -> op.apply(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> op.compose(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> TextOperation.transformBoth(op, null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> op.transform(null, Side.LEFT)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> op.transform(op, null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> TextOperation.builder().insert(null)).isInstanceOf(NullPointerException.class);
  }
}
