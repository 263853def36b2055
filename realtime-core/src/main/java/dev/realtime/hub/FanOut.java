package dev.realtime.hub;

import dev.realtime.broker.Broker;
import dev.realtime.broker.BrokerStateListener;
import dev.realtime.broker.BrokerUnavailableException;
import dev.realtime.broker.PublishOptions;
import dev.realtime.broker.StreamPosition;
import dev.realtime.metrics.RealtimeMetrics;
import dev.realtime.transport.OutboundMessage;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every send that reaches more than one client, through the broker: a room's broadcast, a user's
 * connections, the whole hub.
 *
 * <p>A send publishes the encoded frame to its channel ({@link ChannelNames}); the broker delivers
 * each subscribed channel's publications back to every node in offset order, and the channel's
 * {@link Subscription} turns each into one immutable message shared by all local recipients. The
 * registry's lifecycle calls decide the subscriptions: a room's channel (and, with presence
 * handlers, its presence channel) while it has local members, a user's while the user has local
 * connections, the hub-wide one from the first connection on. With the in-memory broker all of
 * this happens on the calling thread before a send returns, as it did before there was a broker.
 */
final class FanOut implements Registry.Lifecycle, BrokerStateListener {
  private static final Logger log = LoggerFactory.getLogger(FanOut.class);
  private static final long RETRY_MILLIS = 500;

  private final Broker broker;
  private final boolean ownsBroker;
  private final ChannelNames names;
  private final RealtimeMetrics metrics;
  private final Registry registry;
  private final int recoveryLimit;
  private final Supplier<ScheduledExecutorService> scheduler;
  private final Map<String, Subscription> channels = new ConcurrentHashMap<>();
  private final Set<Subscription> retrying = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean hubChannel = new AtomicBoolean();
  private volatile Function<String, Subscription> presenceChannels;

  FanOut(
      HubSettings settings,
      RealtimeMetrics metrics,
      Broker broker,
      boolean ownsBroker,
      ChannelNames names,
      int recoveryLimit,
      Supplier<ScheduledExecutorService> scheduler) {
    this.metrics = metrics;
    this.broker = broker;
    this.ownsBroker = ownsBroker;
    this.names = names;
    this.recoveryLimit = recoveryLimit;
    this.scheduler = scheduler;
    this.registry = new Registry(settings, this);
    broker.addStateListener(this);
  }

  /** From now on a room's presence channel is subscribed with its room, made by {@code factory}. */
  void followPresence(Function<String, Subscription> factory) {
    this.presenceChannels = factory;
  }

  Registry registry() {
    return registry;
  }

  Broker broker() {
    return broker;
  }

  ChannelNames names() {
    return names;
  }

  int recoveryLimit() {
    return recoveryLimit;
  }

  /** This node's subscription to {@code channel}, if it has one now. */
  Subscription subscription(String channel) {
    return channels.get(channel);
  }

  Iterable<Subscription> subscriptions() {
    return channels.values();
  }

  // ---- sending ----

  /** Publishes a room frame; every member on every node gets it, in the room's order. */
  CompletionStage<StreamPosition> toRoom(String room, OutboundMessage message, BroadcastOptions options) {
    RoomFrames.requireNoPosition(message);
    PublishOptions publish = PublishOptions.defaults();
    if (options.excluded().isPresent()) {
      publish = publish.excluding(options.excluded().get());
    }
    if (options.idempotencyKey().isPresent()) {
      publish = publish.withIdempotencyKey(options.idempotencyKey().get());
    }
    return publish(names.room(room), RoomFrames.encode(message), publish);
  }

  /** Publishes to every connection of {@code user}, live only. */
  CompletionStage<StreamPosition> toUser(String user, OutboundMessage message) {
    return publish(names.user(user), RoomFrames.encode(message), PublishOptions.defaults().withHistory(false));
  }

  /** Publishes to every connected client of the hub, live only. */
  CompletionStage<StreamPosition> toAll(OutboundMessage message) {
    return publish(names.all(), RoomFrames.encode(message), PublishOptions.defaults().withHistory(false));
  }

  /** Publishes behind the channel's subscription, if it is being made, so this node gets it too. */
  CompletionStage<StreamPosition> publish(String channel, byte[] payload, PublishOptions options) {
    CompletableFuture<StreamPosition> result = new CompletableFuture<>();
    Subscription.Waiting work = new Subscription.Waiting() {
      @Override
      public void proceed() {
        try {
          broker.publish(channel, payload, options).whenComplete((published, failure) -> {
            if (failure != null) {
              result.completeExceptionally(unwrap(failure));
            } else {
              result.complete(published.position());
            }
          });
        } catch (RuntimeException e) {
          metrics.brokerPublishFailed();
          result.completeExceptionally(e);
        }
      }

      @Override
      public void fail(BrokerUnavailableException failure) {
        metrics.brokerPublishFailed();
        result.completeExceptionally(failure);
      }
    };
    Subscription subscription = channels.get(channel);
    if (subscription == null) {
      work.proceed();
    } else {
      subscription.whenSubscribed(work);
    }
    return result;
  }

