package dev.realtime.examples.tools;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * One run of the simulator: users connect and join their rooms, then send for the duration while
 * a line of figures is printed every second; then the last messages are awaited, everyone closes
 * and a summary is printed. Latency is measured from a send to each member's receipt (sender
 * included), in this JVM, so it includes both clients' queues and the server's fan-out.
 *
 * <p>All users share one HTTP client (one selector thread) and two scheduler threads for their
 * callbacks, so thousands of users cost a handful of threads.
 */
final class Simulation {
  /** How long users get to connect and join before sending starts anyway. */
  static final Duration CONNECT_DEADLINE = Duration.ofSeconds(30);
  /** How long, after sending stopped, the last messages get to arrive. */
  static final Duration DRAIN_DEADLINE = Duration.ofSeconds(5);

  /** What to simulate. */
  record Settings(URI url, int users, int rooms, int roomsPerUser, double rate, Duration duration,
      Optional<URI> tokenUrl, String prefix) {}

  /** A message on its way: when it was sent and how many members have still to receive it. */
  record InFlight(long sentNanos, AtomicInteger remaining) {}

  final Settings settings;
  final PrintStream out;
  final PrintStream err;
  final HttpClient http = HttpClient.newHttpClient();
  final ScheduledExecutorService clientThreads = Executors.newScheduledThreadPool(2, daemon("realtime-simulate-client"));
  final AtomicBoolean tokensNeeded = new AtomicBoolean();
  final Map<String, Integer> roomSizes = new LinkedHashMap<>();
  final Map<String, InFlight> inFlight = new ConcurrentHashMap<>();
  final Map<String, LongAdder> errorCodes = new ConcurrentHashMap<>();
  final AtomicInteger connected = new AtomicInteger();
  final LongAdder sent = new LongAdder();
  final LongAdder received = new LongAdder();
  final LongAdder expected = new LongAdder();
  final LongAdder errorFrames = new LongAdder();
  final LongAdder refused = new LongAdder();
  final LongAdder failedAttempts = new LongAdder();
  final LongAdder stopped = new LongAdder();
  final LongAdder reconnects = new LongAdder();
  /** Set once any user has connected: failures after that are an outage, counted, not the end. */
  final AtomicBoolean anyConnected = new AtomicBoolean();
  /** Users whose first attempt failed before any user connected. */
  final AtomicInteger failedFirst = new AtomicInteger();
  final Latencies second = new Latencies();
  final Latencies all = new Latencies();
  private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(1, daemon("realtime-simulate-timer"));
  private final CountDownLatch interrupted = new CountDownLatch(1);
  /** Why nobody could connect, once every user's first attempt failed. */
  private volatile String unreachable;
  private final CountDownLatch finished = new CountDownLatch(1);
  private final long started = System.nanoTime();

  Simulation(Settings settings, PrintStream out, PrintStream err) {
    this.settings = settings;
    this.out = out;
    this.err = err;
  }

