package dev.realtime.hub;

import dev.realtime.broker.Broker;
import dev.realtime.broker.BrokerUnavailableException;
import dev.realtime.broker.ChannelListener;
import dev.realtime.broker.StreamPosition;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's subscription to one broker channel, and the order of what it publishes there.
 *
 * <p><b>Subscribe and unsubscribe in membership order.</b> The registry decides, under a room's (or
 * user's) lock, that the channel must be subscribed or unsubscribed, and only {@link #enqueue}s
 * that decision; the caller then {@link #drain}s outside every lock, and one thread at a time runs
 * the queued operations in order. So a leave-then-rejoin always ends subscribed, and no broker
 * call is made while a registry lock is held (the in-memory broker delivers under its own lock,
 * and a delivery can end in a leave).
 *
 * <p><b>No own frame lost to a subscription being set up.</b> While the subscription is being made,
 * what this node publishes to the channel (and recoveries, which need a live subscription) waits
 * in a queue, in order, and goes out once the broker has answered the subscription's baseline, so
 * every such publication is after the baseline and reaches this node's members. If the
 * subscription fails (broker unavailable), the waiting publishes fail and their senders are told;
 * publishing fails fast until a retry succeeds.
 */
abstract class Subscription implements ChannelListener {
  private static final Logger log = LoggerFactory.getLogger(Subscription.class);

  /** Where the subscription stands. */
  enum Phase {
    /** Not subscribed: no local member needs the channel. */
    IDLE,
    /** Asked the broker; waiting for the baseline. */
    SUBSCRIBING,
    /** Every publication after the baseline reaches {@link #onPublication}. */
    LIVE,
    /** The broker could not subscribe; retried until it can. */
    FAILED
  }

  /** A membership decision, run in order by {@link #drain}. */
  enum Op {
    SUBSCRIBE,
    UNSUBSCRIBE,
    /** Subscribe again if (still) failed. */
    RETRY
  }

  /** Work that needs the subscription's outcome: a publish, a recovery. */
  interface Waiting {
    /** Runs once the subscription is live, or idle (nobody local needs delivery). */
    void proceed();

    /** The subscription failed: delivery to this node's members cannot be promised. */
    void fail(BrokerUnavailableException failure);
  }

  /** A queued decision; {@code next} is the one queued before it until a drain takes the list. */
  private static final class Queued {
    final Op op;
    Queued next;

    Queued(Op op) {
      this.op = op;
    }
  }

  // Field updaters, not atomics, and the queues only while something is queued: a node holds one
  // subscription per room it has members of (a room per user is common), so each is as small as it
  // can be (tens of thousands idle).
  private static final AtomicIntegerFieldUpdater<Subscription> PENDING =
      AtomicIntegerFieldUpdater.newUpdater(Subscription.class, "pending");
  private static final AtomicIntegerFieldUpdater<Subscription> DRAINING =
      AtomicIntegerFieldUpdater.newUpdater(Subscription.class, "draining");
  private static final AtomicReferenceFieldUpdater<Subscription, Queued> OPS =
      AtomicReferenceFieldUpdater.newUpdater(Subscription.class, Queued.class, "ops");

  final String channel;
  final FanOut owner;
  // The decisions not yet taken by a drain, newest first (pushed by compare-and-set, so enqueue
  // never blocks); null while none is. A concurrent queue would keep ~72 bytes while empty.
  private volatile Queued ops;
  // Decisions queued but not yet applied to the phase: work that arrives meanwhile waits for them.
  private volatile int pending;
  private volatile int draining;
  // Guarded by this; null while nothing waits.
  private ArrayDeque<Waiting> waiting;
  private Phase phase = Phase.IDLE;
  private long generation;
  private boolean flushing;
  private boolean failedBefore;
  // Whether the broker holds no subscription of this object's: only then may another object
  // subscribe the channel, or the two calls could reach the broker in the wrong order.
  private boolean released = true;

  Subscription(String channel, FanOut owner) {
    this.channel = channel;
    this.owner = owner;
  }

  /** The subscription is live from {@code baseline} on; {@code afterFailure} when a retry made it. */
  abstract void onLive(StreamPosition baseline, boolean afterFailure);

  /** The channel was unsubscribed. */
  void onIdle() {}

  /** Subscribing failed; a retry follows. */
  void onFailed() {}

  /** Queues a membership decision; never blocks, safe under registry locks. */
  final void enqueue(Op op) {
    PENDING.incrementAndGet(this);
    Queued queued = new Queued(op);
    do {
      queued.next = ops;
    } while (!OPS.compareAndSet(this, queued.next, queued));
  }

  /** Whether nothing is queued and nothing subscribed: the owner may forget this subscription. */
  final synchronized boolean idle() {
    return phase == Phase.IDLE && released && pending == 0 && noneWaiting() && !flushing;
  }

  final synchronized Phase phase() {
    return phase;
  }

  /** Runs the queued decisions in order, unless another thread is running them already. */
  final void drain() {
    if (DRAINING.getAndIncrement(this) != 0) {
      return;
    }
    int missed = 1;
    while (true) {
      Queued batch;
      while ((batch = takeOldestFirst()) != null) {
        for (Queued queued = batch; queued != null; queued = queued.next) {
          run(queued.op);
          startFlushing(); // what waited for this decision: nothing while a subscription is being made
        }
      }
      missed = DRAINING.addAndGet(this, -missed);
      if (missed == 0) {
        return;
      }
    }
  }

  /** Takes every queued decision, in the order they were queued; null if none is. */
  private Queued takeOldestFirst() {
    Queued newest = OPS.getAndSet(this, null);
    Queued oldest = null;
    while (newest != null) { // only this drain holds the taken list: reverse it in place
      Queued older = newest.next;
      newest.next = oldest;
      oldest = newest;
      newest = older;
    }
    return oldest;
  }

  /**
   * Runs {@code work} now, or after the subscription has been made, in the order given. A
   * decision still queued (a join's subscribe behind a leave's unsubscribe) counts as being made.
   */
  final void whenSubscribed(Waiting work) {
    Phase now;
    synchronized (this) {
      if (phase == Phase.SUBSCRIBING || flushing || !noneWaiting() || pending > 0) {
        if (waiting == null) {
          waiting = new ArrayDeque<>(4);
        }
        waiting.add(work);
        return;
      }
      now = phase;
    }
    if (now == Phase.FAILED) {
      work.fail(new BrokerUnavailableException("channel " + channel + " is not subscribed: the broker is unavailable"));
      owner.retrySoon(this);
    } else {
      work.proceed();
    }
  }

  private void run(Op op) {
    long current;
    synchronized (this) {
      PENDING.decrementAndGet(this);
      if (op == Op.RETRY && phase != Phase.FAILED) {
        return;
      }
      if (op == Op.UNSUBSCRIBE) {
        generation++;
        phase = Phase.IDLE;
        failedBefore = false;
        current = -1;
      } else {
        failedBefore |= op == Op.RETRY;
        generation++;
        phase = Phase.SUBSCRIBING;
        released = false;
        current = generation;
      }
    }
    if (op == Op.UNSUBSCRIBE) {
      unsubscribe();
      return;
    }
    CompletableFuture<StreamPosition> baseline;
    try {
      baseline = owner.broker().subscribe(channel, this);
    } catch (RuntimeException e) {
      baseline = CompletableFuture.failedFuture(e);
    }
    baseline.whenComplete((position, failure) -> subscribed(current, position, failure));
  }

  private void unsubscribe() {
    onIdle();
    try {
      owner.broker().unsubscribe(channel).whenComplete((ignored, failure) -> {
        if (failure != null) {
          log.debug("unsubscribing {} failed: {}", channel, failure.toString());
        }
      });
    } catch (RuntimeException e) {
      log.debug("unsubscribing {} failed: {}", channel, e.toString());
    }
    synchronized (this) {
      released = true;
    }
    startFlushing(); // what waited goes out directly: no local member needs it delivered here
    owner.forgetIfIdle(this);
  }

  private void subscribed(long attempt, StreamPosition baseline, Throwable failure) {
    boolean afterFailure;
    synchronized (this) {
      if (attempt != generation || phase != Phase.SUBSCRIBING) {
        return; // superseded by a later decision
      }
      phase = failure == null ? Phase.LIVE : Phase.FAILED;
      afterFailure = failedBefore;
      if (failure == null) {
        failedBefore = false;
      }
    }
    if (failure != null) {
      log.debug("subscribing {} failed: {}", channel, failure.toString());
      onFailed();
      startFlushing();
      owner.retrySoon(this);
      return;
    }
    onLive(baseline, afterFailure);
    startFlushing();
  }

  /** Runs or fails what waits, in order, on this thread; a concurrent flush keeps going instead. */
  private void startFlushing() {
    synchronized (this) {
      if (flushing || noneWaiting()) {
        return;
      }
      flushing = true;
    }
    while (true) {
      Waiting next;
      Phase now;
      synchronized (this) {
        now = phase;
        // A decision still queued decides what waits: the drain flushes again after applying it.
        next = now == Phase.SUBSCRIBING || pending > 0 || waiting == null ? null : waiting.poll();
        if (next == null) {
          flushing = false;
        }
        if (waiting != null && waiting.isEmpty()) {
          waiting = null;
        }
      }
      if (next == null) {
        if (now == Phase.IDLE) {
          owner.forgetIfIdle(this);
        }
        return;
      }
      if (now == Phase.FAILED) {
        next.fail(new BrokerUnavailableException("could not subscribe channel " + channel));
      } else {
        next.proceed();
      }
    }
  }

  // Guarded by this.
  private boolean noneWaiting() {
    return waiting == null || waiting.isEmpty();
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + channel + ", " + phase() + "]";
  }
}
