package dev.realtime.examples.notifications;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.realtime.hub.Client;
import dev.realtime.hub.Hub;
import dev.realtime.hub.TextHandler;
import dev.realtime.notify.HistoryQuery;
import dev.realtime.notify.Notification;
import dev.realtime.notify.NotificationFilter;
import dev.realtime.notify.NotificationLimits;
import dev.realtime.notify.NotificationValidationException;
import dev.realtime.notify.Recipient;
import dev.realtime.notify.center.NotificationCenter;
import dev.realtime.notify.center.NotificationSubscriber;
import dev.realtime.protocol.ErrorCodes;
import dev.realtime.protocol.Json;
import dev.realtime.protocol.ProtocolException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The notifications application on a {@link Hub}, speaking the notification protocol of {@code docs/notifications.md}.
 *
 * <p>A client connects to {@code /notifications?username=U&role=R} and becomes one {@link
 * NotificationSubscriber} whose sink queues each notification on the hub client (never blocking the
 * publisher), encoded once per fan-out rather than once per recipient. Its frames carry a {@code
 * command} rather than a {@code type}, so the hub hands this class raw text; every bad frame is
 * answered with an error frame and the connection stays open.
 */
public final class NotificationService {
  /** The user of a connection that names none. */
  public static final String DEFAULT_USERNAME = "User";
  /** The role of a connection that names none. */
  public static final String DEFAULT_ROLE = "user";

  private static final String SUBSCRIBER = "notifications.subscriber";

  private final NotificationCenter center;
  private final Clock clock;
  private final Hub hub;
  private final EncodedNotifications frames = new EncodedNotifications();
  private final BiConsumer<String, List<String>> readAnnouncer;

  /** Serves {@code center}'s notifications on a hub built from {@code hub}; {@code clock} stamps pongs. */
  public NotificationService(NotificationCenter center, Hub.Builder hub, Clock clock) {
    this(center, hub, clock, null);
  }

  /**
   * Like {@link #NotificationService(NotificationCenter, Hub.Builder, Clock)} on a node of a
   * cluster: {@code readAnnouncer} tells every node which notifications a user read, and each
   * node's {@link #tellTabsRead} tells that user's tabs there.
   */
  NotificationService(NotificationCenter center, Hub.Builder hub, Clock clock,
      BiConsumer<String, List<String>> readAnnouncer) {
    this.readAnnouncer = readAnnouncer == null ? this::tellTabsRead : readAnnouncer;
    this.center = Objects.requireNonNull(center, "center");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.hub =
        hub.onConnect(ctx -> connected(ctx.client()))
            .onText(this::command)
            .onDisconnect(ctx -> disconnected(ctx.client()))
            .build();
  }

  /** The hub to route at {@code /notifications}. */
  public Hub hub() {
    return hub;
  }

  /** The notification center this service delivers from. */
  public NotificationCenter center() {
    return center;
  }

  private void connected(Client client) {
    String username = queryValue(client, "username", DEFAULT_USERNAME, NotificationLimits.MAX_USER_ID_LENGTH);
    String role = queryValue(client, "role", DEFAULT_ROLE, NotificationLimits.MAX_ROLE_LENGTH);
    client.setUser(username);
    NotificationSubscriber subscriber =
        new NotificationSubscriber(
            Recipient.of(username, role),
            NotificationFilter.all(),
            (notification, read) -> client.send(frames.frame(notification, read)));
    // The attribute goes first, so a disconnect racing this handler always finds what to undo.
    client.setAttribute(SUBSCRIBER, subscriber);
    center.subscribeAndReplayUnread(subscriber);
    if (!client.isOpen()) {
      center.unsubscribe(subscriber);
    }
  }

  private void disconnected(Client client) {
    client.<NotificationSubscriber>attribute(SUBSCRIBER).ifPresent(center::unsubscribe);
  }

  private void command(TextHandler.Context ctx) {
    Client client = ctx.client();
    JsonObject message = Json.parseObject(ctx.text());
    NotificationSubscriber subscriber = subscriber(client);
    JsonElement command = message.get("command");
    if (command == null || command.isJsonNull()) {
      if (isPing(message)) {
        client.send(NotificationFrames.pong(clock.millis()));
        return;
      }
      throw ProtocolException.invalid("command: is required");
    }
    if (!command.isJsonPrimitive() || !command.getAsJsonPrimitive().isString()) {
      throw ProtocolException.invalid("command: must be a string");
    }
    try {
      switch (command.getAsString()) {
        case "mark_read" -> markRead(subscriber, message);
        case "mark_all_read" -> markAllRead(subscriber);
        case "update_filters" -> updateFilters(client, subscriber, message);
        case "get_history" -> history(client, subscriber, message);
        default -> throw new ProtocolException(
            NotificationFrames.UNKNOWN_COMMAND,
            "command: unknown command '" + abbreviate(command.getAsString())
                + "', expected mark_read, mark_all_read, update_filters or get_history");
      }
    } catch (NotificationValidationException e) {
      throw ProtocolException.invalid(e.getMessage());
    }
  }

