package dev.realtime.bench.fanout;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * A fan-out load generator for the chat wire format: many clients in rooms, a few sending at a
 * set rate, every delivery checked and timed.
 *
 * <pre>
 * java -cp realtime-bench/target/realtime-bench.jar dev.realtime.bench.fanout.FanOut \
 *     --port 8081 --clients 1000 --rooms 10 --senders 10 --rate 20 --duration 30s
 * </pre>
 *
 * <p>All clients live on one or two selector threads (see {@link Reactor}), so one process holds
 * tens of thousands of connections. Every run ends by itself: connect, warm up, measure, drain, close.
 */
public final class FanOut {
  private static final Duration CLOSE_GRACE = Duration.ofSeconds(3);

  private final Options options;
  private final PrintStream progress;
  private final InputStream keys;
  private final RunState run;
  private final Reactor[] reactors;
  private final LoadConnection[] connections;
  private final Report report = new Report();
  /** Set by Ctrl-C: the run skips to its end, closes its connections and still reports. */
  private static volatile boolean stopRequested;

  private FanOut(Options options, PrintStream progress, InputStream keys) throws IOException {
    InetAddress resolved = InetAddress.getByName(options.host());
    if (!resolved.isLoopbackAddress() && !options.allowRemote()) {
      throw new IllegalArgumentException(
          options.host() + " is not a loopback address; pass --allow-remote to load another machine");
    }
    this.options = options;
    this.progress = progress;
    this.keys = keys;
    this.run = new RunState(options, resolved);
    this.reactors = new Reactor[options.ioThreads()];
    for (int i = 0; i < reactors.length; i++) {
      reactors[i] = new Reactor(run, i);
    }
    this.connections = new LoadConnection[options.clients()];
    for (int i = 0; i < connections.length; i++) {
      connections[i] = new LoadConnection(i, options.roomOf(i), options.nodeOf(i), run.target(i));
    }
    report.options = options;
  }

