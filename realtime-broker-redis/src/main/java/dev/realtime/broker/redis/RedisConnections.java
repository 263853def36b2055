package dev.realtime.broker.redis;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.async.RedisScriptingAsyncCommands;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubListener;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.pubsub.api.async.RedisPubSubAsyncCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.lettuce.core.resource.DefaultClientResources;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The Lettuce client and the broker's two connections: one for commands (every script) and a
 * dedicated one for pub/sub, to one server or a cluster.
 *
 * <p>Configured so nothing is replayed silently: commands issued while disconnected are rejected
 * at once ({@code REJECT_COMMANDS}; with it Lettuce also fails, rather than requeues, what was in
 * flight when the connection dropped), the request queue is bounded and every command has a
 * timeout. Reconnects back off exponentially up to the configured maximum.
 */
final class RedisConnections implements AutoCloseable {

  static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

  private final ClientResources resources;
  private final AbstractRedisClient client;
  private final StatefulConnection<String, byte[]> commands;
  private final RedisScriptingAsyncCommands<String, byte[]> scripting;
  private final StatefulRedisPubSubConnection<String, byte[]> pubSub;

  private RedisConnections(
      ClientResources resources,
      AbstractRedisClient client,
      StatefulConnection<String, byte[]> commands,
      RedisScriptingAsyncCommands<String, byte[]> scripting,
      StatefulRedisPubSubConnection<String, byte[]> pubSub) {
    this.resources = resources;
    this.client = client;
    this.commands = commands;
    this.scripting = scripting;
    this.pubSub = pubSub;
  }

  /**
   * Connects both connections, registering the listeners first so no event is missed.
   *
   * @throws RedisConnectionException if Redis cannot be reached in time
   */
  static RedisConnections open(
      Settings settings,
      RedisConnectionStateListener stateListener,
      RedisPubSubListener<String, byte[]> messageListener) {
    ClientResources resources =
        DefaultClientResources.builder()
            .ioThreadPoolSize(2)
            .computationThreadPoolSize(2)
            .reconnectDelay(
                Delay.exponential(
                    Duration.ofMillis(20), settings.reconnectDelayMax(), 2, TimeUnit.MILLISECONDS))
            .build();
    AbstractRedisClient client = null;
    try {
      SocketOptions socket =
          SocketOptions.builder().connectTimeout(settings.connectTimeout()).keepAlive(true).build();
      TimeoutOptions timeouts = TimeoutOptions.enabled(settings.commandTimeout());
      if (settings.cluster()) {
        RedisClusterClient cluster = RedisClusterClient.create(resources, settings.uri());
        cluster.setOptions(
            ClusterClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .requestQueueSize(settings.requestQueueSize())
                .socketOptions(socket)
                .timeoutOptions(timeouts)
                .topologyRefreshOptions(
                    // Lettuce 7 enables every adaptive trigger (MOVED, ASK, reconnects) by default.
                    ClusterTopologyRefreshOptions.builder()
                        .enablePeriodicRefresh(Duration.ofSeconds(30))
                        .build())
                .build());
        client = cluster;
        cluster.addListener(stateListener);
        StatefulRedisClusterConnection<String, byte[]> connection = cluster.connect(CODEC);
        StatefulRedisPubSubConnection<String, byte[]> pubSub = cluster.connectPubSub(CODEC);
        pubSub.addListener(messageListener);
        return new RedisConnections(resources, cluster, connection, connection.async(), pubSub);
      }
      RedisURI uri = RedisURI.create(settings.uri());
      uri.setTimeout(settings.commandTimeout());
      RedisClient standalone = RedisClient.create(resources, uri);
      standalone.setOptions(
          ClientOptions.builder()
              .autoReconnect(true)
              .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
              .requestQueueSize(settings.requestQueueSize())
              .socketOptions(socket)
              .timeoutOptions(timeouts)
              .build());
      client = standalone;
      standalone.addListener(stateListener);
      var connection = standalone.connect(CODEC);
      StatefulRedisPubSubConnection<String, byte[]> pubSub = standalone.connectPubSub(CODEC);
      pubSub.addListener(messageListener);
      return new RedisConnections(resources, standalone, connection, connection.async(), pubSub);
    } catch (RuntimeException | Error e) {
      if (client != null) {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
      }
      resources.shutdown(0, 2, TimeUnit.SECONDS);
      throw e;
    }
  }

  RedisScriptingAsyncCommands<String, byte[]> scripting() {
    return scripting;
  }

  RedisPubSubAsyncCommands<String, byte[]> pubSub() {
    return pubSub.async();
  }

  /** Returns whether {@code connection} is the pub/sub connection. */
  boolean isPubSub(Object connection) {
    return connection == pubSub;
  }

  @Override
  public void close() {
    pubSub.close();
    commands.close();
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    resources.shutdown(0, 2, TimeUnit.SECONDS);
  }
}
