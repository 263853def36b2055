package dev.realtime.ot.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SelectionTest {

  @Test
  void insertBeforeOrAtTheCaretMovesIt() {
    assertThat(Selection.caret(3).transform(TextOperation.insert(5, 1, "xy"))).isEqualTo(Selection.caret(5));
    assertThat(Selection.caret(3).transform(TextOperation.insert(5, 3, "xy"))).isEqualTo(Selection.caret(5));
    assertThat(Selection.caret(3).transform(TextOperation.insert(5, 4, "xy"))).isEqualTo(Selection.caret(3));
  }

  @Test
  void deletesPullIndexesBackAndCollapseIntoTheRange() {
    assertThat(Selection.caret(4).transform(TextOperation.delete(5, 0, 2))).isEqualTo(Selection.caret(2));
    assertThat(Selection.caret(3).transform(TextOperation.delete(5, 1, 3))).isEqualTo(Selection.caret(1));
    assertThat(new Selection(1, 4).transform(TextOperation.delete(5, 2, 3))).isEqualTo(new Selection(1, 2));
    assertThat(new Selection(4, 1).transform(TextOperation.insert(5, 0, "ab"))).isEqualTo(new Selection(6, 3));
  }

  @Test
  void rejectsIndexesOutsideTheText() {
    assertThatThrownBy(() -> Selection.transformIndex(6, TextOperation.identity(5)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Selection(-1, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThat(Selection.caret(2).isCaret()).isTrue();
  }
}
