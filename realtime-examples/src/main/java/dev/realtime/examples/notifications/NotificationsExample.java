package dev.realtime.examples.notifications;

import dev.realtime.examples.Example;
import dev.realtime.examples.ExampleContext;
import dev.realtime.examples.ExampleType;
import dev.realtime.notify.center.NotificationCenter;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;

/**
 * The notifications example: WebSocket {@code /notifications}, REST {@code /api/notifications} and
 * a page that creates, filters and reads notifications.
 */
public final class NotificationsExample implements Example {
  /** How the command line names and describes it. */
  public static final ExampleType TYPE = new ExampleType("notifications",
      "targeted notifications with history, filters and read state", List.of(), NotificationsExample::new);

  /** How often expired notifications are swept from memory (reads skip them in between). */
  static final Duration SWEEP_PERIOD = Duration.ofMinutes(1);

  private final NotificationCenter center;
  private volatile ScheduledFuture<?> sweeps;

  /** An example over an in-memory center of 1,000 notifications. */
  public NotificationsExample() {
    this(NotificationCenter.inMemory());
  }

  /** An example over {@code center}, for tests and other stores. */
  public NotificationsExample(NotificationCenter center) {
    this.center = Objects.requireNonNull(center, "center");
  }

  @Override
  public void configure(ExampleContext context) {
    NotificationService service =
        new NotificationService(center, context.hubBuilder().name("notifications"), context.clock());
    context.route("/notifications", service.hub());
    context.web().page("/", "web/notifications/index.html");
    context.web().route("/api/notifications", new NotificationsApi(center));
    sweeps = center.scheduleSweeps(context.scheduler(), SWEEP_PERIOD);
  }

  @Override
  public void close() {
    ScheduledFuture<?> scheduled = sweeps;
    if (scheduled != null) {
      scheduled.cancel(false);
    }
  }
}
