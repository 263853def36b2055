package dev.realtime.broker.redis;

import dev.realtime.broker.BrokerException;
import dev.realtime.broker.ChannelListener;
import dev.realtime.broker.History;
import dev.realtime.broker.Publication;
import dev.realtime.broker.StreamGap;
import dev.realtime.broker.StreamPosition;
import dev.realtime.metrics.RealtimeMetrics;
import io.lettuce.core.pubsub.api.async.RedisPubSubAsyncCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One delivery thread: it owns the state of the channels hashed to it and delivers their
 * publications to their listeners in offset order, each at most once.
 *
 * <p>Lettuce's event-loop threads only {@link #offer} a message and return: a bounded count of
 * queued messages guards the queue, and a message beyond it is dropped, counted, and the channel
 * marked for a history read, so the drop costs latency, not the message. Everything else (the
 * outcome of SUBSCRIBE, position and history reads) comes back as a task on this thread's queue,
 * so channel state needs no lock.
 *
 * <p>Per channel: a publication at the next offset is delivered; one at or below the last
 * delivered offset is a duplicate and dropped; one further on, or in another epoch, starts a fill
 * (a history read from the last delivered position) that delivers what was missed, or reports an
 * unrecoverable gap and resumes at the stream's top. After every reconnect each channel is
 * subscribed again and filled, so nothing published while this node was cut off is lost silently.
 */
final class DeliveryThread {

  private static final Logger log = LoggerFactory.getLogger(DeliveryThread.class);

  private final BlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
  private final AtomicInteger queuedMessages = new AtomicInteger();
  private final Set<String> dropped = ConcurrentHashMap.newKeySet();
  private final Map<String, ChannelState> channels = new HashMap<>();
  private final Set<String> strays = new HashSet<>();
  private final int capacity;
  private final int fillLimit;
  private final Duration retryDelay;
  private final StreamReader reader;
  private final RedisPubSubAsyncCommands<String, byte[]> pubSub;
  private final ScheduledExecutorService timer;
  private final RealtimeMetrics metrics;
  private final BooleanSupplier connected;
  private final Thread thread;
  private volatile boolean running = true;

  DeliveryThread(
      String name,
      int capacity,
      int fillLimit,
      Duration retryDelay,
      StreamReader reader,
      RedisPubSubAsyncCommands<String, byte[]> pubSub,
      ScheduledExecutorService timer,
      RealtimeMetrics metrics,
      BooleanSupplier connected) {
    this.capacity = capacity;
    this.fillLimit = fillLimit;
    this.retryDelay = retryDelay;
    this.reader = reader;
    this.pubSub = pubSub;
    this.timer = timer;
    this.metrics = metrics;
    this.connected = connected;
    this.thread = new Thread(this::run, name);
    thread.setDaemon(true);
    thread.start();
  }

  /** Hands over a pub/sub message; called on a Lettuce event-loop thread, never blocks. */
  void offer(String pubSubName, byte[] message) {
    if (queuedMessages.incrementAndGet() > capacity) {
      queuedMessages.decrementAndGet();
      metrics.brokerMessageDropped();
      if (dropped.add(pubSubName)) {
        post(() -> refetchDropped(pubSubName));
      }
      return;
    }
    tasks.add(
        () -> {
          queuedMessages.decrementAndGet();
          onMessage(pubSubName, message);
        });
  }

  /** Subscribes a channel; {@code result} completes with the baseline position. */
  void subscribe(
      String channel,
      String pubSubName,
      ChannelListener listener,
      CompletableFuture<StreamPosition> result) {
    post(
        () -> {
          ChannelState state = channels.get(pubSubName);
          if (state != null && state.listener == listener) {
            if (state.phase == ChannelState.Phase.LIVE) {
              result.complete(state.position());
            } else {
              state.waiters.add(result);
            }
            return;
          }
          state = new ChannelState(channel, pubSubName, listener);
          state.waiters.add(result);
          channels.put(pubSubName, state);
          strays.remove(pubSubName);
          sendSubscribe(state);
        });
  }