  /** Parses the command line, runs, prints the summary and exits 0, 1 (too many failures) or 2. */
  public static void main(String[] args) throws Exception {
    if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
      System.out.println(Options.USAGE);
      return;
    }
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("fanout: " + e.getMessage());
      System.err.println(Options.USAGE);
      System.exit(2);
      return;
    }
    Thread main = Thread.currentThread();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stopRequested = true;
      try {
        main.join(CLOSE_GRACE.toMillis() + 5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "fanout-stop"));
    Report report;
    try {
      report = run(options, System.err, System.in);
    } catch (IllegalArgumentException e) {
      System.err.println("fanout: " + e.getMessage());
      System.exit(2);
      return;
    }
    System.out.print(report.text());
    System.out.println(report.json());
    System.out.flush();
    if (!stopRequested) {
      // Exiting from inside a shutdown (Ctrl-C) would block on the hook; the JVM is ending anyway.
      System.exit(report.exitCode());
    }
  }

  /** Runs one load test and returns its figures; progress lines go to {@code progress}. */
  static Report run(Options options, PrintStream progress, InputStream keys)
      throws IOException, InterruptedException {
    return new FanOut(options, progress, keys).execute();
  }

  private Report execute() throws InterruptedException {
    for (Reactor reactor : reactors) {
      reactor.start();
    }
    try {
      connectAll();
      if (options.idle()) {
        hold();
      } else if (options.ramp()) {
        awaitLists();
        settle();
      } else if (options.analytics()) {
        publishEvents();
      } else {
        load();
      }
      report.openAtEnd = run.open.get();
    } finally {
      closeAll();
    }
    return report;
  }

  private void connectAll() throws InterruptedException {
    say("connecting %d clients to ws://%s:%s%s (%s)", options.clients(), options.host(), ports(),
        options.path(), options.connectRate() == 0 ? "as fast as possible" : options.connectRate() + "/s");
    long start = System.nanoTime();
    run.connectStart = run.nanos();
    long giveUp = start + TimeUnit.SECONDS.toNanos(600);
    for (int i = 0; i < connections.length && !stopRequested; i++) {
      // Bounded so a fast ramp does not overflow the server's accept backlog (50 by default in
      // Java-WebSocket): an overflowing SYN is retried only after a second and skews the ramp.
      while (i - run.settled.get() >= options.maxInFlight() && System.nanoTime() < giveUp && !stopRequested) {
        LockSupport.parkNanos(200_000);
      }
      if (options.connectRate() > 0) {
        long due = start + (long) (i * 1e9 / options.connectRate());
        long wait;
        while ((wait = due - System.nanoTime()) > 0) {
          LockSupport.parkNanos(wait);
        }
      }
      LoadConnection connection = connections[i];
      reactorOf(i).connect(List.of(connection));
    }
    // Every attempt settles by itself: it opens, fails, or times out.
    long deadline = System.nanoTime() + options.connectTimeout().toNanos() + TimeUnit.SECONDS.toNanos(1);
    while (run.settled.get() < connections.length && System.nanoTime() < deadline && !stopRequested) {
      Thread.sleep(5);
    }
    report.connectSeconds = (System.nanoTime() - start) / 1e9;
    report.openAfterConnect = run.open.get();
    say("%d open, %d settled after %.2f s", run.open.get(), run.settled.get(), report.connectSeconds);
  }

  /**
   * Waits (at most {@code --settle}) until every open connection has its room's user list: then
   * every client is in its room and knows who else is, the end of a join as a user sees it.
   */
  private void awaitLists() throws InterruptedException {
    long end = System.nanoTime() + options.settle().toNanos();
    while (listed() < run.open.get() && System.nanoTime() < end && !stopRequested) {
      Thread.sleep(5);
    }
    long last = 0;
    for (Reactor reactor : reactors) {
      last = Math.max(last, reactor.lastListedNanos());
    }
    say("%d of %d open clients have their user list, the last %.2f s after the first attempt", listed(),
        run.open.get(), last == 0 ? 0 : (last - run.connectStart) / 1e9);
  }

  private long listed() {
    long total = 0;
    for (Reactor reactor : reactors) {
      total += reactor.listed();
    }
    return total;
  }

  private String ports() {
    return options.nodes() == 1 ? Integer.toString(options.port())
        : options.ports().stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
  }

  private void load() throws InterruptedException {
    settle();
    Senders senders = new Senders(run, connections, this::reactorOf);
    senders.start();
    say("warming up for %s", seconds(options.warmup()));
    sleepReporting(options.warmup(), null);
    senders.measure();
    long measuring = System.nanoTime();
    say("measuring for %s", seconds(options.duration()));
    sleepReporting(options.duration(), senders::expected);
    senders.stop();
    report.measuredSeconds = (System.nanoTime() - measuring) / 1e9;
    long drainStart = System.nanoTime();
    long drainEnd = drainStart + options.drain().toNanos();
    while (delivered() < senders.expected() && System.nanoTime() < drainEnd && !stopRequested) {
      Thread.sleep(10);
    }
    report.drainSeconds = (System.nanoTime() - drainStart) / 1e9;
    report.expected = senders.expected();
    report.sent = senders.sent();
    report.skippedSends = senders.skipped();
  }

  /**
   * The analytics run: every client waits for its {@code initial_stats}, then events are published
   * at {@code --rate}, warm-up first; the drain waits until every client has every event a node took.
   */
  private void publishEvents() throws InterruptedException {
    awaitLists();
    FeedPublisher publisher = new FeedPublisher(run, redisAddress());
    try {
      publisher.connect(TimeUnit.SECONDS.toNanos(20));
    } catch (IOException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    report.readyAtMeasure = listed();
    say("publishing %s events/s on %s (PUBLISH %s) to %d ready clients", Report.number(options.rate()),
        options.redis(), FeedPublisher.CHANNEL, report.readyAtMeasure);
    publisher.start();
    say("warming up for %s", seconds(options.warmup()));
    sleepReporting(options.warmup(), null);
    run.measureStart = run.nanos();
    publisher.measure();
    run.measureFromSeq = publisher.measureFrom();
    long measuring = System.nanoTime();
    say("measuring for %s", seconds(options.duration()));
    sleepReporting(options.duration(), () -> publisher.taken() * report.readyAtMeasure);
    publisher.stop(options.drain().toNanos());
    report.measuredSeconds = (System.nanoTime() - measuring) / 1e9;
    long drainStart = System.nanoTime();
    long drainEnd = drainStart + options.drain().toNanos();
    long expected = publisher.taken() * report.readyAtMeasure;
    while (delivered() < expected && System.nanoTime() < drainEnd && !stopRequested) {
      Thread.sleep(10);
    }
    report.drainSeconds = (System.nanoTime() - drainStart) / 1e9;
    report.expected = expected;
    report.sent = publisher.published();
    report.eventsTaken = publisher.taken();
    report.eventsNotTaken = publisher.notTaken();
    report.publishErrors = publisher.errors();
  }

  private InetSocketAddress redisAddress() {
    String redis = options.redis();
    int colon = redis.lastIndexOf(':');
    return new InetSocketAddress(redis.substring(0, colon), Integer.parseInt(redis.substring(colon + 1)));
  }

  /** Analytics: the clients that were ready but missed at least one event a node took. */
  private void countMissing() {
    long taken = report.eventsTaken;
    long clients = 0;
    for (LoadConnection connection : connections) {
      if (connection.listed && connection.measuredEvents < taken) {
        clients++;
      }
    }
    report.clientsMissing = clients;
  }

  /**
   * Waits until no frame has arrived for a second: every join is announced to the whole room, so a
   * ramp leaves the server a backlog quadratic in the room size, and measuring on top of it would
   * time the backlog instead of the fan-out.
   */
  private void settle() throws InterruptedException {
    long start = System.nanoTime();
    long end = start + options.settle().toNanos();
    long quietSince = System.nanoTime();
    long last = frames();
    while (System.nanoTime() < end && !stopRequested && System.nanoTime() - quietSince < 1_000_000_000L) {
      Thread.sleep(100);
      long now = frames();
      if (now != last) {
        last = now;
        quietSince = System.nanoTime();
      }
    }
    report.settleSeconds = (System.nanoTime() - start) / 1e9;
    // The last frame arrived within 100 ms before quietSince: the end of the join traffic.
    report.quietAfterSeconds = (quietSince - run.epochNanos - run.connectStart) / 1e9;
    say("settled after %.1f s (%d frames received so far)", report.settleSeconds, last);
  }

  private long frames() {
    long total = 0;
    for (Reactor reactor : reactors) {
      total += reactor.frames();
    }
    return total;
  }

  private void hold() throws InterruptedException {
    say("holding %d open connections for %s%s", run.open.get(), seconds(options.hold()),
        options.waitKey() ? " (press Enter to stop sooner)" : "");
    long end = System.nanoTime() + options.hold().toNanos();
    long nextReport = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < end && !stopRequested) {
      if (options.waitKey() && keyPressed()) {
        break;
      }
      if (System.nanoTime() > nextReport) {
        nextReport += TimeUnit.SECONDS.toNanos(10);
        say("%d open", run.open.get());
      }
      Thread.sleep(100);
    }
  }

  private boolean keyPressed() {
    try {
      while (keys.available() > 0) {
        if (keys.read() == '\n') {
          return true;
        }
      }
    } catch (IOException e) {
      return false;
    }
    return false;
  }

  private void closeAll() throws InterruptedException {
    for (Reactor reactor : reactors) {
      reactor.closeAll();
    }
    long deadline = System.nanoTime() + CLOSE_GRACE.toNanos();
    while (run.open.get() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    Tally total = new Tally();
    for (Reactor reactor : reactors) {
      total.add(reactor.stop());
    }
    report.connected = total.connected;
    report.failed = total.failed + (connections.length - run.settled.get());
    report.failures = total.failures;
    report.delivered = total.delivered;
    report.duplicates = total.duplicates;
    report.misrouted = total.misrouted;
    report.warmupDelivered = total.warmupDelivered;
    report.latency = total.latency;
    report.toServer = total.toServer;
    report.fromServer = total.fromServer;
    report.errorFrames = total.errorFrames;
    report.otherMessages = total.otherMessages;
    report.otherFrames = total.otherFrames;
    report.pingsAnswered = total.pingsAnswered;
    report.ioErrors = total.ioErrors;
    report.serverCloses = total.serverCloses;
    report.errorCodes = total.errorCodes;
    int seconds = (int) Math.min(total.worstBySecond.length, Math.round(report.measuredSeconds));
    report.worstBySecond = Arrays.copyOf(total.worstBySecond, seconds);
    report.sameNode = total.sameNode;
    report.otherNode = total.otherNode;
    report.listed = total.listed;
    report.listSeconds = total.listed == 0 ? 0 : (total.lastListedNanos - run.connectStart) / 1e9;
    report.toolCpuSeconds = cpuSeconds();
    report.outOfOrder = total.outOfOrder;
    report.heartbeats = total.heartbeats;
    if (options.analytics()) {
      countMissing();
    }
  }

  private void sleepReporting(Duration duration, LongSupplier expected) throws InterruptedException {
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    long nextReport = start + TimeUnit.SECONDS.toNanos(5);
    long remaining;
    while ((remaining = end - System.nanoTime()) > 0 && !stopRequested) {
      TimeUnit.NANOSECONDS.sleep(Math.min(remaining, TimeUnit.MILLISECONDS.toNanos(100)));
      if (expected != null && System.nanoTime() > nextReport && System.nanoTime() < end) {
        nextReport += TimeUnit.SECONDS.toNanos(5);
        say("%.0f s: %d delivered of %d expected, %d open", (System.nanoTime() - start) / 1e9, delivered(),
            expected.getAsLong(), run.open.get());
      }
    }
  }

  private static double cpuSeconds() {
    // The JDK's own bean measures the process's CPU time; other JVMs may not offer it.
    return ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean unix
        ? unix.getProcessCpuTime() / 1e9 : -1;
  }

  private long delivered() {
    long total = 0;
    for (Reactor reactor : reactors) {
      total += reactor.delivered();
    }
    return total;
  }

  private Reactor reactorOf(int index) {
    return reactors[index % reactors.length];
  }

  private void say(String format, Object... args) {
    progress.println("fanout: " + String.format(Locale.ROOT, format, args));
  }

  private static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
  }
}
