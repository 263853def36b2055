package dev.realtime.examples.analytics;

import com.google.gson.JsonObject;
import dev.realtime.auth.jwt.JwtAuthenticator;
import dev.realtime.broker.Broker;
import dev.realtime.examples.Example;
import dev.realtime.examples.ExampleContext;
import dev.realtime.examples.ExampleType;
import dev.realtime.examples.Flag;
import dev.realtime.examples.analytics.stats.MemoryStatsStore;
import dev.realtime.examples.analytics.stats.RedisStatsStore;
import dev.realtime.examples.analytics.stats.StatsStore;
import dev.realtime.examples.feed.DevelopmentTokens;
import dev.realtime.examples.feed.FeedNode;
import dev.realtime.examples.feed.RedisLink;
import dev.realtime.examples.http.Response;
import dev.realtime.examples.server.BadSettingException;
import dev.realtime.hub.HubSettings;
import dev.realtime.hub.Hub;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The analytics example: WebSocket {@code /ws/analytics}, {@code POST /api/events}, {@code GET
 * /api/stats} and the dashboard page at {@code /}. With {@code --redis}, counters live in Redis
 * and the plain channel {@code analytics:events} takes events from any program.
 */
public final class AnalyticsExample implements Example {
  /** {@code --auth}: a JWT to connect. */
  public static final Flag AUTH = new Flag("auth",
      "require a signed JWT on /ws/analytics; GET /token hands out tokens\nto anyone (for development only)");
  /** {@code --simulate}: a built-in producer. */
  public static final Flag SIMULATE = new Flag("simulate", "publish a few simulated visitor events every second");
  /** {@code --deflate}: permessage-deflate. */
  public static final Flag DEFLATE = new Flag("deflate",
      "offer permessage-deflate (no context takeover) on the netty transport");
  /** How the command line names and describes it. */
  public static final ExampleType TYPE = new ExampleType("analytics",
      "live visitor analytics: stats, heartbeats, filtered events (JSON or protobuf)",
      List.of(AUTH, SIMULATE, DEFLATE), AnalyticsExample::new);

  private final AnalyticsSettings settings;
  private volatile FeedNode node;
  private volatile AnalyticsFeed feed;

  /** The environment variable setting the heartbeat interval, in seconds (5 when unset). */
  public static final String HEARTBEAT_SECONDS = "ANALYTICS_HEARTBEAT_SECONDS";

  /** The example with its defaults, and the heartbeat interval {@value #HEARTBEAT_SECONDS} sets. */
  public AnalyticsExample() {
    this(heartbeatFromEnvironment());
  }

  private static AnalyticsSettings heartbeatFromEnvironment() {
    try {
      return AnalyticsSettings.defaults().withHeartbeatFrom(System.getenv(HEARTBEAT_SECONDS));
    } catch (IllegalArgumentException e) {
      throw new BadSettingException(HEARTBEAT_SECONDS, e);
    }
  }

  /** The example with other settings (tests: a faster heartbeat). */
  public AnalyticsExample(AnalyticsSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  @Override
  public void configure(ExampleContext context) throws Exception {
    FeedNode feedNode = FeedNode.open(context, context.options().has(AUTH), "realtime-analytics-development");
    this.node = feedNode;
    Broker broker = feedNode.broker();
    Optional<RedisLink> redis = feedNode.redis();
    StatsStore store = redis.<StatsStore>map(link -> new RedisStatsStore(link, context.clock()))
        .orElseGet(() -> new MemoryStatsStore(context.clock()));
    Optional<DevelopmentTokens> tokens = feedNode.tokens();
    boolean deflate = context.options().has(DEFLATE) && context.offerDeflate();

    Hub.Builder hub = context.hubBuilder().name("analytics").broker(broker)
        .settings(HubSettings.DEFAULTS.withRateLimit(settings.rateLimit()));
    tokens.ifPresent(issued -> hub.authenticator(issued.authenticator()));
    AnalyticsFeed created = new AnalyticsFeed(hub, broker, store, context.clock(), context.metrics(),
        tokens.isPresent() ? JwtAuthenticator.subprotocolSelector() : offered -> Optional.empty());
    created.start(Duration.ofSeconds(10));
    feedNode.tick("analytics:heartbeat", settings.heartbeatInterval(), (tick, at) -> created.heartbeat(at));
    if (context.options().has(SIMULATE)) {
      EventSimulator simulator = new EventSimulator(System.nanoTime(), context.clock());
      feedNode.tick("analytics:simulate", settings.simulationInterval(),
          (tick, at) -> simulator.tick().forEach(created::publish));
    }
    AtomicLong rejected = new AtomicLong();
    Optional<IngestChannel> ingest = redis.map(link -> feedNode.own(new IngestChannel(link, context.nodeId(), created,
        context.clock(), context.scheduler(), settings.ingestLease(), rejected)));
    ingest.ifPresent(IngestChannel::start);

    context.route("/ws/analytics", created.hub());
    context.web().page("/", "web/analytics/index.html");
    EventsApi api = new EventsApi(created, context.clock(), rejected, () -> {
      JsonObject node = new JsonObject();
      node.addProperty("id", context.nodeId());
      node.addProperty("connections", created.localClients());
      node.addProperty("events_delivered", created.eventsDelivered());
      node.addProperty("events_rejected", rejected.get());
      node.addProperty("takes_redis_channel", ingest.map(IngestChannel::takesChannel).orElse(false));
      return node;
    });
    context.web().route("/api/events", api.events());
    context.web().route("/api/stats", api.stats());
    tokens.ifPresent(handler -> context.web().route("/token", handler));
    boolean withAuth = tokens.isPresent();
    context.web().route("/analytics-config.json", request -> {
      JsonObject config = new JsonObject();
      config.addProperty("auth", withAuth);
      config.addProperty("heartbeatIntervalMs", settings.heartbeatInterval().toMillis());
      config.addProperty("deflate", deflate);
      return Response.json(config);
    });
    feed = created;
  }

  @Override
  public void started() {
    FeedNode running = node;
    if (running != null) {
      running.warnIfDevelopmentTokens("analytics");
    }
  }

  /** The node's feed, once configured. */
  public AnalyticsFeed feed() {
    return Objects.requireNonNull(feed, "not configured yet");
  }

  @Override
  public void close() {
    FeedNode running = node;
    if (running != null) {
      running.close();
    }
  }
}
