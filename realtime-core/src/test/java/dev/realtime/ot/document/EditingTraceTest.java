package dev.realtime.ot.document;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.ot.text.TextOperation;
import org.junit.jupiter.api.Test;

/** The trace helper converts code-point positions to UTF-16 and clamps to the text. */
class EditingTraceTest {

  @Test
  void convertsCodePointsToUtf16() {
    String text = "a😀b";
    boolean[] clamped = new boolean[1];
    TextOperation op = EditingTrace.operation(new EditingTrace.Patch(2, 1, "x"), text.length(), text, clamped);
    assertThat(op.apply(text)).isEqualTo("a😀x");
    op = EditingTrace.operation(new EditingTrace.Patch(1, 1, ""), text.length(), text, clamped);
    assertThat(op.apply(text)).isEqualTo("ab");
    assertThat(clamped[0]).isFalse();
  }

  @Test
  void clampsToTheText() {
    boolean[] clamped = new boolean[1];
    TextOperation op = EditingTrace.operation(new EditingTrace.Patch(5, 3, "x"), 3, null, clamped);
    assertThat(op.apply("abc")).isEqualTo("abcx");
    assertThat(clamped[0]).isTrue();
  }

  @Test
  void findsTheTraces() {
    assertThat(EditingTrace.directory().resolve("automerge-paper.json.gz")).exists();
  }
}