  /** Runs it; returns 0 if every user connected, every message arrived and nothing failed, else 1. */
  int run() throws InterruptedException {
    Thread hook = new Thread(() -> {
      interrupted.countDown();
      try {
        finished.await(DRAIN_DEADLINE.toSeconds() + 5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "realtime-simulate-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    List<SimulatedUser> users = users();
    ScheduledFuture<?> progress = null;
    List<ScheduledFuture<?>> senders = new ArrayList<>();
    try {
      out.printf(Locale.ROOT, "simulating %d users in %d rooms on %s: %s messages/s each for %s s%n", settings.users(),
          settings.rooms(), FrameFormat.escape(settings.url().toString()), number(settings.rate()),
          number(settings.duration().toMillis() / 1000.0));
      users.forEach(SimulatedUser::start);
      progress = timers.scheduleAtFixedRate(this::progress, 1, 1, TimeUnit.SECONDS);
      boolean allReady = awaitOrInterrupt(CONNECT_DEADLINE,
          () -> unreachable != null || users.stream().allMatch(SimulatedUser::ready));
      if (unreachable != null) {
        progress.cancel(false);
        users.forEach(SimulatedUser::close);
        err.println("error: cannot connect to " + FrameFormat.escape(settings.url().toString()) + ": "
            + FrameFormat.escape(unreachable));
        return 1;
      }
      long ready = users.stream().filter(SimulatedUser::ready).count();
      if (!allReady && interrupted.getCount() > 0) {
        err.println("* only " + ready + " of " + users.size() + " users connected and joined within "
            + CONNECT_DEADLINE.toSeconds() + " s");
      }
      long sendingFrom = System.nanoTime();
      if (ready > 0 && settings.rate() > 0 && interrupted.getCount() > 0) {
        long period = Math.max(1, Math.round(1e9 / settings.rate()));
        for (SimulatedUser user : users) {
          long phase = ThreadLocalRandom.current().nextLong(period);
          senders.add(timers.scheduleAtFixedRate(user::sendOne, phase, period, TimeUnit.NANOSECONDS));
        }
      }
      interrupted.await(settings.duration().toNanos(), TimeUnit.NANOSECONDS);
      senders.forEach(sender -> sender.cancel(false));
      double sendingSeconds = (System.nanoTime() - sendingFrom) / 1e9;
      awaitOrInterrupt(DRAIN_DEADLINE, () -> received.sum() >= expected.sum());
      progress.cancel(false);
      users.forEach(SimulatedUser::close);
      for (SimulatedUser user : users) {
        user.awaitClosed();
      }
      return summary(users.size(), ready, sendingSeconds);
    } finally {
      if (progress != null) {
        progress.cancel(false);
      }
      timers.shutdownNow();
      clientThreads.shutdownNow();
      finished.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // Ctrl-C: the hook waits for the summary
      }
    }
  }

  private List<SimulatedUser> users() {
    List<SimulatedUser> users = new ArrayList<>();
    for (int r = 1; r <= settings.rooms(); r++) {
      roomSizes.put("room-" + r, 0);
    }
    for (int i = 1; i <= settings.users(); i++) {
      List<String> rooms = new ArrayList<>();
      for (int k = 0; k < settings.roomsPerUser(); k++) {
        String room = "room-" + ((i - 1 + k) % settings.rooms() + 1);
        rooms.add(room);
        roomSizes.merge(room, 1, Integer::sum);
      }
      users.add(new SimulatedUser(this, settings.prefix() + "-" + i, rooms));
    }
    return users;
  }

  /** The token endpoint for {@code user}. */
  URI tokenEndpoint(String user) {
    return Urls.tokenEndpoint(settings.url(), settings.tokenUrl(), user);
  }

  /** Notes, once, that the server asked for tokens. */
  void tokensRequired() {
    if (tokensNeeded.compareAndSet(false, true)) {
      err.println("* the server asks for tokens: fetching each user's from "
          + FrameFormat.escape(Urls.tokenEndpoint(settings.url(), settings.tokenUrl(), "NAME").toString()));
    }
  }

  /**
   * Notes a user's failed first attempt; when every user failed before any connected, the server
   * is taken for unreachable (a wrong URL, nothing listening) and the run ends at once. One failure
   * among many successes is a connect storm, counted as an error instead.
   */
  void firstAttemptFailed(String reason) {
    if (!anyConnected.get() && failedFirst.incrementAndGet() == settings.users() && unreachable == null) {
      unreachable = reason.isEmpty() ? "the attempt failed" : reason;
    }
  }

  long errors() {
    return errorFrames.sum() + refused.sum() + failedAttempts.sum() + stopped.sum();
  }

  private void progress() {
    Latencies last = second.drain();
    out.printf(Locale.ROOT, "[%5.1f s] connected %d/%d  sent %d  received %d  errors %d  latency p50 %s  p99 %s%n",
        (System.nanoTime() - started) / 1e9, connected.get(), settings.users(), sent.sum(), received.sum(), errors(),
        millis(last, 50), millis(last, 99));
  }

  private int summary(int users, long ready, double seconds) {
    long sentMessages = sent.sum();
    long receivedMessages = received.sum();
    long expectedMessages = expected.sum();
    StringBuilder text = new StringBuilder();
    text.append(String.format(Locale.ROOT, "summary: %d users in %d rooms, %s s of sending at %s messages/s each%n",
        users, settings.rooms(), number(seconds), number(settings.rate())));
    text.append(String.format(Locale.ROOT, "  connected  %d of %d users (%d reconnects)%n", ready, users, reconnects.sum()));
    text.append(String.format(Locale.ROOT, "  sent       %d messages (%s/s)%n", sentMessages, number(sentMessages / Math.max(seconds, 1e-9))));
    text.append(String.format(Locale.ROOT, "  received   %d of %d expected deliveries (%s/s)%n",
        receivedMessages, expectedMessages, number(receivedMessages / Math.max(seconds, 1e-9))));
    text.append(String.format(Locale.ROOT, "  errors     %d (error frames %d%s, refused sends %d, failed connects %d, users stopped %d)%n",
        errors(), errorFrames.sum(), errorCodes.isEmpty() ? "" : " " + errorCodes, refused.sum(), failedAttempts.sum(),
        stopped.sum()));
    text.append(String.format(Locale.ROOT, "  latency    p50 %s  p90 %s  p99 %s  max %s (%d samples)%n",
        millis(all, 50), millis(all, 90), millis(all, 99), all.count() == 0 ? "-" : number(all.max() / 1000.0) + " ms",
        all.count()));
    out.print(text);
    out.flush();
    return ready == users && receivedMessages == expectedMessages && errors() == 0 ? 0 : 1;
  }

  /** Waits until {@code condition} holds, the deadline passes or Ctrl-C; returns whether it holds. */
  private boolean awaitOrInterrupt(Duration deadline, BooleanSupplier condition) {
    long end = System.nanoTime() + deadline.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() >= end || interrupted.getCount() == 0) {
        return false;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
    }
    return true;
  }

  private static String millis(Latencies latencies, double percentile) {
    return latencies.count() == 0 ? "-" : number(latencies.percentile(percentile) / 1000.0) + " ms";
  }

  static String number(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return String.format(Locale.ROOT, value < 10 ? "%.2f" : "%.1f", value);
  }

  private static ThreadFactory daemon(String name) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
