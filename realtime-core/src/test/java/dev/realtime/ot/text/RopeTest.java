package dev.realtime.ot.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RopeTest {

  @Test
  void randomEditsMatchAStringBuilder() {
    for (int seed = 0; seed < 50; seed++) {
      Random random = RandomEdits.random(seed);
      StringBuilder expected = new StringBuilder("start".repeat(random.nextInt(400)));
      Rope rope = new Rope(expected);
      for (int step = 0; step < 400; step++) {
        int position = random.nextInt(expected.length() + 1);
        if (random.nextInt(3) > 0 || expected.length() == 0) {
          String text = random.nextInt(20) == 0 ? "p".repeat(random.nextInt(1500)) : "ab".substring(random.nextInt(2));
          rope.insert(position, text);
          expected.insert(position, text);
        } else {
          int count = Math.min(expected.length() - position, random.nextInt(10) == 0 ? random.nextInt(2000) : 1 + random.nextInt(3));
          rope.delete(position, count);
          expected.delete(position, position + count);
        }
        assertThat(rope.length()).as("seed %d step %d", seed, step).isEqualTo(expected.length());
        if (expected.length() > 0) {
          int index = random.nextInt(expected.length());
          assertThat(rope.charAt(index)).isEqualTo(expected.charAt(index));
          int end = index + random.nextInt(expected.length() - index + 1);
          assertThat(rope.substring(index, end)).isEqualTo(expected.substring(index, end));
        }
      }
      assertThat(rope.toString()).as("seed %d", seed).isEqualTo(expected.toString());
    }
  }

  @Test
  void rejectsOutOfRangeEdits() {
    Rope rope = new Rope("abc");
    assertThatThrownBy(() -> rope.insert(4, "x")).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> rope.delete(2, 2)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> rope.charAt(3)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThat(rope.subSequence(1, 3).toString()).isEqualTo("bc");
    assertThat(new Rope().toString()).isEmpty();
  }
}
