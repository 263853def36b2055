package dev.realtime.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class NotificationFilterTest {
  private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

  private static Notification note(NotificationType type, int priority, String category) {
    Notification.Builder builder =
        Notification.builder()
            .id("n")
            .type(type)
            .title("t")
            .message("m")
            .priority(priority)
            .createdAt(T0);
    if (category != null) {
      builder.category(category);
    }
    return builder.build();
  }

  @Test
  void emptyFilterMatchesEverything() {
    NotificationFilter all = NotificationFilter.all();
    assertThat(all.matchesEverything()).isTrue();
    for (NotificationType type : NotificationType.values()) {
      for (int p = 1; p <= 5; p++) {
        assertThat(all.matches(note(type, p, null), false)).isTrue();
        assertThat(all.matches(note(type, p, "c"), true)).isTrue();
      }
    }
  }

  @Test
  void typesKeepOnlyListedTypes() {
    NotificationFilter filter =
        NotificationFilter.all().withTypes(NotificationType.ERROR, NotificationType.WARNING);
    assertThat(filter.matches(note(NotificationType.ERROR, 3, null), false)).isTrue();
    assertThat(filter.matches(note(NotificationType.WARNING, 3, null), false)).isTrue();
    assertThat(filter.matches(note(NotificationType.INFO, 3, null), false)).isFalse();
    assertThat(filter.withTypes().matches(note(NotificationType.INFO, 3, null), false)).isTrue();
  }

  @Test
  void categoriesKeepOnlyListedCategoriesAndExcludeUncategorised() {
    NotificationFilter filter = NotificationFilter.all().withCategories("billing");
    assertThat(filter.matches(note(NotificationType.INFO, 3, "billing"), false)).isTrue();
    assertThat(filter.matches(note(NotificationType.INFO, 3, "security"), false)).isFalse();
    assertThat(filter.matches(note(NotificationType.INFO, 3, null), false)).isFalse();
  }

  @Test
  void minimumPriorityIsInclusive() {
    NotificationFilter filter = NotificationFilter.all().withMinPriority(4);
    assertThat(filter.matches(note(NotificationType.INFO, 3, null), false)).isFalse();
    assertThat(filter.matches(note(NotificationType.INFO, 4, null), false)).isTrue();
    assertThat(filter.matches(note(NotificationType.INFO, 5, null), false)).isTrue();
  }

  @Test
  void onlyUnreadRejectsRead() {
    NotificationFilter filter = NotificationFilter.all().withOnlyUnread(true);
    Notification n = note(NotificationType.INFO, 3, null);
    assertThat(filter.matches(n, false)).isTrue();
    assertThat(filter.matches(n, true)).isFalse();
    assertThat(NotificationFilter.all().matches(n, true)).isTrue();
  }

  @Test
  void criteriaCombineWithAnd() {
    NotificationFilter filter =
        NotificationFilter.all()
            .withTypes(NotificationType.ERROR)
            .withCategories("ops")
            .withMinPriority(3)
            .withOnlyUnread(true);
    assertThat(filter.matchesEverything()).isFalse();
    assertThat(filter.matches(note(NotificationType.ERROR, 3, "ops"), false)).isTrue();
    assertThat(filter.matches(note(NotificationType.INFO, 3, "ops"), false)).isFalse();
    assertThat(filter.matches(note(NotificationType.ERROR, 2, "ops"), false)).isFalse();
    assertThat(filter.matches(note(NotificationType.ERROR, 3, "dev"), false)).isFalse();
    assertThat(filter.matches(note(NotificationType.ERROR, 3, "ops"), true)).isFalse();
  }

  @Test
  void withersReturnNewFiltersAndLeaveTheOriginalUntouched() {
    NotificationFilter base = NotificationFilter.all();
    NotificationFilter narrowed = base.withMinPriority(5);
    assertThat(base.minPriority()).isEqualTo(1);
    assertThat(narrowed.minPriority()).isEqualTo(5);
    assertThat(base.withMinPriority(5)).isEqualTo(narrowed);
  }

  @Test
  void rejectsOutOfRangePriorityNamingTheField() {
    assertThatThrownBy(() -> NotificationFilter.all().withMinPriority(6))
        .isInstanceOf(NotificationValidationException.class)
        .hasMessageStartingWith("min_priority:")
        .extracting(e -> ((NotificationValidationException) e).field())
        .isEqualTo("min_priority");
    assertThatThrownBy(() -> NotificationFilter.all().withMinPriority(0))
        .isInstanceOf(NotificationValidationException.class);
  }

  @Test
  void setsAreImmutable() {
    NotificationFilter filter = NotificationFilter.all().withTypes(NotificationType.INFO);
    assertThatThrownBy(() -> filter.types().add(NotificationType.ERROR))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
