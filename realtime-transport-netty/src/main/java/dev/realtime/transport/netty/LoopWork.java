package dev.realtime.transport.netty;

import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * What one event loop does for all of its WebSocket connections at once, instead of once per
 * connection: it moves writes from other threads into the pipelines in one task per burst (each
 * connection flushed once, so a burst of frames to it is one gathering write), and it sweeps its
 * connections for heartbeats on one timer. While the loop is busy, drains are at least the
 * coalescing interval apart (see the constructor), which bounds the system calls a busy loop makes
 * to one per connection per interval.
 *
 * <p>Per connection that saves the idle handler, its two scheduled tasks and a flush handler (a few
 * hundred bytes for every idle connection), and a task and a wake-up per connection per burst.
 */
final class LoopWork {
  /**
   * A drain that wrote to fewer connections than this leaves the loop "quiet": the next one runs
   * at once. Request and answer traffic (an editor's operation and its ack, a ping) then never
   * waits for the interval, while a fan-out to hundreds of members coalesces.
   */
  static final int BUSY_DRAIN_CONNECTIONS = 16;

  private final ServerState server;
  private final EventLoop loop;
  private final long coalesceNanos;
  /** How many connections the last drain wrote to; written on the loop. */
  private volatile int lastDrained;
  /** When the last drain started ({@link System#nanoTime}); written on the loop. */
  private volatile long lastDrain = System.nanoTime() - Long.MAX_VALUE / 2;
  /**
   * Connections with writes from other threads, guarded by {@link #dirtyLock}: a list the drain
   * swaps for {@link #dirtySpare} in one step. A fan-out from one thread (a broker's delivery
   * thread, the other loop) adds thousands of connections per message; a concurrent queue cost a
   * node and a contended compare-and-set each (half of a delivery thread's samples under the
   * analytics load), a list costs an uncontended lock and a store.
   */
  private ArrayList<NettyConnection> dirty = new ArrayList<>();
  /** The list swapped in for {@link #dirty} by the next drain; loop thread only. */
  private ArrayList<NettyConnection> dirtySpare = new ArrayList<>();
  private final Object dirtyLock = new Object();
  /** Connections with writes from this loop's own thread, and the list swapped in while draining. */
  private List<NettyConnection> local = new ArrayList<>();
  private List<NettyConnection> spare = new ArrayList<>();
  private final AtomicBoolean drainScheduled = new AtomicBoolean();
  private final Runnable drain = this::drain;
  /** The drains' scratch for merging small frames; loop thread only. */
  private final FrameBatch batch = new FrameBatch();
  /** The loop's open WebSocket handlers, for the heartbeat sweep and a stop; loop thread only. */
  private FrameHandler[] handlers = new FrameHandler[16];
  private int count;

  /**
   * {@code coalesce}: the least time between two drains of a busy loop. A drain requested sooner
   * after one that wrote to {@value #BUSY_DRAIN_CONNECTIONS} or more connections waits for it, so
   * under a steady fan-out each connection gets one write per interval with every frame that came
   * meanwhile; after a small drain, or a quiet spell, the next message goes out at once.
   */
  LoopWork(ServerState server, EventLoop loop, Duration coalesce) {
    this.server = server;
    this.loop = loop;
    this.coalesceNanos = coalesce.toNanos();
  }

  EventLoop loop() {
    return loop;
  }

  /** The server this loop works for: its connections reach the shared settings through here. */
  ServerState server() {
    return server;
  }

  /** The merging scratch of this loop's drains (a fresh one for a drain inside a drain); on the loop only. */
  FrameBatch batch() {
    return batch.inUse() ? new FrameBatch() : batch;
  }

  /**
   * Has {@code connection} drained on the loop soon; called once per burst (while the connection
   * has no drain outstanding), from any thread.
   */
  void drainSoon(NettyConnection connection) {
    if (loop.inEventLoop()) {
      local.add(connection); // the loop's own broadcasts: no atomic queue, no contention
    } else {
      synchronized (dirtyLock) {
        dirty.add(connection);
      }
    }
    if (!drainScheduled.get() && drainScheduled.compareAndSet(false, true)) {
      try {
        long wait = coalesceNanos == 0 || lastDrained < BUSY_DRAIN_CONNECTIONS
            ? 0 : lastDrain + coalesceNanos - System.nanoTime();
        if (wait > 0) {
          loop.schedule(drain, wait, TimeUnit.NANOSECONDS);
        } else {
          loop.execute(drain);
        }
      } catch (RejectedExecutionException e) {
        // The loop is shutting down and its channels with it; nothing queued will be written.
        synchronized (dirtyLock) {
          dirty.remove(connection); // (never in the local list: the loop itself cannot be rejected)
        }
        drainScheduled.set(false);
        connection.failPending(e);
      }
    }
  }

  private void drain() {
    // Cleared first: a connection queued from here on schedules another run.
    drainScheduled.set(false);
    if (coalesceNanos > 0) {
      lastDrain = System.nanoTime();
    }
    // Swapped, not iterated in place: a drain can close a connection, whose listener may send
    // more (a "left" notice) to connections of this loop, which go to the fresh list and run.
    // The list of other threads' writes is swapped the same way, under its lock.
    List<NettyConnection> mine = local;
    local = spare;
    int drained = drainEach(mine);
    spare = mine;
    ArrayList<NettyConnection> remote;
    synchronized (dirtyLock) {
      remote = dirty;
      dirty = dirtySpare;
    }
    drained += drainEach(remote);
    dirtySpare = remote;
    lastDrained = drained;
  }

  /** Drains every connection of a list swapped out, and empties it for reuse; returns how many. */
  private static int drainEach(List<NettyConnection> connections) {
    int count = connections.size();
    for (int i = 0; i < count; i++) {
      connections.get(i).drain();
    }
    connections.clear();
    return count;
  }

  // ---- heartbeats: one timer per loop ----

  /** Sweeps every {@code tick} while the loop runs; each handler counts its own silent ticks. */
  void startHeartbeats(Duration tick) {
    long nanos = tick.toNanos();
    loop.scheduleAtFixedRate(this::sweep, nanos, nanos, TimeUnit.NANOSECONDS);
  }

  private void sweep() {
    // Backwards: a handler the sweep closes removes itself, and the last one takes its slot.
    for (int i = count - 1; i >= 0; i--) {
      if (i < count) {
        handlers[i].tick();
      }
    }
  }

  /** On the loop: {@code handler} is open and swept from now on. */
  void add(FrameHandler handler) {
    if (count == handlers.length) {
      handlers = Arrays.copyOf(handlers, count * 2);
    }
    handler.slot = count;
    handlers[count++] = handler;
  }

  /** On the loop: {@code handler} closed. */
  void remove(FrameHandler handler) {
    int slot = handler.slot;
    if (slot < 0 || slot >= count || handlers[slot] != handler) {
      return;
    }
    FrameHandler last = handlers[--count];
    handlers[slot] = last;
    last.slot = slot;
    handlers[count] = null;
    handler.slot = -1;
    if (count < handlers.length / 4 && handlers.length > 16) {
      handlers = Arrays.copyOf(handlers, handlers.length / 2);
    }
  }

  /** On the loop: runs {@code action} for every open handler of this loop. */
  void forEach(Consumer<FrameHandler> action) {
    for (FrameHandler handler : Arrays.copyOf(handlers, count)) {
      action.accept(handler);
    }
  }
}