  /** Unsubscribes a channel; {@code done} completes once Redis confirmed or the attempt failed. */
  void unsubscribe(String pubSubName, CompletableFuture<Void> done) {
    post(
        () -> {
          ChannelState removed = channels.remove(pubSubName);
          if (removed == null) {
            done.complete(null);
            return;
          }
          BrokerException cancelled = new BrokerException("unsubscribed before the subscription was live");
          removed.waiters.forEach(waiter -> waiter.completeExceptionally(cancelled));
          removed.waiters.clear();
          pubSub
              .unsubscribe(pubSubName)
              .whenComplete(
                  (ignored, failure) -> {
                    if (failure != null) {
                      // Lettuce would subscribe it again after a reconnect: undo it then.
                      post(() -> strays.add(pubSubName));
                    }
                    done.complete(null);
                  });
        });
  }

  /** The pub/sub connection dropped: no channel is confirmed subscribed any more. */
  void disconnected() {
    post(() -> channels.values().forEach(state -> state.confirmed = false));
  }

  /** A connection came back: subscribe every channel again, then fill what was missed. */
  void reconnected() {
    post(
        () -> {
          for (ChannelState state : channels.values()) {
            state.confirmed = false;
            sendSubscribe(state);
          }
          for (String stray : strays) {
            pubSub.unsubscribe(stray);
          }
          strays.clear();
        });
  }

