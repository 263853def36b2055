package dev.realtime.broker.redis;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.realtime.broker.Broker;
import dev.realtime.broker.BrokerStateListener;
import dev.realtime.broker.BrokerUnavailableException;
import dev.realtime.broker.ChannelListener;
import dev.realtime.broker.History;
import dev.realtime.broker.Presence;
import dev.realtime.broker.PublishOptions;
import dev.realtime.broker.PublishResult;
import dev.realtime.broker.StreamPosition;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Broker} on Redis (standalone or Cluster) through Lettuce, for a hub on many nodes.
 *
 * <p>A publish is one Lua script: idempotency check, epoch, next offset, {@code XADD} to the
 * channel's capped stream, TTLs, {@code PUBLISH}. Pub/sub is at most once, so each node tracks the
 * last offset it delivered per channel, drops duplicates and fills gaps from the stream (see
 * {@link DeliveryThread}); after a reconnect it subscribes every channel again and fills. While
 * Redis is unreachable, publishes fail at once (or within the command timeout) with {@link
 * BrokerUnavailableException}; nothing is buffered to be replayed later.
 *
 * <p>Futures may complete on a Lettuce I/O thread: callbacks on them must not block.
 */
public final class RedisBroker implements Broker {

  private static final Logger log = LoggerFactory.getLogger(RedisBroker.class);
  private static final byte[] EMPTY = new byte[0];
  private static final byte[] ONE = {'1'};
  private static final byte[] ZERO = {'0'};

  private final Settings settings;
  private final Keys keys;
  private final Map<String, ChannelListener> listeners = new ConcurrentHashMap<>();
  private final List<BrokerStateListener> stateListeners = new CopyOnWriteArrayList<>();
  private final Set<RedisChannelHandler<?, ?>> disconnected = ConcurrentHashMap.newKeySet();
  private final AtomicReference<Lifecycle> lifecycle = new AtomicReference<>(Lifecycle.NEW);
  private final byte[] historySize;
  private final byte[] historyTtl;
  private final byte[] streamTtl;
  private final byte[] idempotencyTtl;
  private final Object stateLock = new Object();
  private volatile State state = State.DOWN;
  private volatile DeliveryThread[] threads = new DeliveryThread[0];
  private RedisConnections connections;
  private Scripts scripts;
  private StreamReader reader;
  private RedisPresence presence;
  private ScheduledThreadPoolExecutor timer;

  private enum Lifecycle {
    NEW,
    STARTING,
    RUNNING,
    CLOSED
  }

  RedisBroker(Settings settings) {
    this.settings = settings;
    this.keys = new Keys(settings.keyPrefix());
    this.historySize = bytes(Integer.toString(settings.historySize()));
    this.historyTtl = bytes(Long.toString(settings.historyAge().toMillis()));
    this.streamTtl = bytes(Long.toString(settings.streamTtl().toMillis()));
    this.idempotencyTtl = bytes(Long.toString(settings.idempotencyWindow().toMillis()));
  }

  /** Returns a builder for a broker on the Redis at {@code uri}. */
  public static RedisBrokerBuilder builder(String uri) {
    return new RedisBrokerBuilder(uri);
  }

  @Override
  public String nodeId() {
    return settings.nodeId();
  }