  /** Starts a client's catch-up on a room it has just joined with a position. */
  void recover(Recovery recovery) {
    if (channels.get(names.room(recovery.room)) instanceof RoomChannel room) {
      room.recover(recovery);
    } else {
      recovery.cancel(); // it left again already
    }
  }

  /** A client connected: the hub-wide channel is subscribed from the first one on. */
  void clientOpened() {
    if (hubChannel.compareAndSet(false, true)) {
      decide(names.all(), () -> new MemberChannel(names.all(), this, null), Subscription.Op.SUBSCRIBE)
          .run();
    }
  }

  // ---- the registry's lifecycle: record under its lock, run after ----

  @Override
  public Runnable firstLocalMember(String room) {
    metrics.roomCreated();
    String channel = names.room(room);
    Runnable subscribe = decide(channel, () -> new RoomChannel(room, channel, this), Subscription.Op.SUBSCRIBE);
    Function<String, Subscription> presence = presenceChannels;
    if (presence == null) {
      return subscribe;
    }
    Runnable presenceSubscribe = decide(names.presence(room), () -> presence.apply(room), Subscription.Op.SUBSCRIBE);
    return () -> {
      subscribe.run();
      presenceSubscribe.run();
    };
  }

  @Override
  public Runnable lastLocalMemberLeft(String room) {
    metrics.roomRemoved();
    String channel = names.room(room);
    Runnable unsubscribe = decide(channel, () -> new RoomChannel(room, channel, this), Subscription.Op.UNSUBSCRIBE);
    Function<String, Subscription> presence = presenceChannels;
    if (presence == null) {
      return unsubscribe;
    }
    Runnable presenceUnsubscribe = decide(names.presence(room), () -> presence.apply(room), Subscription.Op.UNSUBSCRIBE);
    return () -> {
      unsubscribe.run();
      presenceUnsubscribe.run();
    };
  }

  @Override
  public Runnable firstConnectionOf(String user) {
    String channel = names.user(user); // one string for the map's key and the subscription's name
    return decide(channel, () -> new MemberChannel(channel, this, user), Subscription.Op.SUBSCRIBE);
  }

  @Override
  public Runnable lastConnectionOf(String user) {
    String channel = names.user(user);
    return decide(channel, () -> new MemberChannel(channel, this, user), Subscription.Op.UNSUBSCRIBE);
  }

  /** Queues {@code op} on the channel's subscription (made if needed); returns what runs it. */
  private Runnable decide(String channel, Supplier<Subscription> factory, Subscription.Op op) {
    Subscription[] target = new Subscription[1];
    channels.compute(channel, (name, existing) -> {
      Subscription subscription = existing == null ? factory.get() : existing;
      subscription.enqueue(op);
      target[0] = subscription;
      return subscription;
    });
    return target[0]::drain;
  }

  /** Forgets a subscription that nothing needs any more (never one with queued work). */
  void forgetIfIdle(Subscription subscription) {
    channels.computeIfPresent(subscription.channel, (name, existing) ->
        existing == subscription && subscription.idle() ? null : existing);
  }

  // ---- retries of failed subscriptions ----

  /** Subscribes {@code subscription} again soon: after a short delay while the broker is up, else when it is back. */
  void retrySoon(Subscription subscription) {
    if (!retrying.add(subscription) || broker.state() != Broker.State.UP) {
      return;
    }
    try {
      scheduler.get().schedule(() -> retry(subscription), RETRY_MILLIS, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      log.debug("hub closed; {} is not retried", subscription);
    }
  }

  @Override
  public void onStateChange(Broker.State state) {
    if (state == Broker.State.UP) {
      for (Subscription subscription : Set.copyOf(retrying)) {
        retry(subscription);
      }
    }
  }

  private void retry(Subscription subscription) {
    if (!retrying.remove(subscription)) {
      return;
    }
    boolean[] current = new boolean[1];
    channels.computeIfPresent(subscription.channel, (name, existing) -> {
      if (existing == subscription) {
        subscription.enqueue(Subscription.Op.RETRY);
        current[0] = true;
      }
      return existing;
    });
    if (current[0]) {
      subscription.drain();
    }
  }

  /** Closes the broker if the hub made it. */
  void close() {
    if (ownsBroker) {
      broker.close();
    }
  }

  private static Throwable unwrap(Throwable failure) {
    Throwable cause = failure;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }
}
