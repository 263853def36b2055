package dev.realtime.hub;

import dev.realtime.broker.Broker;
import dev.realtime.broker.BrokerStateListener;
import dev.realtime.broker.BrokerUnavailableException;
import dev.realtime.broker.ChannelListener;
import dev.realtime.broker.History;
import dev.realtime.broker.Presence;
import dev.realtime.broker.PublishOptions;
import dev.realtime.broker.PublishResult;
import dev.realtime.broker.StreamGap;
import dev.realtime.broker.StreamPosition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * A real broker (an in-memory node) that a test can slow down and break: hold subscriptions and
 * history reads until released, fail publishes or subscriptions, go down and up, report a gap.
 * It records every subscribe and unsubscribe.
 */
final class ControlledBroker implements Broker {
  private final Broker delegate;
  private final List<String> calls = new CopyOnWriteArrayList<>();
  private final Map<String, ChannelListener> listeners = new ConcurrentHashMap<>();
  private final List<BrokerStateListener> stateListeners = new CopyOnWriteArrayList<>();
  private final List<Runnable> heldSubscribes = new ArrayList<>();
  private final List<Runnable> heldHistory = new ArrayList<>();
  private volatile boolean holdSubscribes;
  private volatile boolean holdHistory;
  private volatile boolean down;
  private volatile Runnable duringUnsubscribe = () -> {};

  ControlledBroker(Broker delegate) {
    this.delegate = delegate;
  }

  /** The subscribes and unsubscribes so far, as {@code +channel} and {@code -channel}. */
  List<String> calls() {
    return List.copyOf(calls);
  }

  /** From now on subscriptions wait for {@link #releaseSubscribes}. */
  void holdSubscribes() {
    holdSubscribes = true;
  }

  /** Makes every held subscription (and later ones), or fails them while down. */
  synchronized void releaseSubscribes() {
    holdSubscribes = false;
    heldSubscribes.forEach(Runnable::run);
    heldSubscribes.clear();
  }

  /** From now on history reads wait for {@link #releaseHistory}. */
  void holdHistory() {
    holdHistory = true;
  }

  /** Reads every held history now (so it sees what was published meanwhile). */
  synchronized void releaseHistory() {
    holdHistory = false;
    heldHistory.forEach(Runnable::run);
    heldHistory.clear();
  }

  /** Runs {@code action} inside the next unsubscribe calls, as if it raced with them. */
  void duringUnsubscribe(Runnable action) {
    duringUnsubscribe = action;
  }

  /** The broker becomes unreachable: every operation fails as unavailable; listeners hear DOWN. */
  void goDown() {
    down = true;
    stateListeners.forEach(listener -> listener.onStateChange(State.DOWN));
  }

  /** The broker is back; listeners hear UP. */
  void goUp() {
    down = false;
    stateListeners.forEach(listener -> listener.onStateChange(State.UP));
  }

  /** Reports an unrecoverable gap on {@code channel} to its listener, as a broker that lost messages would. */
  void reportGap(String channel, StreamGap.Reason reason) {
    StreamPosition top = delegate.position(channel).join();
    listeners.get(channel).onUnrecoverableGap(new StreamGap(channel, top, top, reason));
  }

  @Override
  public String nodeId() {
    return delegate.nodeId();
  }

  @Override
  public void start() {}

  @Override
  public CompletableFuture<PublishResult> publish(String channel, byte[] payload, PublishOptions options) {
    return down ? unavailable() : delegate.publish(channel, payload, options);
  }

  @Override
  public CompletableFuture<StreamPosition> subscribe(String channel, ChannelListener listener) {
    calls.add("+" + channel);
    listeners.put(channel, listener);
    return held(holdSubscribes, heldSubscribes, () -> delegate.subscribe(channel, listener));
  }

  @Override
  public CompletableFuture<Void> unsubscribe(String channel) {
    calls.add("-" + channel);
    Runnable action = duringUnsubscribe;
    duringUnsubscribe = () -> {};
    action.run();
    return delegate.unsubscribe(channel);
  }

  @Override
  public CompletableFuture<History> history(String channel, StreamPosition since, int limit) {
    return held(holdHistory, heldHistory, () -> delegate.history(channel, since, limit));
  }

  @Override
  public CompletableFuture<StreamPosition> position(String channel) {
    return down ? unavailable() : delegate.position(channel);
  }

  @Override
  public Presence presence() {
    return delegate.presence();
  }

  @Override
  public State state() {
    return down ? State.DOWN : State.UP;
  }

  @Override
  public void addStateListener(BrokerStateListener listener) {
    stateListeners.add(listener);
  }

  @Override
  public void close() {
    delegate.close();
  }

  private synchronized <T> CompletableFuture<T> held(boolean hold, List<Runnable> queue, Supplier<CompletableFuture<T>> call) {
    if (!hold) {
      return down ? unavailable() : call.get();
    }
    CompletableFuture<T> result = new CompletableFuture<>();
    queue.add(() -> {
      CompletableFuture<T> answer = down ? unavailable() : call.get();
      answer.whenComplete((value, failure) -> {
        if (failure != null) {
          result.completeExceptionally(failure);
        } else {
          result.complete(value);
        }
      });
    });
    return result;
  }

  private static <T> CompletableFuture<T> unavailable() {
    return CompletableFuture.failedFuture(new BrokerUnavailableException("broker down (test)"));
  }
}
