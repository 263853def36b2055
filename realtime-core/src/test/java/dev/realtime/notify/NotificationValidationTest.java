package dev.realtime.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

class NotificationValidationTest {
  private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");


  private static Notification.Builder valid() {
    return Notification.builder()
        .id("n1")
        .type(NotificationType.WARNING)
        .title("Disk almost full")
        .message("92% used on /var")
        .priority(4)
        .createdAt(T0);
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> assertRejected(
      Notification.Builder draft, String field) {
    return assertThatThrownBy(draft::build)
        .isInstanceOf(NotificationValidationException.class)
        .hasMessageStartingWith(field + ":")
        .matches(e -> ((NotificationValidationException) e).field().equals(field));
  }

  @Test
  void validDraftBuildsWithDefaults() {
    Notification n =
        Notification.builder()
            .id("x")
            .type(NotificationType.INFO)
            .title("a")
            .message("b")
            .createdAt(T0)
            .build();
    assertThat(n.priority()).isEqualTo(Notification.DEFAULT_PRIORITY);
    assertThat(n.audience()).isEqualTo(Audience.everyone());
    assertThat(n.category()).isEmpty();
    assertThat(n.metadata()).isEmpty();
  }

  @Test
  void titleAndMessageAreRequired() {
    assertRejected(valid().title(""), "title");
    assertRejected(valid().title("   "), "title");
    assertRejected(valid().message(""), "message");
    assertRejected(
        Notification.builder().id("x").type(NotificationType.INFO).message("m").createdAt(T0),
        "title");
  }

  @Test
  void typeIsRequired() {
    assertRejected(Notification.builder().id("x").title("t").message("m").createdAt(T0), "type");
  }

  @Test
  void priorityMustBeOneToFive() {
    assertRejected(valid().priority(0), "priority");
    assertRejected(valid().priority(6), "priority");
    assertThat(valid().priority(1).build().priority()).isEqualTo(1);
    assertThat(valid().priority(5).build().priority()).isEqualTo(5);
  }

  @Test
  void expiryMustFollowCreation() {
    assertRejected(valid().expiresAt(T0), "expires_at");
    assertRejected(valid().expiresAt(T0.minusSeconds(1)), "expires_at");
    assertThat(valid().expiresAt(T0.plus(Duration.ofMinutes(1))).build().expiresAt()).isPresent();
  }

  @Test
  void idAndCreationTimeAreRequiredOutsideTheCenter() {
    assertRejected(valid().createdAt(T0).id(" "), "id");
    Notification.Builder noTime =
        Notification.builder().id("x").type(NotificationType.INFO).title("t").message("m");
    assertRejected(noTime, "created_at");
  }

  @Test
  void sizesAreBounded() {
    assertThat(valid().title("t".repeat(NotificationLimits.MAX_TITLE_LENGTH)).build()).isNotNull();
    assertRejected(valid().title("t".repeat(NotificationLimits.MAX_TITLE_LENGTH + 1)), "title")
        .hasMessageContaining("limit is 200");
    assertRejected(
        valid().message("m".repeat(NotificationLimits.MAX_MESSAGE_LENGTH + 1)), "message");
    assertRejected(
        valid().category("c".repeat(NotificationLimits.MAX_CATEGORY_LENGTH + 1)), "category");
    assertRejected(valid().id("i".repeat(NotificationLimits.MAX_ID_LENGTH + 1)), "id");
  }

  @Test
  void metadataIsBoundedAndScalar() {
    Map<String, Object> many = new HashMap<>();
    for (int i = 0; i <= NotificationLimits.MAX_METADATA_ENTRIES; i++) {
      many.put("k" + i, i);
    }
    assertRejected(valid().metadata(many), "metadata");
    assertRejected(valid().putMetadata("k".repeat(65), "v"), "metadata." + "k".repeat(65));
    assertRejected(valid().putMetadata("big", "v".repeat(1_001)), "metadata.big");
    assertRejected(valid().putMetadata("nan", Double.NaN), "metadata.nan");
    assertRejected(valid().putMetadata("list", List.of(1)), "metadata.list");
    assertRejected(valid().putMetadata("", "v"), "metadata");
  }

  @Test
  void metadataIsAnImmutableCopyKeepingOrder() {
    Map<String, Object> source = new java.util.LinkedHashMap<>();
    source.put("z", 1);
    source.put("a", true);
    Notification n = valid().metadata(source).build();
    source.put("later", "x");
    assertThat(n.metadata()).containsExactly(Map.entry("z", 1), Map.entry("a", true));
    assertThatThrownBy(() -> n.metadata().put("k", "v"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void actionUrlMustBeRelativeOrHttp() {
    assertThat(valid().actionUrl("/orders/42").build().actionUrl()).contains("/orders/42");
    assertThat(valid().actionUrl("https://example.com/x").build().actionUrl()).isPresent();
    assertRejected(valid().actionUrl("javascript:alert(1)"), "action_url");
    assertRejected(valid().actionUrl("http://bad host/"), "action_url");
  }

  @Test
  void toBuilderRoundTrips() {
    Notification n =
        valid()
            .category("ops")
            .expiresAt(T0.plusSeconds(60))
            .actionUrl("/x")
            .audience(Audience.role("admin"))
            .putMetadata("host", "db1")
            .build();
    assertThat(n.toBuilder().build()).isEqualTo(n);
  }

  @Test
  void exceptionIsAnIllegalArgumentException() {
    assertThat(new NotificationValidationException("title", "is required"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("title: is required");
  }
}
