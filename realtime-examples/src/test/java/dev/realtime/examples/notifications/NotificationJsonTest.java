package dev.realtime.examples.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.realtime.notify.Audience;
import dev.realtime.notify.Notification;
import dev.realtime.notify.NotificationFilter;
import dev.realtime.notify.NotificationType;
import dev.realtime.notify.NotificationValidationException;
import dev.realtime.notify.UserNotification;
import java.time.Instant;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

class NotificationJsonTest {
  private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

  private static JsonObject json(String text) {
    return JsonParser.parseString(text).getAsJsonObject();
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> assertBadField(
      String body, String field) {
    return assertThatThrownBy(() -> NotificationJson.fromJson(json(body)).build())
        .isInstanceOf(NotificationValidationException.class)
        .hasMessageStartingWith(field + ":")
        .matches(e -> ((NotificationValidationException) e).field().equals(field));
  }

  private static Notification full() {
    return Notification.builder()
        .id("n-1")
        .type(NotificationType.WARNING)
        .title("Disk")
        .message("92% used")
        .priority(4)
        .category("ops")
        .audience(Audience.users("alice"))
        .createdAt(T0)
        .expiresAt(T0.plusSeconds(3600))
        .actionUrl("/disks/1")
        .putMetadata("host", "db1")
        .putMetadata("used", 92L)
        .putMetadata("ratio", 0.92)
        .putMetadata("alert", true)
        .build();
  }

  @Test
  void writesTheSeedFieldNames() {
    JsonObject json = NotificationJson.toJson(full(), true);
    assertThat(json.keySet())
        .containsExactly(
            "id",
            "type",
            "title",
            "message",
            "user_id",
            "created_at",
            "expires_at",
            "is_read",
            "priority",
            "category",
            "action_url",
            "metadata");
    assertThat(json.get("type").getAsString()).isEqualTo("warning");
    assertThat(json.get("user_id").getAsString()).isEqualTo("alice");
    assertThat(json.get("created_at").getAsString()).isEqualTo("2026-11-22T10:00:00Z");
    assertThat(json.get("expires_at").getAsString()).isEqualTo("2026-11-22T11:00:00Z");
    assertThat(json.get("is_read").getAsBoolean()).isTrue();
    assertThat(json.get("priority").getAsInt()).isEqualTo(4);
    assertThat(json.getAsJsonObject("metadata").get("used").getAsLong()).isEqualTo(92);
  }

  @Test
  void omitsAbsentOptionalFieldsAndWritesRoles() {
    Notification n =
        Notification.builder()
            .id("x")
            .type(NotificationType.INFO)
            .title("t")
            .message("m")
            .audience(Audience.role("admin"))
            .createdAt(T0)
            .build();
    JsonObject json = NotificationJson.toJson(n, false);
    assertThat(json.keySet())
        .containsExactly(
            "id", "type", "title", "message", "user_role", "created_at", "is_read", "priority");
    assertThat(json.get("user_role").getAsString()).isEqualTo("admin");
  }

  @Test
  void roundTripsEveryField() {
    Notification original = full();
    Notification back = NotificationJson.fromJson(NotificationJson.toJson(original, false)).build();
    assertThat(back).isEqualTo(original);
  }

  @Test
  void roundTripsAMultiUserAudience() {
    Notification n = full().toBuilder().audience(Audience.users("bob", "alice")).build();
    JsonObject json = NotificationJson.toJson(n, false);
    assertThat(json.get("user_id").isJsonArray()).isTrue();
    assertThat(NotificationJson.fromJson(json).build().audience()).isEqualTo(n.audience());
  }

  @Test
  void readsTheSeedPagesPostBody() {
    Notification.Builder draft =
        NotificationJson.fromJson(
            json(
                "{\"type\":\"success\",\"title\":\"Backup\",\"message\":\"done\","
                    + "\"priority\":3,\"category\":\"test\"}"));
    Notification n = draft.id("assigned").createdAt(T0).build();
    assertThat(n.type()).isEqualTo(NotificationType.SUCCESS);
    assertThat(n.audience()).isEqualTo(Audience.everyone());
    assertThat(n.category()).contains("test");
  }

  @Test
  void readsOffsetsAndFractionalSeconds() {
    Notification n =
        NotificationJson.fromJson(
                json(
                    "{\"id\":\"a\",\"type\":\"info\",\"title\":\"t\",\"message\":\"m\","
                        + "\"created_at\":\"2026-11-22T11:00:00.5+01:00\"}"))
            .build();
    assertThat(n.createdAt()).isEqualTo(Instant.parse("2026-11-22T10:00:00.5Z"));
  }

  @Test
  void emptyStringsAndNullsMeanAbsentAndIsReadIsIgnored() {
    Notification n =
        NotificationJson.fromJson(
                json(
                    "{\"id\":\"a\",\"type\":\"info\",\"title\":\"t\",\"message\":\"m\","
                        + "\"created_at\":\"2026-11-22T10:00:00Z\",\"category\":\"\","
                        + "\"user_role\":\"\",\"action_url\":null,\"is_read\":true,\"extra\":1}"))
            .build();
    assertThat(n.category()).isEmpty();
    assertThat(n.actionUrl()).isEmpty();
    assertThat(n.audience()).isEqualTo(Audience.everyone());
  }

  @Test
  void reportsMissingRequiredFields() {
    assertBadField("{\"title\":\"t\",\"message\":\"m\"}", "type");
    assertBadField("{\"type\":\"info\",\"message\":\"m\"}", "title");
    assertBadField("{\"type\":\"info\",\"title\":\"t\"}", "message");
  }

  @Test
  void reportsWrongTypes() {
    assertBadField("{\"type\":\"info\",\"title\":5,\"message\":\"m\"}", "title");
    assertBadField(
        "{\"type\":\"info\",\"title\":\"t\",\"message\":\"m\",\"priority\":\"3\"}", "priority");
    assertBadField(
        "{\"type\":\"info\",\"title\":\"t\",\"message\":\"m\",\"priority\":2.5}", "priority");
    assertBadField(
        "{\"type\":\"info\",\"title\":\"t\",\"message\":\"m\",\"user_id\":7}", "user_id");
    assertBadField(
        "{\"type\":\"info\",\"title\":\"t\",\"message\":\"m\",\"user_id\":[1]}", "user_id");
    assertBadField(
        "{\"type\":\"info\",\"title\":\"t\",\"message\":\"m\",\"metadata\":[]}", "metadata");
    assertBadField(
        "{\"type\":\"info\",\"title\":\"t\",\"message\":\"m\",\"metadata\":{\"k\":{\"a\":1}}}",
        "metadata.k");
    assertBadField(
        "{\"type\":\"info\",\"title\":\"t\",\"message\":\"m\",\"expires_at\":\"tomorrow\"}",
        "expires_at");
    assertBadField("{\"type\":[\"info\"],\"title\":\"t\",\"message\":\"m\"}", "type");
  }

  @Test
  void reportsUnknownTypeValues() {
    assertBadField("{\"type\":\"urgent\",\"title\":\"t\",\"message\":\"m\"}", "type")
        .hasMessageContaining("unknown type 'urgent'");
    assertBadField("{\"type\":\"INFO\",\"title\":\"t\",\"message\":\"m\"}", "type");
  }

  @Test
  void reportsHugeNumbersWithoutCostlyArithmetic() {
    assertBadField(
        "{\"type\":\"info\",\"title\":\"t\",\"message\":\"m\",\"priority\":1e999999999}",
        "priority");
    assertBadField(
        "{\"type\":\"info\",\"title\":\"t\",\"message\":\"m\",\"priority\":99999999999999999999999}",
        "priority");
    assertBadField(
            "{\"type\":\"info\",\"title\":\"t\",\"message\":\"m\",\"priority\":6}", "priority")
        .hasMessageContaining("from 1 to 5");
    assertBadField(
        "{\"type\":\"info\",\"title\":\"t\",\"message\":\"m\",\"metadata\":{\"n\":99999999999999999999}}",
        "metadata.n");
    assertBadField(
        "{\"type\":\"info\",\"title\":\"t\",\"message\":\"m\",\"metadata\":{\"n\":1e400}}",
        "metadata.n");
  }

  @Test
  void rejectsUserAndRoleTogether() {
    assertBadField(
        "{\"type\":\"info\",\"title\":\"t\",\"message\":\"m\",\"user_id\":\"a\",\"user_role\":\"r\"}",
        "user_id");
  }

  @Test
  void valueRulesApplyWhenTheDraftIsBuilt() {
    Notification.Builder draft =
        NotificationJson.fromJson(
            json("{\"id\":\"a\",\"type\":\"info\",\"title\":\"   \",\"message\":\"m\"}"));
    assertThatThrownBy(() -> draft.createdAt(T0).build())
        .isInstanceOf(NotificationValidationException.class)
        .hasMessageStartingWith("title:");
  }

  @Test
  void parseObjectReportsTheBody() {
    assertThat(NotificationJson.parseObject("{\"a\":1}").get("a").getAsInt()).isEqualTo(1);
    assertThatThrownBy(() -> NotificationJson.parseObject("{not json"))
        .isInstanceOf(NotificationValidationException.class)
        .hasMessageStartingWith("body:");
    assertThatThrownBy(() -> NotificationJson.parseObject("[1]"))
        .isInstanceOf(NotificationValidationException.class)
        .hasMessageStartingWith("body:");
    assertThatThrownBy(() -> NotificationJson.parseObject("[".repeat(10_000)))
        .isInstanceOf(NotificationValidationException.class);
  }

  @Test
  void readsAndWritesFilters() {
    NotificationFilter filter =
        NotificationJson.filterFromJson(
            json(
                "{\"types\":[\"error\",\"warning\"],\"categories\":[\"ops\"],"
                    + "\"min_priority\":3,\"only_unread\":true}"));
    assertThat(filter)
        .isEqualTo(
            NotificationFilter.all()
                .withTypes(NotificationType.ERROR, NotificationType.WARNING)
                .withCategories("ops")
                .withMinPriority(3)
                .withOnlyUnread(true));
    assertThat(NotificationJson.filterFromJson(NotificationJson.toJson(filter))).isEqualTo(filter);
  }

  @Test
  void emptyFilterObjectMatchesEverythingAndZeroMeansNoMinimum() {
    assertThat(NotificationJson.filterFromJson(json("{}")).matchesEverything()).isTrue();
    assertThat(
            NotificationJson.filterFromJson(json("{\"types\":[],\"min_priority\":0}"))
                .matchesEverything())
        .isTrue();
  }

  @Test
  void reportsBadFilterFields() {
    assertBadFilter("{\"types\":\"info\"}", "types");
    assertBadFilter("{\"types\":[\"loud\"]}", "types");
    assertBadFilter("{\"categories\":[1]}", "categories");
    assertBadFilter("{\"min_priority\":9}", "min_priority");
    assertBadFilter("{\"min_priority\":\"high\"}", "min_priority");
    assertBadFilter("{\"only_unread\":\"yes\"}", "only_unread");
  }

  @Test
  void integerHelperNamesTheField() {
    assertThat(NotificationJson.integer(json("{\"limit\":100}"), "limit", 1, 500)).isEqualTo(100);
    assertThatThrownBy(() -> NotificationJson.integer(json("{}"), "limit", 1, 500))
        .hasMessage("limit: is required");
    assertThatThrownBy(() -> NotificationJson.integer(json("{\"limit\":501}"), "limit", 1, 500))
        .hasMessageStartingWith("limit: must be an integer from 1 to 500");
  }

  @Test
  void writesHistoryArrays() {
    Notification n = full();
    assertThat(
            NotificationJson.toJsonArray(List.of(new UserNotification(n, true)))
                .get(0)
                .getAsJsonObject()
                .get("is_read")
                .getAsBoolean())
        .isTrue();
  }

  private static void assertBadFilter(String body, String field) {
    assertThatThrownBy(() -> NotificationJson.filterFromJson(json(body)))
        .isInstanceOf(NotificationValidationException.class)
        .hasMessageStartingWith(field + ":");
  }
}
