package dev.realtime.examples.analytics;

import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.realtime.broker.Broker;
import dev.realtime.broker.ChannelListener;
import dev.realtime.broker.PresenceInfo;
import dev.realtime.broker.PublishOptions;
import dev.realtime.broker.Publication;
import dev.realtime.broker.StreamGap;
import dev.realtime.examples.analytics.model.AnalyticsEvent;
import dev.realtime.examples.analytics.model.Stats;
import dev.realtime.examples.analytics.proto.ClientFrame;
import dev.realtime.examples.analytics.stats.Counters;
import dev.realtime.examples.analytics.stats.StatsStore;
import dev.realtime.examples.analytics.wire.Encoding;
import dev.realtime.examples.analytics.wire.FrameEncoder.StatsKind;
import dev.realtime.examples.feed.Selection;
import dev.realtime.hub.Client;
import dev.realtime.hub.Hub;
import dev.realtime.metrics.RealtimeMetrics;
import dev.realtime.protocol.ErrorCodes;
import dev.realtime.protocol.Json;
import dev.realtime.transport.OutboundMessage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /ws/analytics} on one node.
 *
 * <p>Events from any producer on any node are published once on the broker channel {@value
 * #EVENTS}; each node receives each event once, in the channel's order, and hands it to its own
 * clients whose filter accepts its type, encoded once per encoding in use. Heartbeats are
 * published by the one node that wins each tick, on {@value #HEARTBEATS}, so every client of the
 * cluster gets the same stats at the same time. Each connection has an entry in the broker's
 * presence of {@value #VISITORS}: {@code current_visitors} counts them across nodes.
 */
public final class AnalyticsFeed {
  /** The broker channel of events. */
  public static final String EVENTS = "feed:analytics:events";
  /** The broker channel of heartbeats (live only). */
  public static final String HEARTBEATS = "feed:analytics:heartbeat";
  /** The broker presence key of open connections. */
  public static final String VISITORS = "feed:analytics:visitors";
  /** The most event types one subscribe or unsubscribe may name. */
  static final int MAX_FILTER_TYPES = 50;

  private static final Logger log = LoggerFactory.getLogger(AnalyticsFeed.class);
  private static final Pattern TYPE = Pattern.compile("[A-Za-z0-9_.:*-]{1,64}");

  private final Broker broker;
  private final StatsStore store;
  private final Clock clock;
  private final RealtimeMetrics metrics;
  private final Hub hub;
  private final Map<Client, FeedClient> clients = new ConcurrentHashMap<>();
  private final AtomicLong eventsDelivered = new AtomicLong();

  /**
   * The feed and its hub, built from {@code hub}; call {@link #start} before serving. The hub
   * echoes the feed's subprotocol when one is offered, else what {@code otherSubprotocols} picks
   * (a token sent as a subprotocol).
   */
  public AnalyticsFeed(Hub.Builder hub, Broker broker, StatsStore store, Clock clock, RealtimeMetrics metrics,
      Function<List<String>, Optional<String>> otherSubprotocols) {
    Objects.requireNonNull(otherSubprotocols, "otherSubprotocols");
    this.broker = Objects.requireNonNull(broker, "broker");
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.hub = hub
        .subprotocols(offered -> Encoding.select(offered).or(() -> otherSubprotocols.apply(offered)))
        .onConnect(ctx -> connected(ctx.client()))
        .onDisconnect(ctx -> disconnected(ctx.client()))
        .on("refresh_stats", ctx -> refresh(ctx.client(), ctx.id()))
        .on("ping", ctx -> reply(ctx.client(), client -> client.encoding.frames().pong(clock.millis(), ctx.id())))
        .on("subscribe", ctx -> select(ctx.client(), true, types(ctx.message().get("events")), ctx.id()))
        .on("unsubscribe", ctx -> select(ctx.client(), false, types(ctx.message().get("events")), ctx.id()))
        .onBinary(ctx -> binary(ctx.client(), ctx.data()))
        .build();
  }

  /** The hub to route at {@code /ws/analytics}. */
  public Hub hub() {
    return hub;
  }

  /** Follows the event and heartbeat channels; waits up to {@code timeout}. */
  public void start(Duration timeout) throws Exception {
    CompletableFuture.allOf(
        broker.subscribe(EVENTS, new ChannelListener() {
          @Override
          public void onPublication(Publication publication) {
            deliverEvent(publication);
          }

          @Override
          public void onUnrecoverableGap(StreamGap gap) {
            log.warn("analytics events may have been lost on this node ({})", gap.reason());
          }
        }),
        broker.subscribe(HEARTBEATS, this::deliverHeartbeat))
        .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The cluster's stats now: the counters and the open connections of every node. */
  public CompletionStage<Stats> stats() {
    return stats(clock.instant());
  }

  private CompletionStage<Stats> stats(Instant at) {
    CompletableFuture<Long> visitors;
    try {
      visitors = broker.presence().count(VISITORS);
    } catch (RuntimeException e) {
      visitors = CompletableFuture.failedFuture(e);
    }
    return store.counters().thenCombine(visitors, (Counters counters, Long open) ->
        new Stats(open, counters.uniqueToday(), counters.totalEvents(), counters.lettersToday(), at.getEpochSecond()));
  }

  /**
   * Counts a validated event and publishes it to every client of the cluster; completes once
   * the broker took it, or fails (the producer should be told).
   */
  public CompletionStage<Void> publish(AnalyticsEvent event) {
    Objects.requireNonNull(event, "event");
    return store.record(event).thenCompose(counted -> {
      try {
        return broker.publish(EVENTS, event.text().getBytes(StandardCharsets.UTF_8), PublishOptions.defaults());
      } catch (RuntimeException e) {
        return CompletableFuture.failedFuture(e);
      }
    }).thenApply(published -> null);
  }

  /** The tick winner's heartbeat: the stats stamped {@code at}, to every client of the cluster. */
  public CompletionStage<Void> heartbeat(Instant at) {
    return stats(at).thenCompose(stats -> {
      try {
        byte[] payload = Json.encode(stats.toJson()).getBytes(StandardCharsets.UTF_8);
        return broker.publish(HEARTBEATS, payload, PublishOptions.defaults().withHistory(false));
      } catch (RuntimeException e) {
        return CompletableFuture.failedFuture(e);
      }
    }).thenApply(published -> null);
  }

  /** Open analytics connections on this node. */
  public int localClients() {
    return clients.size();
  }

  /** Event frames this node handed to its clients. */
  public long eventsDelivered() {
    return eventsDelivered.get();
  }

  // ---- deliveries (broker threads) ----

  private void deliverEvent(Publication publication) {
    AnalyticsEvent event;
    try {
      event = AnalyticsEvent.accepted(publication.payloadText());
    } catch (RuntimeException e) {
      log.warn("unreadable event on {}: {}", EVENTS, e.toString());
      return;
    }
    Map<Encoding, OutboundMessage> encoded = new EnumMap<>(Encoding.class);
    long sent = 0;
    for (FeedClient client : clients.values()) {
      if (client.selection.accepts(event.type())) {
        client.send(encoded.computeIfAbsent(client.encoding, encoding -> encoding.frames().event(event)));
        sent++;
      }
    }
    eventsDelivered.addAndGet(sent);
  }

  private void deliverHeartbeat(Publication publication) {
    Stats stats;
    try {
      stats = Stats.fromJson(Json.parseObject(publication.payloadText()));
    } catch (RuntimeException e) {
      log.warn("unreadable heartbeat on {}: {}", HEARTBEATS, e.toString());
      return;
    }
    Map<Encoding, OutboundMessage> encoded = new EnumMap<>(Encoding.class);
    for (FeedClient client : clients.values()) {
      client.send(encoded.computeIfAbsent(client.encoding,
          encoding -> encoding.frames().stats(StatsKind.HEARTBEAT, stats, Optional.empty())));
    }
  }

  // ---- clients (transport threads) ----

  private void connected(Client client) {
    FeedClient feedClient = new FeedClient(client, Encoding.of(client.handshake()));
    clients.put(client, feedClient);
    PresenceInfo entry = new PresenceInfo(client.id(), client.user().orElse(""), broker.nodeId(), "");
    CompletionStage<Void> present;
    try {
      present = broker.presence().add(VISITORS, entry);
    } catch (RuntimeException e) {
      present = CompletableFuture.failedFuture(e);
    }
    feedClient.present = present;
    // Counted after its own entry is in, so a visitor's first stats include itself.
    present.handle((added, failure) -> null).thenCompose(ignored -> stats()).whenComplete((stats, failure) -> {
      OutboundMessage first = failure == null
          ? feedClient.encoding.frames().stats(StatsKind.INITIAL_STATS, stats, Optional.empty())
          : feedClient.encoding.frames().error(ErrorCodes.UNAVAILABLE, "the stats cannot be read right now", Optional.empty());
      int dropped = feedClient.start(first);
      for (int i = 0; i < dropped; i++) {
        metrics.messageDropped();
      }
    });
  }

  private void disconnected(Client client) {
    FeedClient gone = clients.remove(client);
    if (gone == null) {
      return;
    }
    // After the add completed, so a quick disconnect never leaves an entry behind.
    gone.present.whenComplete((added, failure) -> {
      try {
        broker.presence().remove(VISITORS, client.id());
      } catch (RuntimeException e) {
        log.debug("presence of {} not removed: {}", client, e.toString());
      }
    });
  }

  private interface Answer {
    OutboundMessage to(FeedClient client);
  }

  private void reply(Client client, Answer answer) {
    FeedClient feedClient = clients.get(client);
    if (feedClient != null) {
      feedClient.send(answer.to(feedClient));
    }
  }

  private void refresh(Client client, Optional<JsonElement> id) {
    stats().whenComplete((stats, failure) -> reply(client, feedClient -> failure == null
        ? feedClient.encoding.frames().stats(StatsKind.STATS, stats, id)
        : feedClient.encoding.frames().error(ErrorCodes.UNAVAILABLE, "the stats cannot be read right now", id)));
  }

  private void select(Client client, boolean subscribe, List<String> types, Optional<JsonElement> id) {
    FeedClient feedClient = clients.get(client);
    if (feedClient == null) {
      return;
    }
    if (types == null) {
      feedClient.send(feedClient.encoding.frames().error(ErrorCodes.INVALID_MESSAGE,
          "events must be an array of 1 to " + MAX_FILTER_TYPES + " event types", id));
      return;
    }
    Selection now;
    synchronized (feedClient) {
      Selection before = feedClient.selection;
      if (types.contains("*")) {
        now = subscribe ? Selection.EVERYTHING : Selection.NOTHING;
      } else {
        now = subscribe ? before.subscribe(types) : before.unsubscribe(types);
      }
      feedClient.selection = now;
    }
    feedClient.send(feedClient.encoding.frames().subscriptions(now, id));
  }

  /** The event types named by {@code events}, or null when it is not a valid list. */
  private static List<String> types(JsonElement events) {
    if (events == null || !events.isJsonArray()) {
      return null;
    }
    List<String> types = new ArrayList<>();
    for (JsonElement type : events.getAsJsonArray()) {
      if (!type.isJsonPrimitive() || !type.getAsJsonPrimitive().isString()) {
        return null;
      }
      types.add(type.getAsString());
    }
    return types(types);
  }

  private static List<String> types(List<String> types) {
    if (types.isEmpty() || types.size() > MAX_FILTER_TYPES) {
      return null;
    }
    return types.stream().allMatch(type -> TYPE.matcher(type).matches()) ? List.copyOf(types) : null;
  }

  /** A protobuf {@code ClientFrame}: the same requests as the JSON ones, answered in the client's encoding. */
  private void binary(Client client, ByteBuffer data) {
    ClientFrame frame;
    try {
      frame = ClientFrame.parseFrom(data);
    } catch (InvalidProtocolBufferException e) {
      reply(client, feedClient -> feedClient.encoding.frames().error(ErrorCodes.INVALID_MESSAGE,
          "a binary frame is one ClientFrame (docs/proto/analytics.proto)", Optional.empty()));
      return;
    }
    Optional<JsonElement> id = frame.getId().isEmpty() ? Optional.empty() : Optional.of(new JsonPrimitive(frame.getId()));
    switch (frame.getFrameCase()) {
      case REFRESH_STATS -> refresh(client, id);
      case PING -> reply(client, feedClient -> feedClient.encoding.frames().pong(clock.millis(), id));
      case SUBSCRIBE -> select(client, true, types(frame.getSubscribe().getEventsList()), id);
      case UNSUBSCRIBE -> select(client, false, types(frame.getUnsubscribe().getEventsList()), id);
      default -> reply(client, feedClient -> feedClient.encoding.frames().error(ErrorCodes.UNKNOWN_TYPE,
          "a ClientFrame names one request", id));
    }
  }
}
