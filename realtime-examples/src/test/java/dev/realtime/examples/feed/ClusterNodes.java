package dev.realtime.examples.feed;

import dev.realtime.examples.Cluster;
import dev.realtime.examples.Example;
import dev.realtime.examples.ExampleServer;
import dev.realtime.examples.LaunchOptions;
import dev.realtime.testing.redis.RedisExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Nodes of one example on the kit's Redis, started as {@code NAME --redis URI --node-id ID}, and
 * their test clients; everything is closed after each test. Register on an instance field, beside
 * a static {@link RedisExtension}.
 */
public final class ClusterNodes implements AfterEachCallback {
  private final RedisExtension redis;
  private final String name;
  private final Supplier<Example> example;
  private final List<ExampleServer> nodes = new ArrayList<>();
  private final List<JsonSocket> sockets = new ArrayList<>();

  /** Nodes of example {@code name}, each running a fresh {@code example}. */
  public ClusterNodes(RedisExtension redis, String name, Supplier<Example> example) {
    this.redis = Objects.requireNonNull(redis, "redis");
    this.name = Objects.requireNonNull(name, "name");
    this.example = Objects.requireNonNull(example, "example");
  }

  /** Starts node {@code id} running the default example. */
  public ExampleServer start(String id) throws Exception {
    return start(id, example.get());
  }

  /** Starts node {@code id} running {@code instance}. */
  public synchronized ExampleServer start(String id, Example instance) throws Exception {
    Cluster cluster = new Cluster(redis.uri(), id, Duration.ofSeconds(5));
    ExampleServer node = ExampleServer.start(LaunchOptions.ephemeral(name).withCluster(cluster), instance);
    nodes.add(node);
    return node;
  }

  /** Stops {@code node} now, as a restart or a crash would. */
  public synchronized void stop(ExampleServer node) {
    nodes.remove(node);
    node.close();
  }

  /** A client of {@code node} on WebSocket {@code path}. */
  public synchronized JsonSocket socket(ExampleServer node, String path) throws Exception {
    JsonSocket socket = JsonSocket.open(node.wsPort(), path);
    sockets.add(socket);
    return socket;
  }

  @Override
  public synchronized void afterEach(ExtensionContext context) {
    sockets.forEach(JsonSocket::close);
    sockets.clear();
    nodes.forEach(ExampleServer::close);
    nodes.clear();
  }
}
