package dev.realtime.examples.notifications;

import dev.realtime.broker.Broker;
import dev.realtime.examples.Example;
import dev.realtime.examples.ExampleContext;
import dev.realtime.examples.ExampleType;
import dev.realtime.examples.server.CannotConnectException;
import dev.realtime.notify.center.NotificationCenter;
import dev.realtime.notify.store.InMemoryNotificationStore;
import dev.realtime.store.redis.RedisNotificationStore;
import dev.realtime.store.redis.RedisStoreException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;

/**
 * The notifications example: WebSocket {@code /notifications}, REST {@code /api/notifications} and
 * a page that creates, filters and reads notifications.
 *
 * <p>Delivery runs on a thread of its own, never on the publishing HTTP thread. With {@code
 * --redis} the notifications and read state live in a {@link RedisNotificationStore} every node
 * shares, and the cluster's broker tells every node what to deliver and what was read.
 */
public final class NotificationsExample implements Example {
  /** How the command line names and describes it. */
  public static final ExampleType TYPE = new ExampleType("notifications",
      "targeted notifications with history, filters and read state", List.of(), NotificationsExample::new);

  /** How often expired notifications are swept from memory (reads skip them in between). */
  static final Duration SWEEP_PERIOD = Duration.ofMinutes(1);

  private final Optional<NotificationCenter> given;
  private volatile NotificationCenter center;
  private volatile ScheduledFuture<?> sweeps;
  private volatile ExecutorService deliveries;
  private volatile RedisNotificationStore redisStore;

  /** An example over an in-memory store of 1,000 notifications, or the cluster's Redis with {@code --redis}. */
  public NotificationsExample() {
    this.given = Optional.empty();
  }

  /** An example over {@code center}, for tests and other stores (it delivers as it publishes). */
  public NotificationsExample(NotificationCenter center) {
    this.given = Optional.of(center);
  }

  @Override
  public void configure(ExampleContext context) throws Exception {
    String hubName = "notifications";
    NotificationService service;
    if (given.isPresent()) {
      center = given.get();
      service = new NotificationService(center, context.hubBuilder().name(hubName), context.clock());
    } else {
      // One thread keeps deliveries in publication order and off the HTTP thread that published.
      deliveries = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "notifications-delivery");
        thread.setDaemon(true);
        return thread;
      });
      Optional<Broker> broker = context.broker();
      if (broker.isPresent()) {
        String uri = context.options().cluster().orElseThrow().redisUri();
        try {
          redisStore = RedisNotificationStore.builder(uri).name(hubName).connect();
        } catch (RedisStoreException e) {
          throw new CannotConnectException(uri, e);
        }
        NodeAnnouncements announcements = new NodeAnnouncements(broker.get(), hubName, redisStore, deliveries);
        center = new NotificationCenter(redisStore, context.clock(), announcements::published);
        service = new NotificationService(center, context.hubBuilder().name(hubName), context.clock(),
            announcements::read);
        announcements.start(center, service);
      } else {
        ExecutorService executor = deliveries;
        // The announcer runs only after publish, by when the field is set.
        center = new NotificationCenter(new InMemoryNotificationStore(), context.clock(),
            notification -> executor.execute(() -> center.deliver(notification)));
        service = new NotificationService(center, context.hubBuilder().name(hubName), context.clock());
      }
    }
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
    if (deliveries != null) {
      deliveries.shutdownNow();
    }
    if (redisStore != null) {
      redisStore.close();
    }
  }
}
