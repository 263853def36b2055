package dev.realtime.examples.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SelectionTest {
  @Test
  void everyClientStartsWithEverything() {
    assertThat(Selection.EVERYTHING.accepts("page_view")).isTrue();
    assertThat(Selection.EVERYTHING.accepts("anything")).isTrue();
    assertThat(Selection.NOTHING.accepts("page_view")).isFalse();
  }

  @Test
  void aFirstSubscriptionNarrowsToThoseKindsAndLaterOnesAdd() {
    Selection only = Selection.EVERYTHING.subscribe(List.of("page_view"));
    assertThat(only).isEqualTo(new Selection(false, Set.of("page_view")));
    assertThat(only.accepts("page_view")).isTrue();
    assertThat(only.accepts("click")).isFalse();
    Selection two = only.subscribe(List.of("click"));
    assertThat(two.accepts("click")).isTrue();
    assertThat(two.unsubscribe(List.of("page_view", "click"))).isEqualTo(Selection.NOTHING);
  }

  @Test
  void unsubscribingFromEverythingExcludesJustThose() {
    Selection most = Selection.EVERYTHING.unsubscribe(List.of("click"));
    assertThat(most).isEqualTo(new Selection(true, Set.of("click")));
    assertThat(most.accepts("click")).isFalse();
    assertThat(most.accepts("page_view")).isTrue();
    // subscribing again takes the exclusion back
    assertThat(most.subscribe(List.of("click"))).isEqualTo(Selection.EVERYTHING);
  }

  @Test
  void namesAreSorted() {
    assertThat(new Selection(false, Set.of("b", "a", "c")).sortedNames()).containsExactly("a", "b", "c");
  }
}
