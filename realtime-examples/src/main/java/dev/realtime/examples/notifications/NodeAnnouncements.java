package dev.realtime.examples.notifications;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.realtime.broker.Broker;
import dev.realtime.broker.ChannelListener;
import dev.realtime.broker.Publication;
import dev.realtime.broker.PublishOptions;
import dev.realtime.notify.Notification;
import dev.realtime.notify.center.NotificationCenter;
import dev.realtime.notify.store.NotificationStore;
import dev.realtime.protocol.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells every node of a cluster what happened to the shared notification store, on one broker
 * channel: a notification was published (its id: each node reads it from the store and delivers it
 * to its own subscribers) or a user read some (each node tells that user's tabs there). Work runs on
 * the given executor, never on the publishing thread or the broker's.
 */
final class NodeAnnouncements implements ChannelListener {
  private static final Logger log = LoggerFactory.getLogger(NodeAnnouncements.class);
  private static final Duration SUBSCRIBE_WAIT = Duration.ofSeconds(5);

  private final Broker broker;
  private final String channel;
  private final Executor executor;
  private final NotificationStore store;
  private volatile NotificationCenter center;
  private volatile NotificationService service;

  NodeAnnouncements(Broker broker, String hubName, NotificationStore store, Executor executor) {
    this.broker = Objects.requireNonNull(broker, "broker");
    // Beside the hub's own channels (hub:room:…, hub:users:…), never one of them.
    this.channel = hubName.replace("%", "%25").replace(":", "%3A") + ":announce";
    this.store = Objects.requireNonNull(store, "store");
    this.executor = Objects.requireNonNull(executor, "executor");
  }

  /** Starts listening, delivering to {@code center}'s subscribers and telling {@code service}'s tabs. */
  void start(NotificationCenter center, NotificationService service) throws Exception {
    this.center = center;
    this.service = service;
    broker.subscribe(channel, this).get(SUBSCRIBE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The center's announcer: every node, this one included, delivers {@code notification}. */
  void published(Notification notification) {
    JsonObject event = new JsonObject();
    event.addProperty("k", "new");
    event.addProperty("id", notification.id());
    publish(event, "notification " + notification.id());
  }

  /** Every node tells {@code userId}'s tabs that {@code ids} are read. */
  void read(String userId, List<String> ids) {
    JsonObject event = new JsonObject();
    event.addProperty("k", "read");
    event.addProperty("u", userId);
    JsonArray list = new JsonArray();
    ids.forEach(list::add);
    event.add("ids", list);
    publish(event, "read state of " + userId);
  }

  private void publish(JsonObject event, String what) {
    broker.publish(channel, Json.encode(event).getBytes(StandardCharsets.UTF_8), PublishOptions.defaults())
        .whenComplete((position, failure) -> {
          if (failure != null) {
            // The store has it: subscribers see it in their history and replay, not live.
            log.warn("{} not announced to the cluster", what, failure);
          }
        });
  }

  @Override
  public void onPublication(Publication publication) {
    JsonObject event;
    try {
      event = Json.parseObject(publication.payloadText());
    } catch (RuntimeException e) {
      log.warn("ignoring an unreadable announcement on {}", channel, e);
      return;
    }
    executor.execute(() -> handle(event));
  }

  private void handle(JsonObject event) {
    try {
      if ("new".equals(event.get("k").getAsString())) {
        store.find(event.get("id").getAsString()).ifPresent(center::deliver);
      } else {
        List<String> ids = new ArrayList<>();
        for (JsonElement id : event.getAsJsonArray("ids")) {
          ids.add(id.getAsString());
        }
        service.tellTabsRead(event.get("u").getAsString(), ids);
      }
    } catch (RuntimeException e) {
      log.warn("announcement {} not handled", event, e);
    }
  }
}
