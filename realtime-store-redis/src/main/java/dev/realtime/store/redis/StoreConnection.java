package dev.realtime.store.redis;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A store's Lettuce client and its one connection, to one server or a cluster, used synchronously.
 *
 * <p>Configured so nothing is replayed behind the caller's back: a command issued while
 * disconnected fails at once ({@code REJECT_COMMANDS}), the request queue is bounded and every
 * command has a timeout; the connection reconnects by itself. A store's writes are scripts the
 * caller may repeat safely (a commit deduplicates, an add refuses a taken id).
 */
final class StoreConnection implements AutoCloseable {

  private final ClientResources resources;
  private final AbstractRedisClient client;
  private final StatefulConnection<String, String> connection;
  private final RedisClusterCommands<String, String> commands;

  private StoreConnection(ClientResources resources, AbstractRedisClient client,
      StatefulConnection<String, String> connection, RedisClusterCommands<String, String> commands) {
    this.resources = resources;
    this.client = client;
    this.connection = connection;
    this.commands = commands;
  }

  /**
   * Connects to {@code uri} (a cluster's seed nodes with {@code cluster}).
   *
   * @throws RedisStoreException if Redis cannot be reached within {@code connectTimeout}
   */
  static StoreConnection open(String uri, boolean cluster, Duration commandTimeout, Duration connectTimeout) {
    ClientResources resources = DefaultClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(1).build();
    AbstractRedisClient client = null;
    try {
      SocketOptions socket = SocketOptions.builder().connectTimeout(connectTimeout).keepAlive(true).build();
      TimeoutOptions timeouts = TimeoutOptions.enabled(commandTimeout);
      if (cluster) {
        RedisClusterClient clusterClient = RedisClusterClient.create(resources, uri);
        clusterClient.setOptions(ClusterClientOptions.builder()
            .autoReconnect(true)
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .requestQueueSize(10_000)
            .socketOptions(socket)
            .timeoutOptions(timeouts)
            .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                .enablePeriodicRefresh(Duration.ofSeconds(30))
                .build())
            .build());
        client = clusterClient;
        StatefulRedisClusterConnection<String, String> connection = clusterClient.connect();
        return new StoreConnection(resources, clusterClient, connection, connection.sync());
      }
      RedisURI redisUri = RedisURI.create(uri);
      redisUri.setTimeout(commandTimeout);
      RedisClient standalone = RedisClient.create(resources, redisUri);
      standalone.setOptions(ClientOptions.builder()
          .autoReconnect(true)
          .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
          .requestQueueSize(10_000)
          .socketOptions(socket)
          .timeoutOptions(timeouts)
          .build());
      client = standalone;
      var connection = standalone.connect();
      return new StoreConnection(resources, standalone, connection, connection.sync());
    } catch (RedisException | IllegalArgumentException e) {
      if (client != null) {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
      }
      resources.shutdown(0, 2, TimeUnit.SECONDS);
      throw new RedisStoreException("cannot connect to Redis: " + e.getMessage(), e);
    }
  }

  /** The synchronous commands; they throw {@link RedisException} on any failure. */
  RedisClusterCommands<String, String> commands() {
    return commands;
  }

  @Override
  public void close() {
    connection.close();
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    resources.shutdown(0, 2, TimeUnit.SECONDS);
  }
}
