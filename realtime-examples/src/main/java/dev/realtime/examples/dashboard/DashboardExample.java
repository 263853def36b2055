package dev.realtime.examples.dashboard;

import dev.realtime.examples.Example;
import dev.realtime.examples.ExampleContext;
import dev.realtime.examples.ExampleType;
import dev.realtime.examples.Flag;
import dev.realtime.examples.http.Response;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live dashboard: WebSocket {@code /dashboard}, REST {@code /api/metrics}, {@code /api/history}
 * and {@code /api/alerts}, and the page at {@code /}. Real values by default; {@code --simulate}
 * switches to a synthetic generator.
 */
public final class DashboardExample implements Example {
  /** {@code --simulate}: synthetic values instead of this machine's. */
  public static final Flag SIMULATE = new Flag("simulate", "synthetic metrics instead of this machine's real values");
  /** How the command line names and describes it. */
  public static final ExampleType TYPE = new ExampleType("dashboard",
      "live metrics of this machine with alerts", List.of(SIMULATE), DashboardExample::new);

  private static final Logger log = LoggerFactory.getLogger(DashboardExample.class);

  private final DashboardSettings settings;
  private volatile DashboardFeed feed;
  private volatile DashboardTimers timers;
  private volatile String mode;

  /** The dashboard with its default settings. */
  public DashboardExample() {
    this(DashboardSettings.defaults());
  }

  /** The dashboard with other settings (faster ticks, other rules, a fixed source). */
  public DashboardExample(DashboardSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  @Override
  public void configure(ExampleContext context) {
    SampleSource source = settings.source() != null ? settings.source()
        : context.options().has(SIMULATE) ? new SimulatedSource(settings.simulationSeed())
        : new SystemSource(context.metrics());
    DashboardFeed created = new DashboardFeed(context.hubBuilder().name("dashboard"),
        source, settings.rules(), context.clock(), settings.tickInterval(), context.metrics());
    context.route("/dashboard", created.hub());
    context.web().page("/", "web/dashboard/index.html");
    context.web().route("/api/metrics", request -> Response.json(created.currentJson()));
    context.web().route("/api/history", request -> Response.json(created.historyJson()));
    context.web().route("/api/alerts", request ->
        Response.json(created.alertsJson(request.query("active").map("true"::equals).orElse(false))));
    ExecutorService sampler = Executors.newSingleThreadExecutor(runnable -> {
      Thread thread = new Thread(runnable, "realtime-dashboard-sampler");
      thread.setDaemon(true);
      return thread;
    });
    DashboardTimers started = new DashboardTimers(created, sampler, settings.tickInterval());
    started.start(context.scheduler(), settings.drainInterval());
    feed = created;
    timers = started;
    mode = source.mode();
  }

  @Override
  public void started() {
    log.info("dashboard sampling {} values every {}", mode, settings.tickInterval());
  }

  /** The running feed, once configured (tests drive and inspect it). */
  public DashboardFeed feed() {
    DashboardFeed current = feed;
    if (current == null) {
      throw new IllegalStateException("not configured yet");
    }
    return current;
  }

  @Override
  public void close() {
    DashboardTimers current = timers;
    if (current != null) {
      current.close();
    }
  }
}
