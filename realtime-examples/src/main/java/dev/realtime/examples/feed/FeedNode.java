package dev.realtime.examples.feed;

import dev.realtime.broker.Broker;
import dev.realtime.broker.memory.InMemoryBroker;
import dev.realtime.examples.ExampleContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a feed example opens on one node, and closes in reverse when it stops: the broker (the
 * cluster's, else an in-memory one of its own), its own Redis link with {@code --redis}, the
 * tick claims that go with it, development tokens with {@code --auth}, and its tickers.
 */
public final class FeedNode implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FeedNode.class);

  private final ExampleContext context;
  private final List<AutoCloseable> owned = new ArrayList<>();
  private final Broker broker;
  private final Optional<RedisLink> redis;
  private final TickClaims claims;
  private final Optional<DevelopmentTokens> tokens;

  private FeedNode(ExampleContext context, List<AutoCloseable> owned, Broker broker, Optional<RedisLink> redis,
      Optional<DevelopmentTokens> tokens) {
    this.context = context;
    this.owned.addAll(owned);
    this.broker = broker;
    this.redis = redis;
    this.claims = redis.map(link -> TickClaims.redis(link, context.nodeId())).orElse(TickClaims.alone());
    this.tokens = tokens;
  }

  /**
   * Opens what {@code context} calls for; with {@code auth}, tokens of issuer {@code issuer}.
   * Throws Lettuce's exception when Redis cannot be reached (what was opened is closed).
   */
  public static FeedNode open(ExampleContext context, boolean auth, String issuer) {
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(issuer, "issuer");
    List<AutoCloseable> opened = new ArrayList<>();
    try {
      Broker broker = context.broker().orElseGet(() -> {
        Broker own = InMemoryBroker.builder().nodeId(context.nodeId()).build();
        opened.add(own);
        return own;
      });
      Optional<RedisLink> redis = context.options().cluster().map(cluster -> RedisLink.connect(cluster.redisUri()));
      redis.ifPresent(opened::add);
      Optional<DevelopmentTokens> tokens =
          auth ? Optional.of(new DevelopmentTokens(issuer, context.clock())) : Optional.empty();
      return new FeedNode(context, opened, broker, redis, tokens);
    } catch (RuntimeException e) {
      for (int i = opened.size() - 1; i >= 0; i--) {
        closeQuietly(opened.get(i));
      }
      throw e;
    }
  }

  /** The broker every hub of the example uses. */
  public Broker broker() {
    return broker;
  }

  /** The example's own Redis connection, with {@code --redis}. */
  public Optional<RedisLink> redis() {
    return redis;
  }

  /** Who wins a tick: Redis with {@code --redis}, else this node always. */
  public TickClaims claims() {
    return claims;
  }

  /** The development tokens, with {@code --auth}. */
  public Optional<DevelopmentTokens> tokens() {
    return tokens;
  }

  /** Runs {@code task} once per tick of {@code interval} for the whole cluster, until closed. */
  public void tick(String series, Duration interval, ClusterTicker.Task task) {
    own(new ClusterTicker(series, interval, claims, context.clock(), context.scheduler(), task)).start();
  }

  /** Closes {@code resource} with the node, before anything opened earlier. */
  public synchronized <T extends AutoCloseable> T own(T resource) {
    owned.add(Objects.requireNonNull(resource, "resource"));
    return resource;
  }

  /** Warns, once started, that {@code GET /token} serves anyone (with {@code --auth}). */
  public void warnIfDevelopmentTokens(String example) {
    if (tokens.isPresent()) {
      log.warn("{} --auth: GET /token hands out signed tokens to anyone; it is for development only", example);
    }
  }

  /** Closes the tickers and what came after first, the link and the broker last. */
  @Override
  public synchronized void close() {
    for (int i = owned.size() - 1; i >= 0; i--) {
      closeQuietly(owned.get(i));
    }
    owned.clear();
  }

  private static void closeQuietly(AutoCloseable resource) {
    try {
      resource.close();
    } catch (Exception e) {
      log.debug("closing {} failed", resource, e);
    }
  }
}
