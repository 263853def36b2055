package dev.realtime.examples.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class BoundedHistoryTest {

  @Test
  void keepsTheNewestOldestFirst() {
    BoundedHistory<Integer> history = new BoundedHistory<>(3);
    for (int i = 1; i <= 5; i++) {
      history.add(i);
    }

    assertThat(history.toList()).containsExactly(3, 4, 5);
    assertThat(history.latest()).contains(5);
    assertThat(history.size()).isEqualTo(3);
    assertThat(history.capacity()).isEqualTo(3);
  }

  @Test
  void addAllEvictsAsNeeded() {
    BoundedHistory<String> history = new BoundedHistory<>(2);
    history.addAll(List.of("a", "b", "c"));

    assertThat(history.toList()).containsExactly("b", "c");
  }

  @Test
  void copiesAreImmutableAndDetached() {
    BoundedHistory<String> history = new BoundedHistory<>(2);
    history.add("a");
    List<String> copy = history.toList();
    history.add("b");

    assertThat(copy).containsExactly("a");
    assertThatThrownBy(() -> copy.add("x")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void rejectsNullsAndZeroCapacity() {
    assertThatThrownBy(() -> new BoundedHistory<String>(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new BoundedHistory<String>(1).add(null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void emptyHistoryHasNoLatest() {
    assertThat(new BoundedHistory<String>(5).latest()).isEmpty();
  }
}
