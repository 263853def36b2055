package dev.realtime.examples.dashboard;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.realtime.examples.dashboard.alert.Alert;
import dev.realtime.examples.dashboard.alert.AlertEngine;
import dev.realtime.examples.dashboard.alert.AlertRule;
import dev.realtime.hub.Client;
import dev.realtime.hub.Hub;
import dev.realtime.hub.MessageHandler;
import dev.realtime.metrics.RealtimeMetrics;
import dev.realtime.protocol.Json;
import dev.realtime.protocol.ProtocolException;
import dev.realtime.transport.OutboundMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The dashboard's logic with no socket and no timer: a hub at {@code /dashboard}, the last 100
 * samples, the alert engine, topic subscriptions and lossy per-client delivery.
 *
 * <p>{@link #tick} takes one sample, evaluates the alert rules, and pushes {@code metrics_update}
 * (and {@code new_alerts} when an alert was raised or resolved) to every client, filtered by its
 * topics and encoded once per distinct topic set. {@link #drainParked} retries the samples parked
 * for slow clients. {@link DashboardTimers} calls both on a schedule; tests call them directly.
 */
public final class DashboardFeed {
  /** Samples kept for {@code initial_data} and {@code /api/history}. */
  public static final int HISTORY_SIZE = 100;
  /** The error code answering a subscription to a topic that does not exist. */
  public static final String UNKNOWN_TOPIC = "unknown_topic";

  private final SampleSource source;
  private final Clock clock;
  private final Duration interval;
  private final AlertEngine alerts;
  private final BoundedHistory<MetricsSample> history = new BoundedHistory<>(HISTORY_SIZE);
  private final Map<Client, ClientFeed> clients = new ConcurrentHashMap<>();
  private final Set<ClientFeed> parked = ConcurrentHashMap.newKeySet();
  private final AtomicLong samplesDropped = new AtomicLong();
  private final RealtimeMetrics metrics;
  private final Hub hub;
  private volatile MetricsSample current;

  /**
   * Creates the feed, its hub built from {@code hub} reporting to {@code metrics} (which also
   * counts the samples a slow client misses), and takes its first sample, so a client connecting
   * at once gets data.
   */
  public DashboardFeed(
      Hub.Builder hub, SampleSource source, List<AlertRule> rules, Clock clock, Duration interval,
      RealtimeMetrics metrics) {
    this.source = Objects.requireNonNull(source, "source");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.interval = Objects.requireNonNull(interval, "interval");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.alerts = new AlertEngine(rules, clock);
    this.hub =
        hub.metrics(metrics)
            .onConnect(ctx -> connected(ctx.client()))
            .onDisconnect(ctx -> forget(ctx.client()))
            .on("subscribe", ctx -> changeTopics(ctx, true))
            .on("unsubscribe", ctx -> changeTopics(ctx, false))
            .build();
    tick(0);
  }

  /** The hub to route at {@code /dashboard}. */
  public Hub hub() {
    return hub;
  }

  /** The newest sample. */
  public MetricsSample current() {
    return current;
  }

  /** The last {@value #HISTORY_SIZE} samples, oldest first. */
  public List<MetricsSample> history() {
    return history.toList();
  }

  /** The last 50 alert events (raised and resolved), oldest first. */
  public List<Alert> alerts() {
    return alerts.history();
  }

  /** The alerts in force now. */
  public List<Alert> activeAlerts() {
    return alerts.activeAlerts();
  }

  /** Samples dropped because a newer one replaced them in a slow client's slot. */
  public long samplesDropped() {
    return samplesDropped.get();
  }

  /** How many clients have a sample parked, waiting for their queue to drain. */
  public int parkedClients() {
    return parked.size();
  }

  /** Takes a sample and pushes it; {@code lagMillis} is how late the tick ran. Never blocks. */
  public void tick(double lagMillis) {
    MetricsSample sample = source.sample(clock.instant(), lagMillis);
    List<Alert> raised = alerts.evaluate(sample.alertInput());
    history.add(sample);
    current = sample;
    Map<Set<Topic>, OutboundMessage> updates = new HashMap<>();
    Map<Set<Topic>, OutboundMessage> alertMessages = new HashMap<>();
    for (ClientFeed feed : clients.values()) {
      Set<Topic> topics = feed.topics();
      if (!topics.isEmpty()) {
        OutboundMessage update = updates.computeIfAbsent(
            topics, t -> Json.message(DashboardMessages.metricsUpdate(sample, t)));
        deliver(feed, update);
      }
      if (!raised.isEmpty()) {
        OutboundMessage alertMessage = alertMessages.computeIfAbsent(topics, t -> alertsFor(raised, t));
        if (alertMessage != null) {
          feed.sendEvent(alertMessage);
        }
      }
    }
  }

  /** Sends parked samples to clients whose queue has drained. Never blocks. */
  public void drainParked() {
    for (ClientFeed feed : parked) {
      if (!feed.drain()) {
        parked.remove(feed);
        // A sample parked between drain() and remove() would be stranded; look again.
        if (feed.hasParked()) {
          parked.add(feed);
        }
      }
    }
  }

  /** {@code /api/metrics}: the newest sample. */
  public JsonObject currentJson() {
    return current.toJson();
  }

  /** {@code /api/history}: the last samples, oldest first. */
  public JsonArray historyJson() {
    return DashboardMessages.samples(history());
  }

  /** {@code /api/alerts}: the alert history, or only the alerts in force. */
  public JsonArray alertsJson(boolean activeOnly) {
    return DashboardMessages.alerts(activeOnly ? activeAlerts() : alerts());
  }

  private void deliver(ClientFeed feed, OutboundMessage update) {
    switch (feed.offer(update)) {
      case SENT -> { }
      case PARKED -> parked.add(feed);
      case REPLACED -> {
        parked.add(feed);
        samplesDropped.incrementAndGet();
        metrics.messageDropped();
      }
    }
  }

  private static OutboundMessage alertsFor(List<Alert> raised, Set<Topic> topics) {
    List<Alert> visible = raised.stream()
        .filter(alert -> Topic.ofField(alert.metric()).map(topics::contains).orElse(true))
        .toList();
    return visible.isEmpty() ? null : Json.message(DashboardMessages.newAlerts(visible));
  }

  private void forget(Client client) {
    ClientFeed feed = clients.remove(client);
    if (feed != null) {
      parked.remove(feed);
    }
  }

  private void connected(Client client) {
    ClientFeed feed = new ClientFeed(client);
    // Under the client's lock, so no metrics_update can overtake its initial_data.
    synchronized (feed) {
      clients.put(client, feed);
      feed.sendEvent(Json.message(DashboardMessages.initialData(
          current, history(), alerts(), interval, source.mode())));
    }
  }

  private void changeTopics(MessageHandler.Context ctx, boolean subscribe) {
    JsonObject message = ctx.message();
    ClientFeed feed = clients.get(ctx.client());
    if (feed == null) {
      return;
    }
    Set<Topic> topics = parseTopics(message.get("topics"));
    Set<Topic> now = subscribe ? feed.subscribe(topics) : feed.unsubscribe(topics);
    feed.sendEvent(Json.message(DashboardMessages.subscriptions(now, message.get("id"))));
  }

  /** All or nothing: one unknown topic rejects the whole request, so nothing changes. */
  static Set<Topic> parseTopics(JsonElement value) {
    if (value == null || !value.isJsonArray()) {
      throw ProtocolException.invalid("'topics' must be an array of topic names");
    }
    EnumSet<Topic> topics = EnumSet.noneOf(Topic.class);
    for (JsonElement element : value.getAsJsonArray()) {
      if (!element.isJsonPrimitive() || !element.getAsJsonPrimitive().isString()) {
        throw ProtocolException.invalid("'topics' must be an array of topic names");
      }
      String name = element.getAsString();
      topics.add(Topic.parse(name).orElseThrow(() -> new ProtocolException(
          UNKNOWN_TOPIC, "unknown topic '" + truncate(name) + "'; known topics: " + known())));
    }
    return topics;
  }

  private static String known() {
    return EnumSet.allOf(Topic.class).stream().map(Topic::wireName).collect(Collectors.joining(", "));
  }

  private static String truncate(String name) {
    return name.length() <= 40 ? name : name.substring(0, 40) + "…";
  }
}
