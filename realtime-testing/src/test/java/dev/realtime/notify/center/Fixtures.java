package dev.realtime.notify.center;

import dev.realtime.notify.Notification;
import dev.realtime.notify.NotificationFilter;
import dev.realtime.notify.NotificationType;
import dev.realtime.notify.Recipient;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Shared drafts and a recording subscriber. */
final class Fixtures {
  static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

  private Fixtures() {}

  static Notification.Builder draft(String title) {
    return Notification.builder()
        .type(NotificationType.INFO)
        .title(title)
        .message("body of " + title);
  }

  static Notification notification(String id) {
    return draft("t-" + id).id(id).createdAt(T0).build();
  }

  /** A subscriber that records what it receives. */
  static final class Recorder {
    final List<Notification> received = new CopyOnWriteArrayList<>();
    final List<Boolean> readFlags = new CopyOnWriteArrayList<>();
    final NotificationSubscriber subscriber;

    Recorder(Recipient recipient, NotificationFilter filter) {
      subscriber =
          new NotificationSubscriber(
              recipient,
              filter,
              (notification, read) -> {
                received.add(notification);
                readFlags.add(read);
              });
    }

    Recorder(Recipient recipient) {
      this(recipient, NotificationFilter.all());
    }

    List<String> titles() {
      return received.stream().map(Notification::title).toList();
    }
  }
}
