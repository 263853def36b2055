package dev.realtime.examples.analytics;

import dev.realtime.examples.analytics.model.AnalyticsEvent;
import dev.realtime.examples.analytics.model.InvalidEventException;
import dev.realtime.examples.feed.LuaScript;
import dev.realtime.examples.feed.RedisLink;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plain Redis channel {@value #CHANNEL} that any program can feed: {@code redis-cli PUBLISH
 * analytics:events '{"type":"page_view",…}'}. Each message is validated like {@code POST
 * /api/events}; a bad one is counted and dropped, never anything more.
 *
 * <p>Exactly one node takes what arrives there, so an event is counted and delivered once, not
 * once per node: the holder of the lease {@value #LEASE_KEY} (taken with {@code SET NX PX},
 * renewed every third of its lifetime by a script that checks the owner). Only the holder
 * subscribes, so {@code PUBLISH} answers 1 when a node took the message and 0 when none did
 * (the producer may retry); a node also stops taking messages a safety margin before its lease
 * could have expired, so two nodes never both take one. When the holder dies, another takes over
 * within the lease's lifetime; messages published in between reach nobody ({@code PUBLISH}
 * answers 0).
 */
final class IngestChannel implements AutoCloseable {
  /** The channel producers publish on. */
  static final String CHANNEL = "analytics:events";
  /** The key naming the node that takes the channel's messages. */
  static final String LEASE_KEY = "analytics:ingest:leader";

  private static final Logger log = LoggerFactory.getLogger(IngestChannel.class);
  private static final LuaScript LEASE = LuaScript.load(IngestChannel.class, "lease.lua");
  private static final LuaScript RELEASE = LuaScript.load(IngestChannel.class, "release.lua");

  private final RedisLink redis;
  private final String nodeId;
  private final AnalyticsFeed feed;
  private final Clock clock;
  private final ScheduledExecutorService scheduler;
  private final Duration lease;
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong rejected;
  private volatile boolean held;
  private volatile long heldUntilNanos;
  private boolean subscribed;
  // Redis confirmed the SUBSCRIBE (and no UNSUBSCRIBE was sent since): PUBLISH now reaches us.
  private volatile boolean listening;
  private ScheduledFuture<?> renewals;
  private StatefulRedisPubSubConnection<String, String> pubSub;

  IngestChannel(RedisLink redis, String nodeId, AnalyticsFeed feed, Clock clock, ScheduledExecutorService scheduler,
      Duration lease, AtomicLong rejected) {
    this.redis = Objects.requireNonNull(redis, "redis");
    this.nodeId = Objects.requireNonNull(nodeId, "nodeId");
    this.feed = Objects.requireNonNull(feed, "feed");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.lease = Objects.requireNonNull(lease, "lease");
    this.rejected = Objects.requireNonNull(rejected, "rejected");
  }

  /** Starts competing for the lease. */
  synchronized void start() {
    pubSub = redis.pubSub();
    pubSub.addListener(new RedisPubSubAdapter<>() {
      @Override
      public void message(String channel, String message) {
        if (CHANNEL.equals(channel)) {
          take(message);
        }
      }
    });
    long every = Math.max(1, lease.toMillis() / 3);
    renewals = scheduler.scheduleAtFixedRate(this::renew, 0, every, TimeUnit.MILLISECONDS);
  }

  /** Whether this node takes the channel's messages now. */
  boolean leading() {
    return held && System.nanoTime() - heldUntilNanos < 0;
  }

  /**
   * Whether this node takes the channel's messages now and Redis has confirmed its subscription,
   * so a {@code PUBLISH} answers 1: what {@code /api/stats} reports.
   */
  boolean takesChannel() {
    return listening && leading();
  }

  /** Messages taken and published. */
  long accepted() {
    return accepted.get();
  }

  private void take(String message) {
    if (!leading()) {
      return; // our lease may be over: the new holder takes it
    }
    AnalyticsEvent event;
    try {
      event = AnalyticsEvent.parse(message, clock);
    } catch (InvalidEventException | RuntimeException e) {
      rejected.incrementAndGet();
      log.debug("dropped a message on {}: {}", CHANNEL, e.getMessage());
      return;
    }
    feed.publish(event).whenComplete((published, failure) -> {
      if (failure == null) {
        accepted.incrementAndGet();
      } else {
        log.warn("an event from {} was not published: {}", CHANNEL, failure.toString());
      }
    });
  }

  private void renew() {
    long sent = System.nanoTime();
    try {
      redis.<Long>run(LEASE, ScriptOutputType.INTEGER, new String[] {LEASE_KEY}, nodeId, Long.toString(lease.toMillis()))
          .whenComplete((answer, failure) -> {
            if (failure == null && answer == 1L) {
              // Believed only until a fifth of the lease before Redis could expire it.
              heldUntilNanos = sent + lease.toNanos() * 4 / 5;
              held = true;
            } else if (failure == null) {
              held = false;
            }
            follow();
          });
    } catch (RuntimeException e) {
      log.debug("ingest lease not renewed: {}", e.toString());
      follow();
    }
  }

  /** Subscribed exactly while leading. */
  private synchronized void follow() {
    if (pubSub == null) {
      return;
    }
    boolean lead = leading();
    if (lead && !subscribed) {
      subscribed = true;
      pubSub.async().subscribe(CHANNEL).whenComplete((ignored, failure) -> subscribeAnswered(failure));
    } else if (!lead && subscribed) {
      unsubscribe();
    }
  }

  private synchronized void subscribeAnswered(Throwable failure) {
    if (!subscribed) {
      return; // unsubscribed meanwhile
    }
    if (failure == null) {
      listening = true;
      log.info("this node takes the events published on Redis channel {}", CHANNEL);
    } else {
      subscribed = false; // the next renewal tries again
      log.warn("could not subscribe to Redis channel {}: {}", CHANNEL, failure.toString());
    }
  }

  private void unsubscribe() {
    listening = false;
    subscribed = false;
    pubSub.async().unsubscribe(CHANNEL);
  }

  @Override
  public synchronized void close() {
    if (renewals != null) {
      renewals.cancel(false);
    }
    held = false;
    if (subscribed && pubSub != null) {
      unsubscribe();
    }
    try {
      redis.run(RELEASE, ScriptOutputType.INTEGER, new String[] {LEASE_KEY}, nodeId).get(1, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.debug("ingest lease not released: {}", e.toString());
    }
  }
}