  @Override
  public void start() {
    if (!lifecycle.compareAndSet(Lifecycle.NEW, Lifecycle.STARTING)) {
      throw new IllegalStateException("a broker starts once");
    }
    try {
      connections = RedisConnections.open(settings, new StateWatcher(), new MessageRouter());
    } catch (RuntimeException e) {
      lifecycle.set(Lifecycle.CLOSED);
      throw new BrokerUnavailableException("cannot connect to Redis: " + e.getMessage(), e);
    }
    scripts = new Scripts(connections.scripting());
    try {
      scripts.loadAll().get(settings.commandTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      connections.close();
      lifecycle.set(Lifecycle.CLOSED);
      throw new BrokerUnavailableException("cannot load the broker's scripts: " + e, e);
    }
    reader = new StreamReader(scripts, keys, settings);
    presence = new RedisPresence(scripts, keys, settings);
    timer = new ScheduledThreadPoolExecutor(1, runnable -> daemon(runnable, "realtime-broker-timer-" + nodeId()));
    timer.setRemoveOnCancelPolicy(true);
    long refresh = settings.presenceRefresh().toMillis();
    timer.scheduleAtFixedRate(presence::refresh, refresh, refresh, TimeUnit.MILLISECONDS);
    Duration retry = settings.reconnectDelayMax().compareTo(Duration.ofMillis(500)) < 0
        ? settings.reconnectDelayMax() : Duration.ofMillis(500);
    DeliveryThread[] started = new DeliveryThread[settings.deliveryThreads()];
    int capacity = Math.max(1, settings.handoffQueueSize() / started.length);
    for (int i = 0; i < started.length; i++) {
      started[i] =
          new DeliveryThread(
              "realtime-broker-delivery-" + nodeId() + "-" + i,
              capacity,
              Math.min(settings.historySize(), MAX_HISTORY_LIMIT),
              retry,
              reader,
              connections.pubSub(),
              timer,
              settings.metrics(),
              () -> state == State.UP);
    }
    threads = started;
    state = State.UP;
    lifecycle.set(Lifecycle.RUNNING);
    log.info("broker {} connected to {}", nodeId(), settings.cluster() ? "a Redis Cluster" : "Redis");
  }

  @Override
  public CompletableFuture<PublishResult> publish(
      String channel, byte[] payload, PublishOptions options) {
    requireChannel(channel);
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(options, "options");
    if (!running()) {
      settings.metrics().brokerPublishFailed();
      return unavailable();
    }
    long started = System.nanoTime();
    String[] scriptKeys = {
      keys.stream(channel),
      keys.meta(channel),
      keys.idempotency(channel, options.idempotencyKey().orElse("-"))
    };
    CompletableFuture<List<Object>> reply =
        scripts.run(
            Scripts.Script.PUBLISH,
            ScriptOutputType.MULTI,
            scriptKeys,
            payload.clone(),
            options.excludedClient().map(RedisBroker::bytes).orElse(EMPTY),
            historySize,
            historyTtl,
            streamTtl,
            bytes(StreamReader.newEpoch()),
            bytes(keys.pubSub(channel)),
            options.history() ? ONE : ZERO,
            options.idempotencyKey().isPresent() ? idempotencyTtl : ZERO);
    return reply.handle(
        (result, failure) -> {
          if (failure != null) {
            settings.metrics().brokerPublishFailed();
            throw Failures.translate("publish to " + channel, failure);
          }
          settings.metrics().brokerPublishLatency(System.nanoTime() - started);
          boolean duplicate = StreamReader.number(result.get(2)) == 1;
          if (!duplicate) {
            settings.metrics().brokerPublished();
          }
          StreamPosition position =
              new StreamPosition(StreamReader.number(result.get(0)), StreamReader.text(result.get(1)));
          return new PublishResult(position, duplicate);
        });
  }

  @Override
  public CompletableFuture<StreamPosition> subscribe(String channel, ChannelListener listener) {
    requireChannel(channel);
    Objects.requireNonNull(listener, "listener");
    requireStarted();
    if (!running()) {
      return unavailable();
    }
    ChannelListener existing = listeners.putIfAbsent(channel, listener);
    if (existing != null && existing != listener) {
      throw new IllegalStateException("channel " + channel + " has another listener");
    }
    CompletableFuture<StreamPosition> result = new CompletableFuture<>();
    String pubSubName = keys.pubSub(channel);
    thread(pubSubName).subscribe(channel, pubSubName, listener, result);
    return result;
  }

  @Override
  public CompletableFuture<Void> unsubscribe(String channel) {
    requireChannel(channel);
    requireStarted();
    if (listeners.remove(channel) == null || !running()) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Void> done = new CompletableFuture<>();
    String pubSubName = keys.pubSub(channel);
    thread(pubSubName).unsubscribe(pubSubName, done);
    return done;
  }

  @Override
  public CompletableFuture<History> history(String channel, StreamPosition since, int limit) {
    requireChannel(channel);
    Objects.requireNonNull(since, "since");
    if (limit < 0 || limit > MAX_HISTORY_LIMIT) {
      throw new IllegalArgumentException("limit must be 0 to " + MAX_HISTORY_LIMIT + ": " + limit);
    }
    requireStarted();
    if (!running()) {
      return unavailable();
    }
    return translated(reader.read(channel, since, limit), "read history of " + channel);
  }

  @Override
  public CompletableFuture<StreamPosition> position(String channel) {
    requireChannel(channel);
    requireStarted();
    if (!running()) {
      return unavailable();
    }
    return translated(reader.position(channel), "read the position of " + channel);
  }

  @Override
  public Presence presence() {
    requireStarted();
    return presence;
  }

  @Override
  public State state() {
    return state;
  }

  @Override
  public void addStateListener(BrokerStateListener listener) {
    stateListeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /** Removes this node's presence entries (waiting up to the command timeout), then disconnects. */
  @Override
  public void close() {
    Lifecycle previous = lifecycle.getAndSet(Lifecycle.CLOSED);
    if (previous != Lifecycle.RUNNING) {
      return;
    }
    try {
      presence.removeAll().get(settings.commandTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      log.warn("interrupted while removing the presence of node {}; it expires within the TTL", nodeId());
    } catch (ExecutionException | TimeoutException e) {
      log.warn("could not remove the presence of node {}; it expires within the TTL: {}", nodeId(), e.toString());
    }
    timer.shutdownNow();
    for (DeliveryThread thread : threads) {
      thread.close();
    }
    connections.close();
    listeners.clear();
    changeState(State.DOWN);
    log.info("broker {} closed", nodeId());
  }

  static void requireChannel(String channel) {
    Objects.requireNonNull(channel, "channel");
    if (channel.isEmpty()) {
      throw new IllegalArgumentException("channel must not be empty");
    }
  }

  private boolean running() {
    return lifecycle.get() == Lifecycle.RUNNING;
  }

  private void requireStarted() {
    Lifecycle now = lifecycle.get();
    if (now == Lifecycle.NEW || now == Lifecycle.STARTING) {
      throw new IllegalStateException("start() the broker first");
    }
  }

  private DeliveryThread thread(String pubSubName) {
    DeliveryThread[] all = threads;
    return all[Math.floorMod(pubSubName.hashCode(), all.length)];
  }

  private <T> CompletableFuture<T> translated(CompletableFuture<T> future, String operation) {
    return future.handle(
        (value, failure) -> {
          if (failure != null) {
            throw Failures.translate(operation, failure);
          }
          return value;
        });
  }

  private static <T> CompletableFuture<T> unavailable() {
    return CompletableFuture.failedFuture(new BrokerUnavailableException("broker closed"));
  }

  private void changeState(State next) {
    // Connections drop and come back on different event-loop threads: one notification per
    // change, in the order of the changes (listeners must not block).
    synchronized (stateLock) {
      if (state == next) {
        return;
      }
      state = next;
      log.info("broker {} is {}", nodeId(), next);
      for (BrokerStateListener listener : stateListeners) {
        try {
          listener.onStateChange(next);
        } catch (RuntimeException e) {
          log.warn("broker state listener failed", e);
        }
      }
    }
  }

  private static Thread daemon(Runnable runnable, String name) {
    Thread thread = new Thread(runnable, name);
    thread.setDaemon(true);
    return thread;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(UTF_8);
  }

  /** Routes pub/sub messages to their delivery thread; runs on Lettuce's event loop. */
  private final class MessageRouter extends RedisPubSubAdapter<String, byte[]> {
    @Override
    public void message(String channel, byte[] message) {
      DeliveryThread[] all = threads;
      if (all.length > 0) {
        all[Math.floorMod(channel.hashCode(), all.length)].offer(channel, message);
      }
    }
  }

  /** Follows the connections: down when one drops, up (and resubscribed, refilled) when all are back. */
  private final class StateWatcher implements RedisConnectionStateListener {
    @Override
    public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
      if (lifecycle.get() != Lifecycle.RUNNING || connection.isClosed()) {
        return; // closed on purpose (ours at close, a cluster node's after a topology change)
      }
      disconnected.add(connection);
      for (DeliveryThread thread : threads) {
        thread.disconnected();
      }
      changeState(State.DOWN);
    }

    @Override
    public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
      if (lifecycle.get() != Lifecycle.RUNNING || !disconnected.remove(connection)) {
        return; // the first connect, before start() finished, is not a reconnect
      }
      settings.metrics().brokerReconnected();
      log.info("broker {} reconnected to {}", nodeId(), address);
      // Any connection coming back (pub/sub, commands, a cluster node) is a reason to check every
      // channel: subscribe again and fill what was published meanwhile.
      for (DeliveryThread thread : threads) {
        thread.reconnected();
      }
      scripts.loadAll(); // best effort: EVALSHA falls back to EVAL anyway
      timer.execute(presence::refresh);
      disconnected.removeIf(RedisChannelHandler::isClosed);
      if (disconnected.isEmpty()) {
        changeState(State.UP);
      }
    }
  }
}
