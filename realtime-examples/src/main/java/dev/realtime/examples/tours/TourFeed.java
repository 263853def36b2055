package dev.realtime.examples.tours;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.realtime.broker.Broker;
import dev.realtime.broker.ChannelListener;
import dev.realtime.broker.PublishOptions;
import dev.realtime.broker.Publication;
import dev.realtime.broker.StreamGap;
import dev.realtime.examples.feed.Selection;
import dev.realtime.examples.tours.inventory.Availability;
import dev.realtime.examples.tours.inventory.Inventory;
import dev.realtime.examples.tours.inventory.Tour;
import dev.realtime.examples.tours.inventory.TourCatalog;
import dev.realtime.hub.Client;
import dev.realtime.hub.Hub;
import dev.realtime.hub.MessageHandler;
import dev.realtime.protocol.ErrorCodes;
import dev.realtime.protocol.Json;
import dev.realtime.protocol.ProtocolException;
import dev.realtime.transport.OutboundMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /tours} on one node: the node's view of every tour's seats and its clients' selections.
 *
 * <p>Every change (a booking anywhere in the cluster, a cancellation, the simulation) is published
 * on the broker channel {@value #CHANNEL} with its version; every node applies a change only when
 * its version is newer than the one it holds, so changes published out of order (two nodes booking
 * at once) never move a count backwards, and every client ends on the latest count. The node's
 * clients get {@code AVAILABILITY_UPDATE} for each change they selected, encoded once per change.
 * A periodic re-read of the inventory repairs what a failed publish lost.
 */
public final class TourFeed {
  /** The broker channel of availability changes. */
  public static final String CHANNEL = "feed:tours:availability";
  /** The error code of a subscription to a tour that does not exist. */
  public static final String UNKNOWN_TOUR = "unknown_tour";

  private static final Logger log = LoggerFactory.getLogger(TourFeed.class);

  private final Broker broker;
  private final Inventory inventory;
  private final TourCatalog catalog;
  private final Clock clock;
  private final Hub hub;
  private final Map<String, Availability> latest = new HashMap<>();
  private final Map<Client, Watcher> watchers = new ConcurrentHashMap<>();

  /** One client's selection; replaced whole, read without a lock. */
  private static final class Watcher {
    final Client client;
    volatile Selection selection = Selection.EVERYTHING;

    Watcher(Client client) {
      this.client = client;
    }
  }

  /** The feed and its hub, built from {@code hub}; call {@link #start} before serving. */
  public TourFeed(Hub.Builder hub, Broker broker, Inventory inventory, Clock clock) {
    this.broker = Objects.requireNonNull(broker, "broker");
    this.inventory = Objects.requireNonNull(inventory, "inventory");
    this.catalog = inventory.catalog();
    this.clock = Objects.requireNonNull(clock, "clock");
    this.hub = hub
        .onConnect(ctx -> connected(ctx.client()))
        .onDisconnect(ctx -> watchers.remove(ctx.client()))
        .on("SUBSCRIBE", ctx -> select(ctx, true))
        .on("UNSUBSCRIBE", ctx -> select(ctx, false))
        .on("PING", ctx -> ctx.reply(TourFrames.pong(clock.instant())))
        .build();
  }

  /** The hub to route at {@code /tours}. */
  public Hub hub() {
    return hub;
  }

  /** Follows the channel, then loads every tour's seats; waits up to {@code timeout}. */
  public void start(Duration timeout) throws Exception {
    broker.subscribe(CHANNEL, new ChannelListener() {
      @Override
      public void onPublication(Publication publication) {
        heard(publication);
      }

      @Override
      public void onUnrecoverableGap(StreamGap gap) {
        log.info("tour changes may have been missed ({}); reading the seats again", gap.reason());
        resync();
      }
    }).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    inventory.availability().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS).forEach(this::apply);
  }

  /** This node's view of every tour, in catalog order. */
  public synchronized List<Availability> view() {
    return catalog.tours().stream().map(tour -> latest.get(tour.id())).filter(Objects::nonNull).toList();
  }

  /**
   * A change this node made: applied here at once and published to every node. Completes when
   * the broker took it (or failed; the periodic re-read then brings other nodes up to date).
   */
  public CompletionStage<Void> changed(Availability availability) {
    apply(availability);
    JsonObject payload = new JsonObject();
    payload.addProperty("tourId", availability.tourId());
    payload.addProperty("availableSeats", availability.availableSeats());
    payload.addProperty("version", availability.version());
    payload.addProperty("changedAt", availability.changedAt().toEpochMilli());
    try {
      return broker.publish(CHANNEL, Json.encode(payload).getBytes(StandardCharsets.UTF_8), PublishOptions.defaults())
          .thenApply(published -> (Void) null);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Reads every tour's seats and applies what is newer than this node's view. */
  public void resync() {
    inventory.availability().whenComplete((all, failure) -> {
      if (failure != null) {
        log.debug("tour seats could not be read: {}", failure.toString());
      } else {
        all.forEach(this::apply);
      }
    });
  }

  private void heard(Publication publication) {
    try {
      JsonObject change = Json.parseObject(publication.payloadText());
      apply(new Availability(change.get("tourId").getAsString(), change.get("availableSeats").getAsInt(),
          change.get("version").getAsLong(), Instant.ofEpochMilli(change.get("changedAt").getAsLong())));
    } catch (RuntimeException e) {
      log.warn("unreadable tour change on {}: {}", CHANNEL, e.toString());
    }
  }

  /** Takes {@code availability} if it is newer than what this node holds, and tells its clients. */
  private synchronized void apply(Availability availability) {
    Tour tour = catalog.tour(availability.tourId()).orElse(null);
    if (tour == null || !availability.newerThan(latest.get(tour.id()))) {
      return;
    }
    latest.put(tour.id(), availability);
    OutboundMessage update = Json.message(TourFrames.state(TourFrames.AVAILABILITY_UPDATE, tour, availability));
    for (Watcher watcher : watchers.values()) {
      if (watcher.selection.accepts(tour.id())) {
        watcher.client.send(update);
      }
    }
  }

  /** WELCOME, then one INITIAL_STATE per tour, under the lock so no update overtakes them. */
  private synchronized void connected(Client client) {
    client.send(TourFrames.welcome("Connected to the tour availability server", clock.instant()));
    for (Tour tour : catalog.tours()) {
      Availability availability = latest.get(tour.id());
      if (availability != null) {
        client.send(TourFrames.state(TourFrames.INITIAL_STATE, tour, availability));
      }
    }
    watchers.put(client, new Watcher(client));
  }

  private void select(MessageHandler.Context ctx, boolean subscribe) throws ProtocolException {
    JsonElement tourId = ctx.message().get("tourId");
    if (tourId == null || !tourId.isJsonPrimitive() || !tourId.getAsJsonPrimitive().isString()) {
      throw new ProtocolException(ErrorCodes.INVALID_MESSAGE, "tourId must be a string");
    }
    String id = tourId.getAsString();
    if (catalog.tour(id).isEmpty()) {
      throw new ProtocolException(UNKNOWN_TOUR, "no tour has the id '" + (id.length() > 64 ? id.substring(0, 64) + "…" : id) + "'");
    }
    Watcher watcher = watchers.get(ctx.client());
    if (watcher == null) {
      return;
    }
    Selection now;
    synchronized (watcher) {
      now = subscribe ? watcher.selection.subscribe(List.of(id)) : watcher.selection.unsubscribe(List.of(id));
      watcher.selection = now;
    }
    ctx.reply(TourFrames.subscriptions(subscribe ? "SUBSCRIBED" : "UNSUBSCRIBED", id, now));
  }
}
