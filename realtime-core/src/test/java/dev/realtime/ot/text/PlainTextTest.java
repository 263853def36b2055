package dev.realtime.ot.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.realtime.ot.InvalidOperationException;
import dev.realtime.ot.OperationTransformer.Transformed;
import dev.realtime.ot.Side;
import dev.realtime.ot.WorkingCopy;
import org.junit.jupiter.api.Test;

/** Plain text through the contract: the same results as the algebra, and a rope that edits in place. */
class PlainTextTest {

  private final PlainText text = PlainText.INSTANCE;

  @Test
  void answersWithTheAlgebrasResults() {
    TextOperation a = TextOperation.insert(2, 1, "A");
    TextOperation b = TextOperation.delete(2, 0, 1);
    assertThat(text.empty()).isEmpty();
    assertThat(text.apply("xy", a)).isEqualTo("xAy");
    assertThat(text.transform(a, b, Side.LEFT)).isEqualTo(a.transform(b, Side.LEFT));
    assertThat(text.transformBoth(a, b)).isEqualTo(TextOperation.transformBoth(a, b));
    assertThat(text.compose(a, TextOperation.delete(3, 2, 1))).isEqualTo(TextOperation.builder().retain(1).insert("A").delete(1).build());
    assertThat(text.invert(a, "xy")).contains(TextOperation.delete(3, 1, 1));
    assertThat(text.identity("xyz")).isEqualTo(TextOperation.identity(3));
    assertThat(text.size("a😀")).isEqualTo(3);
  }

  @Test
  void theDefaultPairEqualsTheOnePassPair() {
    TextOperation a = TextOperation.insert(2, 1, "A");
    TextOperation b = TextOperation.insert(2, 1, "B");
    Transformed<TextOperation> pair = text.transformBoth(a, b);
    assertThat(pair.aPrime()).isEqualTo(text.transform(a, b, Side.LEFT));
    assertThat(pair.bPrime()).isEqualTo(text.transform(b, a, Side.RIGHT));
  }

  @Test
  void workingCopyEditsInPlaceAndRefusesWhatDoesNotFit() {
    WorkingCopy<String, TextOperation> copy = text.workingCopy("a😀");
    copy.apply(TextOperation.insert(3, 3, "b"));
    assertThat(copy.content()).isEqualTo("a😀b");
    assertThat(copy.size()).isEqualTo(4);
    assertThatThrownBy(() -> copy.apply(TextOperation.insert(4, 2, "x")))
        .isInstanceOf(InvalidOperationException.class).hasMessageContaining("surrogate");
    assertThatThrownBy(() -> copy.apply(TextOperation.identity(3)))
        .isInstanceOf(InvalidOperationException.class).hasMessageContaining("length");
    assertThat(copy.content()).isEqualTo("a😀b");
  }

  @Test
  void rejectsNulls() {
    assertThatThrownBy(() -> text.apply("", null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> text.apply(null, TextOperation.identity(0))).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> text.invert(TextOperation.identity(0), null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> text.workingCopy(null)).isInstanceOf(NullPointerException.class);
  }
}
