package dev.realtime.examples.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.notify.Notification;
import dev.realtime.notify.NotificationType;
import dev.realtime.protocol.Json;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The one-entry encoding cache never hands out a frame of another notification or read flag. */
class EncodedNotificationsTest {
  private static Notification notification(String id) {
    return Notification.builder().id(id).type(NotificationType.INFO).title("t").message("m")
        .createdAt(Instant.parse("2026-11-22T00:00:00Z")).build();
  }

  @Test
  void reusesTheFrameForTheSameInstanceAndFlagOnly() {
    EncodedNotifications frames = new EncodedNotifications();
    Notification a = notification("a");
    Notification b = notification("b");

    assertThat(frames.frame(a, false)).isSameAs(frames.frame(a, false));
    assertThat(frames.frame(a, true).text()).isEqualTo(Json.encode(NotificationJson.toJson(a, true)));
    assertThat(frames.frame(b, false).text()).isEqualTo(Json.encode(NotificationJson.toJson(b, false)));
    assertThat(frames.frame(a, false).text()).isEqualTo(Json.encode(NotificationJson.toJson(a, false)));
  }
}
