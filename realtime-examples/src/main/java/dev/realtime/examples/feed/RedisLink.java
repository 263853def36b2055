package dev.realtime.examples.feed;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * An example's own connection to the cluster's Redis, beside the broker's: for the keys and
 * scripts the example keeps there (counters, seats, tick claims) and, on demand, a pub/sub
 * connection.
 *
 * <p>Like the broker's, it never replays silently: commands issued while disconnected fail at once,
 * and every command times out after two seconds. Futures complete on Lettuce's I/O threads.
 */
public final class RedisLink implements AutoCloseable {
  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  private final ClientResources resources;
  private final RedisClient client;
  private final StatefulRedisConnection<String, String> connection;
  private StatefulRedisPubSubConnection<String, String> pubSub;

  private RedisLink(ClientResources resources, RedisClient client, StatefulRedisConnection<String, String> connection) {
    this.resources = resources;
    this.client = client;
    this.connection = connection;
  }

  /** Connects to {@code uri} ({@code redis://…}); throws Lettuce's exception if it cannot. */
  public static RedisLink connect(String uri) {
    Objects.requireNonNull(uri, "uri");
    ClientResources resources = DefaultClientResources.builder().ioThreadPoolSize(1).computationThreadPoolSize(1).build();
    RedisClient client = null;
    try {
      RedisURI redisUri = RedisURI.create(uri);
      redisUri.setTimeout(TIMEOUT);
      client = RedisClient.create(resources, redisUri);
      client.setOptions(ClientOptions.builder()
          .autoReconnect(true)
          .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
          .requestQueueSize(10_000)
          .socketOptions(SocketOptions.builder().connectTimeout(TIMEOUT).keepAlive(true).build())
          .timeoutOptions(TimeoutOptions.enabled(TIMEOUT))
          .build());
      return new RedisLink(resources, client, client.connect());
    } catch (RuntimeException e) {
      if (client != null) {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
      }
      resources.shutdown(0, 2, TimeUnit.SECONDS);
      throw e;
    }
  }

  /** The asynchronous commands of the command connection. */
  public RedisAsyncCommands<String, String> commands() {
    return connection.async();
  }

  /** The pub/sub connection, opened on first use. */
  public synchronized StatefulRedisPubSubConnection<String, String> pubSub() {
    if (pubSub == null) {
      pubSub = client.connectPubSub();
    }
    return pubSub;
  }

  /**
   * Runs {@code script} by its SHA, sending its source when Redis answers {@code NOSCRIPT} (an
   * empty script cache after a restart); {@code EVAL} caches it for the next call.
   */
  public <T> CompletableFuture<T> run(LuaScript script, ScriptOutputType type, String[] keys, String... arguments) {
    RedisAsyncCommands<String, String> commands = commands();
    CompletableFuture<T> bySha;
    try {
      bySha = commands.<T>evalsha(script.sha(), type, keys, arguments).toCompletableFuture();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    return bySha.exceptionallyCompose(failure -> {
      Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
      if (cause instanceof RedisNoScriptException) {
        return commands.<T>eval(script.source(), type, keys, arguments).toCompletableFuture();
      }
      return CompletableFuture.failedFuture(cause);
    });
  }

  /** Closes both connections and the client. */
  @Override
  public synchronized void close() {
    if (pubSub != null) {
      pubSub.close();
    }
    connection.close();
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    resources.shutdown(0, 2, TimeUnit.SECONDS);
  }
}