  private void markRead(NotificationSubscriber subscriber, JsonObject message) {
    String id = requiredString(message, "notification_id");
    Recipient recipient = subscriber.recipient();
    if (!center.markRead(recipient, id)) {
      throw new ProtocolException(
          NotificationFrames.NOT_FOUND, "notification_id: no notification '" + abbreviate(id) + "' for you");
    }
    announceRead(recipient.userId(), List.of(id));
  }

  private void markAllRead(NotificationSubscriber subscriber) {
    Recipient recipient = subscriber.recipient();
    // Marking the listed ids one by one (rather than markAllRead) tells the other tabs exactly
    // which notifications changed, so one published meanwhile is never shown as read by mistake.
    List<String> marked = new ArrayList<>();
    for (Notification notification : center.unread(recipient, NotificationFilter.all())) {
      if (center.markRead(recipient, notification.id())) {
        marked.add(notification.id());
      }
    }
    announceRead(recipient.userId(), marked);
  }

  /** Tells every connection of this user (never another user's) what is now read, on every node. */
  private void announceRead(String userId, List<String> ids) {
    readAnnouncer.accept(userId, ids);
  }

  /** Tells this node's connections of {@code userId} that {@code ids} are read. */
  void tellTabsRead(String userId, List<String> ids) {
    for (Client tab : hub.clientsOf(userId)) {
      // Tabs of one user may hold different roles, so each gets its own count.
      tab.<NotificationSubscriber>attribute(SUBSCRIBER)
          .ifPresent(s -> tab.send(NotificationFrames.read(ids, center.unreadCount(s.recipient()))));
    }
  }

  private void updateFilters(Client client, NotificationSubscriber subscriber, JsonObject message) {
    JsonElement filters = message.get("filters");
    if (filters == null || !filters.isJsonObject()) {
      throw ProtocolException.invalid("filters: must be an object");
    }
    NotificationFilter filter = NotificationJson.filterFromJson(filters.getAsJsonObject());
    subscriber.setFilter(filter);
    client.send(NotificationFrames.filters(NotificationJson.toJson(filter)));
  }

  private void history(Client client, NotificationSubscriber subscriber, JsonObject message) {
    int limit = HistoryQuery.DEFAULT_LIMIT;
    if (message.has("limit") && !message.get("limit").isJsonNull()) {
      limit = NotificationJson.integer(message, "limit", 1, HistoryQuery.MAX_LIMIT);
    }
    HistoryQuery query = HistoryQuery.latest(limit).withFilter(subscriber.filter());
    Optional<String> before = optionalString(message, "before");
    if (before.isPresent()) {
      query = query.before(before.get());
    }
    client.send(NotificationFrames.history(center.history(subscriber.recipient(), query)));
  }

  private static NotificationSubscriber subscriber(Client client) {
    return client
        .<NotificationSubscriber>attribute(SUBSCRIBER)
        .orElseThrow(() -> new ProtocolException(ErrorCodes.FORBIDDEN, "not subscribed"));
  }

  private static boolean isPing(JsonObject message) {
    JsonElement type = message.get("type");
    return type != null && type.isJsonPrimitive() && "ping".equals(type.getAsString());
  }

  private static String requiredString(JsonObject message, String field) {
    return optionalString(message, field)
        .orElseThrow(() -> ProtocolException.invalid(field + ": is required"));
  }

  private static Optional<String> optionalString(JsonObject message, String field) {
    JsonElement value = message.get(field);
    if (value == null || value.isJsonNull()) {
      return Optional.empty();
    }
    if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
      throw ProtocolException.invalid(field + ": must be a string");
    }
    String text = value.getAsString();
    if (text.isEmpty()) {
      return Optional.empty();
    }
    if (text.length() > NotificationLimits.MAX_ID_LENGTH) {
      throw ProtocolException.invalid(
          field + ": is " + text.length() + " chars, the limit is " + NotificationLimits.MAX_ID_LENGTH);
    }
    return Optional.of(text);
  }

  private static String queryValue(Client client, String name, String fallback, int maxLength) {
    String value = client.handshake().query(name).orElse("").trim();
    if (value.isEmpty()) {
      return fallback;
    }
    if (value.length() > maxLength) {
      throw ProtocolException.invalid(name + ": must be at most " + maxLength + " characters");
    }
    return value;
  }

  // Echoing a huge hostile string back would amplify it.
  private static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "…";
  }
}
