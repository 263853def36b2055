package dev.realtime.metrics;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;

/**
 * A count and a byte total that every writing thread keeps in a cell of its own, summed when
 * read: for the counters a broadcast moves once per recipient.
 *
 * <p>A {@link java.util.concurrent.atomic.LongAdder} costs an atomic read-modify-write per add,
 * and on x86 that locked instruction also waits for every store before it (a fan-out's queue
 * writes to thousands of connections) to reach the cache: under the analytics load the two adders
 * of a delivery were 29% of a broker delivery thread's samples. Here an add is two plain stores
 * with release semantics into the thread's own cell, and a read ({@link #count()}, {@link
 * #bytes()}) acquires every cell. Totals are exact once the adds being counted have returned.
 *
 * <p>A cell is found through a {@link ThreadLocal}; the cell of a thread that has ended is folded
 * into a retired total (when a new thread arrives, or on a read), so threads that come and go leave
 * nothing behind.
 */
final class PerThreadCount {
  private final ThreadLocal<Cell> cells = ThreadLocal.withInitial(this::register);
  /** Cells of threads that may still add; guarded by this. */
  private final List<Cell> live = new ArrayList<>();
  /** What the cells of ended threads counted; guarded by this. */
  private long retiredCount;
  private long retiredBytes;

  /** Counts one more, of {@code bytes} bytes. */
  void add(long bytes) {
    cells.get().add(bytes);
  }

  /** The number of adds so far. */
  synchronized long count() {
    return total(true);
  }

  /** The bytes of every add so far. */
  synchronized long bytes() {
    return total(false);
  }

  /** Holding this: the retired total and every live cell's, of adds or of bytes. */
  private long total(boolean adds) {
    retireEnded();
    long sum = adds ? retiredCount : retiredBytes;
    for (Cell cell : live) {
      sum += adds ? cell.count() : cell.bytes();
    }
    return sum;
  }

  private synchronized Cell register() {
    retireEnded();
    Cell cell = new Cell(Thread.currentThread());
    live.add(cell);
    return cell;
  }

  /** Holding this: folds the cells of ended threads (they add no more) into the retired totals. */
  private void retireEnded() {
    for (int i = live.size() - 1; i >= 0; i--) {
      Cell cell = live.get(i);
      if (cell.ended()) {
        retiredCount += cell.count();
        retiredBytes += cell.bytes();
        // The last takes its place: order does not matter.
        live.set(i, live.get(live.size() - 1));
        live.remove(live.size() - 1);
      }
    }
  }

  /** One thread's counts: written by that thread only, read by any. */
  private static final class Cell {
    private static final VarHandle COUNT;
    private static final VarHandle BYTES;

    static {
      try {
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        COUNT = lookup.findVarHandle(Cell.class, "count", long.class);
        BYTES = lookup.findVarHandle(Cell.class, "bytes", long.class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    /** Weak: a cell must not keep an ended thread's object alive. */
    private final WeakReference<Thread> owner;
    private long count;
    private long bytes;

    Cell(Thread owner) {
      this.owner = new WeakReference<>(owner);
    }

    /** On the owner thread: plain reads of its own fields, release stores for the readers. */
    void add(long more) {
      COUNT.setRelease(this, count + 1);
      BYTES.setRelease(this, bytes + more);
    }

    long count() {
      return (long) COUNT.getAcquire(this);
    }

    long bytes() {
      return (long) BYTES.getAcquire(this);
    }

    /** Whether the owner has ended, so the counts are final. */
    boolean ended() {
      Thread thread = owner.get();
      return thread == null || !thread.isAlive();
    }
  }
}
