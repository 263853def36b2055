package dev.realtime.bench.fanout;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;

/**
 * Drives the sending clients from one scheduler thread: each builds a probe at its fixed rate and
 * hands it to its connection's selector thread, and every measured probe adds the room's current
 * size to the deliveries expected.
 */
final class Senders {
  private static final int WARMUP = 0;
  private static final int MEASURED = 1;
  private static final int STOPPED = 2;

  private final RunState run;
  private final LoadConnection[] connections;
  private final IntFunction<Reactor> reactorOf;
  private final int count;
  /** Next sequence number per sender; only the scheduler thread touches it. */
  private final long[] sequence;
  private final LongAdder expected = new LongAdder();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong skipped = new AtomicLong();
  private final ScheduledExecutorService scheduler;
  private volatile int phase = WARMUP;

  Senders(RunState run, LoadConnection[] connections, IntFunction<Reactor> reactorOf) {
    this.run = run;
    this.connections = connections;
    this.reactorOf = reactorOf;
    this.count = run.options.rate() > 0 ? run.options.senders() : 0;
    this.sequence = new long[count];
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "fanout-senders");
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Starts sending warm-up probes. */
  void start() {
    long period = Math.max(1, (long) (1e9 / Math.max(run.options.rate(), 1e-9)));
    for (int s = 0; s < count; s++) {
      int sender = s;
      // Stagger the senders over one period so the server sees a steady stream, not bursts.
      scheduler.scheduleAtFixedRate(() -> send(sender), period * s / count, period, TimeUnit.NANOSECONDS);
    }
  }

  /** From now on probes are counted and timed. */
  void measure() {
    run.measureStart = run.nanos();
    phase = MEASURED;
  }

  /** Stops sending and waits for the scheduler thread to finish its current probe. */
  void stop() throws InterruptedException {
    phase = STOPPED;
    scheduler.shutdownNow();
    scheduler.awaitTermination(5, TimeUnit.SECONDS);
  }

  /** Deliveries expected for the measured probes sent so far. */
  long expected() {
    return expected.sum();
  }

  /** Measured probes sent. */
  long sent() {
    return sent.get();
  }

  /** Sends skipped because the sender's connection was not open. */
  long skipped() {
    return skipped.get();
  }

  private void send(int sender) {
    int current = phase;
    if (current == STOPPED) {
      return;
    }
    LoadConnection connection = connections[sender];
    if (!connection.isOpen()) {
      skipped.incrementAndGet();
      return;
    }
    boolean measured = current == MEASURED;
    byte[] json =
        Probe.chatMessage(measured ? Probe.MEASURED : Probe.WARMUP, sender, sequence[sender]++, run.nanos(),
            run.options.payloadBytes());
    if (measured) {
      // Everyone in the room at send time should get it, the sender included.
      expected.add(run.roomOpen.get(connection.room));
      sent.incrementAndGet();
    }
    reactorOf.apply(sender).sendText(connection, json);
  }
}
