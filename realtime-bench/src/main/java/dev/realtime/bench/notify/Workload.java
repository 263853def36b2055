package dev.realtime.bench.notify;

import dev.realtime.notify.Notification;
import dev.realtime.notify.NotificationFilter;
import dev.realtime.notify.NotificationType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** The notifications and the mix of filters the notify benchmarks share; seeded, so repeatable. */
final class Workload {
  /** How many distinct filters {@link #filters()} returns. */
  static final int FILTER_KINDS = 6;

  private static final String[] CATEGORIES = {"ops", "billing", "security", "social"};

  private Workload() {}

  /** A mix a page's users might set: everything, some types, a minimum priority, categories… */
  static List<NotificationFilter> filters() {
    NotificationFilter all = NotificationFilter.all();
    return List.of(
        all,
        all.withTypes(NotificationType.ERROR, NotificationType.WARNING),
        all.withMinPriority(4),
        all.withCategories("ops", "security"),
        all.withTypes(NotificationType.INFO).withMinPriority(2).withOnlyUnread(true),
        all.withCategories("billing").withTypes(NotificationType.SUCCESS, NotificationType.INFO)
            .withMinPriority(3));
  }

  /** {@code count} valid notifications of every type, priority and category, some uncategorised. */
  static List<Notification> notifications(int count) {
    Instant created = Instant.parse("2026-11-22T00:00:00Z");
    List<Notification> notifications = new ArrayList<>(count);
    List<Notification.Builder> drafts = drafts(count);
    for (int i = 0; i < count; i++) {
      notifications.add(drafts.get(i).id("n" + i).createdAt(created.plusMillis(i)).build());
    }
    return notifications;
  }

  /** {@code count} drafts without id or time, for a center to publish. */
  static List<Notification.Builder> drafts(int count) {
    Random random = new Random(42);
    NotificationType[] types = NotificationType.values();
    List<Notification.Builder> drafts = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Notification.Builder draft =
          Notification.builder()
              .type(types[random.nextInt(types.length)])
              .title("title " + i)
              .message("message " + i)
              .priority(1 + random.nextInt(5));
      int category = random.nextInt(CATEGORIES.length + 1);
      if (category < CATEGORIES.length) {
        draft.category(CATEGORIES[category]);
      }
      drafts.add(draft);
    }
    return drafts;
  }
}
