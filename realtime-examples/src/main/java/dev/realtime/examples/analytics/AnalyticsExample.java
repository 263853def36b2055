package dev.realtime.examples.analytics;

import com.google.gson.JsonObject;
import dev.realtime.auth.jwt.JwtAuthenticator;
import dev.realtime.broker.Broker;
import dev.realtime.broker.memory.InMemoryBroker;
import dev.realtime.examples.Example;
import dev.realtime.examples.ExampleContext;
import dev.realtime.examples.ExampleType;
import dev.realtime.examples.Flag;
import dev.realtime.examples.analytics.stats.MemoryStatsStore;
import dev.realtime.examples.analytics.stats.RedisStatsStore;
import dev.realtime.examples.analytics.stats.StatsStore;
import dev.realtime.examples.feed.ClusterTicker;
import dev.realtime.examples.feed.DevelopmentTokens;
import dev.realtime.examples.feed.RedisLink;
import dev.realtime.examples.feed.TickClaims;
import dev.realtime.examples.http.Response;
import dev.realtime.hub.HubSettings;
import dev.realtime.hub.Hub;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

  private static final Logger log = LoggerFactory.getLogger(AnalyticsExample.class);

  private final AnalyticsSettings settings;
  private final List<AutoCloseable> owned = new ArrayList<>();
  private volatile AnalyticsFeed feed;
  private volatile boolean auth;

  /** The example with its defaults. */
  public AnalyticsExample() {
    this(AnalyticsSettings.defaults());
  }

  /** The example with other settings (tests: a faster heartbeat). */
  public AnalyticsExample(AnalyticsSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  @Override
  public void configure(ExampleContext context) throws Exception {
    Broker broker = context.broker().orElseGet(() -> own(InMemoryBroker.builder().nodeId(context.nodeId()).build()));
    Optional<RedisLink> redis = context.options().cluster().map(cluster -> own(RedisLink.connect(cluster.redisUri())));
    StatsStore store = redis.<StatsStore>map(link -> new RedisStatsStore(link, context.clock()))
        .orElseGet(() -> new MemoryStatsStore(context.clock()));
    TickClaims claims = redis.map(link -> TickClaims.redis(link, context.nodeId())).orElse(TickClaims.alone());
    auth = context.options().has(AUTH);
    Optional<DevelopmentTokens> tokens = auth
        ? Optional.of(new DevelopmentTokens("realtime-analytics-development", context.clock())) : Optional.empty();
    boolean deflate = context.options().has(DEFLATE) && context.offerDeflate();

    Hub.Builder hub = context.hubBuilder().name("analytics").broker(broker)
        .settings(HubSettings.DEFAULTS.withRateLimit(settings.rateLimit()));
    tokens.ifPresent(issued -> hub.authenticator(issued.authenticator()));
    AnalyticsFeed created = new AnalyticsFeed(hub, broker, store, context.clock(), context.metrics(),
        tokens.isPresent() ? JwtAuthenticator.subprotocolSelector() : offered -> Optional.empty());
    created.start(Duration.ofSeconds(10));
    own(new ClusterTicker("analytics:heartbeat", settings.heartbeatInterval(), claims, context.clock(),
        context.scheduler(), (tick, at) -> created.heartbeat(at))).start();
    if (context.options().has(SIMULATE)) {
      EventSimulator simulator = new EventSimulator(System.nanoTime(), context.clock());
      own(new ClusterTicker("analytics:simulate", settings.simulationInterval(), claims, context.clock(),
          context.scheduler(), (tick, at) -> simulator.tick().forEach(created::publish))).start();
    }
    AtomicLong rejected = new AtomicLong();
    Optional<IngestChannel> ingest = redis.map(link -> own(new IngestChannel(link, context.nodeId(), created,
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
      node.addProperty("takes_redis_channel", ingest.map(IngestChannel::leading).orElse(false));
      return node;
    });
    context.web().route("/api/events", api.events());
    context.web().route("/api/stats", api.stats());
    tokens.ifPresent(handler -> context.web().route("/token", handler));
    boolean withAuth = auth;
    context.web().route("/analytics-config.json", request -> {
      JsonObject config = new JsonObject();
      config.addProperty("auth", withAuth);
      config.addProperty("heartbeatIntervalMs", settings.heartbeatInterval().toMillis());
      config.addProperty("deflate", deflate);
      return Response.json(config);
    });
    feed = created;
  }

  private synchronized <T extends AutoCloseable> T own(T resource) {
    owned.add(resource);
    return resource;
  }

  @Override
  public void started() {
    if (auth) {
      log.warn("analytics --auth: GET /token hands out signed tokens to anyone; it is for development only");
    }
  }

  /** The node's feed, once configured. */
  public AnalyticsFeed feed() {
    return Objects.requireNonNull(feed, "not configured yet");
  }

  @Override
  public synchronized void close() {
    for (int i = owned.size() - 1; i >= 0; i--) {
      try {
        owned.get(i).close();
      } catch (Exception e) {
        log.debug("closing {} failed", owned.get(i), e);
      }
    }
    owned.clear();
  }
}