  /** Stops the thread; tasks still queued are discarded. */
  void close() {
    running = false;
    post(() -> {});
    try {
      thread.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void post(Runnable task) {
    tasks.add(task);
  }

  private void run() {
    while (running) {
      try {
        tasks.take().run();
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        log.error("broker delivery task failed", e);
      }
    }
  }

  private void onMessage(String pubSubName, byte[] message) {
    ChannelState state = channels.get(pubSubName);
    if (state == null) {
      return;
    }
    Publication publication;
    try {
      publication = Envelope.decode(state.channel, message);
    } catch (RuntimeException e) {
      log.warn("ignored a malformed message on {}: {}", pubSubName, e.getMessage());
      return;
    }
    if (!publication.inHistory()) {
      deliver(state, publication); // live only: at most once, never refetched
      return;
    }
    if (state.phase == ChannelState.Phase.SUBSCRIBING) {
      state.messagesWhileSubscribing = true; // newer than the baseline or not: a fill will tell
      return;
    }
    StreamPosition position = publication.position();
    if (!position.epoch().equals(state.epoch)) {
      requestFill(state);
      return;
    }
    if (position.offset() <= state.offset) {
      return; // a duplicate: already delivered live or from history
    }
    if (position.offset() == state.offset + 1) {
      state.offset = position.offset();
      deliver(state, publication);
      return;
    }
    requestFill(state); // a gap: the fill delivers it and what came before it
  }

  private void refetchDropped(String pubSubName) {
    dropped.remove(pubSubName);
    ChannelState state = channels.get(pubSubName);
    if (state == null) {
      return;
    }
    if (state.phase == ChannelState.Phase.LIVE) {
      requestFill(state);
    } else {
      state.messagesWhileSubscribing = true;
    }
  }

  private void sendSubscribe(ChannelState state) {
    if (state.subscribeInFlight) {
      return;
    }
    state.subscribeInFlight = true;
    pubSub
        .subscribe(state.pubSubName)
        .whenComplete((ignored, failure) -> post(() -> onSubscribed(state, failure)));
  }

  private void onSubscribed(ChannelState state, Throwable failure) {
    if (channels.get(state.pubSubName) != state) {
      return;
    }
    state.subscribeInFlight = false;
    if (failure != null) {
      failWaiters(state, failure, "subscribe");
      scheduleRetry(state);
      return;
    }
    state.confirmed = true;
    if (state.phase == ChannelState.Phase.SUBSCRIBING) {
      requestBaseline(state);
    } else {
      requestFill(state); // subscribed again after a reconnect: fetch what was published meanwhile
    }
  }

  private void requestBaseline(ChannelState state) {
    if (state.baselineInFlight) {
      return;
    }
    state.baselineInFlight = true;
    reader
        .position(state.channel)
        .whenComplete((position, failure) -> post(() -> onBaseline(state, position, failure)));
  }

  private void onBaseline(ChannelState state, StreamPosition position, Throwable failure) {
    if (channels.get(state.pubSubName) != state) {
      return;
    }
    state.baselineInFlight = false;
    if (failure != null) {
      failWaiters(state, failure, "read the position of");
      scheduleRetry(state);
      return;
    }
    state.epoch = position.epoch();
    state.offset = position.offset();
    state.phase = ChannelState.Phase.LIVE;
    state.waiters.forEach(waiter -> waiter.complete(position));
    state.waiters.clear();
    if (state.messagesWhileSubscribing) {
      state.messagesWhileSubscribing = false;
      requestFill(state);
    }
  }

  private void requestFill(ChannelState state) {
    if (state.fillInFlight) {
      state.fillAgain = true;
      return;
    }
    state.fillInFlight = true;
    StreamPosition since = state.position();
    reader
        .read(state.channel, since, fillLimit)
        .whenComplete((history, failure) -> post(() -> onFill(state, history, failure)));
  }

  private void onFill(ChannelState state, History history, Throwable failure) {
    if (channels.get(state.pubSubName) != state) {
      return;
    }
    state.fillInFlight = false;
    if (failure != null) {
      log.debug("history read of {} failed: {}", state.channel, failure.toString());
      state.fillAgain = false;
      scheduleRetry(state);
      return;
    }
    StreamPosition top = history.top();
    if (!top.epoch().equals(state.epoch)) {
      // Redis lost the stream: nothing of the old epoch can come back. Report it, then deliver
      // what the new epoch holds from its start.
      metrics.brokerGapDetected();
      StreamPosition last = state.position();
      state.epoch = top.epoch();
      state.offset = 0;
      reportGap(state, new StreamGap(state.channel, last, state.position(), StreamGap.Reason.EPOCH_CHANGED));
      requestFill(state);
      return;
    }
    if (history.recovered()) {
      boolean filled = false;
      for (Publication publication : history.publications()) {
        if (publication.position().offset() == state.offset + 1) {
          state.offset = publication.position().offset();
          deliver(state, publication);
          filled = true;
        }
      }
      if (filled) {
        metrics.brokerGapDetected();
        metrics.brokerGapFilled();
      }
    } else if (top.offset() > state.offset) {
      metrics.brokerGapDetected();
      StreamPosition last = state.position();
      state.offset = top.offset();
      reportGap(state, new StreamGap(state.channel, last, top, history.lost().get()));
    } else if (top.offset() < state.offset) {
      // The stream went back within one epoch, which only a foreign writer could do: follow it.
      log.warn("stream {} went back from {} to {}", state.channel, state.position(), top);
      state.offset = top.offset();
    }
    if (state.fillAgain) {
      state.fillAgain = false;
      requestFill(state);
    }
  }

  private void scheduleRetry(ChannelState state) {
    if (state.retryScheduled) {
      return;
    }
    state.retryScheduled = true;
    timer.schedule(() -> post(() -> retry(state)), retryDelay.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void retry(ChannelState state) {
    if (channels.get(state.pubSubName) != state) {
      return;
    }
    state.retryScheduled = false;
    if (!connected.getAsBoolean()) {
      return; // the reconnect subscribes and fills every channel
    }
    if (!state.confirmed) {
      sendSubscribe(state);
    } else if (state.phase == ChannelState.Phase.SUBSCRIBING) {
      requestBaseline(state);
    } else {
      requestFill(state);
    }
  }

  private void failWaiters(ChannelState state, Throwable failure, String operation) {
    if (state.waiters.isEmpty()) {
      return;
    }
    List<CompletableFuture<StreamPosition>> waiting = new ArrayList<>(state.waiters);
    state.waiters.clear();
    RuntimeException translated = Failures.translate(operation + " channel " + state.channel, failure);
    waiting.forEach(waiter -> waiter.completeExceptionally(translated));
  }

  private static void deliver(ChannelState state, Publication publication) {
    try {
      state.listener.onPublication(publication);
    } catch (RuntimeException e) {
      log.warn("listener of channel {} failed on {}", state.channel, publication, e);
    }
  }

  private static void reportGap(ChannelState state, StreamGap gap) {
    log.info("unrecoverable gap on {}: {}", state.channel, gap);
    try {
      state.listener.onUnrecoverableGap(gap);
    } catch (RuntimeException e) {
      log.warn("listener of channel {} failed on {}", state.channel, gap, e);
    }
  }
}
