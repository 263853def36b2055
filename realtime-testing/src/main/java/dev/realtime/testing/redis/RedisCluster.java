package dev.realtime.testing.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A local Redis Cluster of three masters (no replicas), each a {@link RedisServer} with {@code
 * --cluster-enabled yes}, joined with {@code redis-cli --cluster create} and ready when every node
 * reports {@code cluster_state:ok}.
 */
public final class RedisCluster implements AutoCloseable {

  private static final int MASTERS = 3;
  private static final Duration READY = Duration.ofSeconds(30);

  private final List<RedisServer> nodes;

  private RedisCluster(List<RedisServer> nodes) {
    this.nodes = List.copyOf(nodes);
  }

  /** Starts three masters without persistence and joins them into one cluster. */
  public static RedisCluster start() {
    List<RedisServer> nodes = new ArrayList<>();
    try {
      for (int i = 0; i < MASTERS; i++) {
        nodes.add(
            RedisServer.start(
                false,
                List.of(
                    "--cluster-enabled", "yes",
                    "--cluster-config-file", "nodes.conf",
                    "--cluster-node-timeout", "2000")));
      }
      RedisCluster cluster = new RedisCluster(nodes);
      cluster.create();
      cluster.awaitReady();
      return cluster;
    } catch (RuntimeException | Error e) {
      nodes.forEach(RedisServer::close);
      throw e;
    }
  }

  /** Returns the three master nodes. */
  public List<RedisServer> nodes() {
    return nodes;
  }

  /** Returns the URI of one node, enough for a cluster client to discover the others. */
  public String uri() {
    return nodes.get(0).uri();
  }

  /** Returns {@code redis://host:port} of every node, comma-separated. */
  public String uris() {
    return nodes.stream().map(RedisServer::uri).collect(Collectors.joining(","));
  }

  /** Deletes every key on every master. */
  public void flushAll() {
    nodes.forEach(RedisServer::flushAll);
  }

  /** Stops and deletes every node. */
  @Override
  public void close() {
    nodes.forEach(RedisServer::close);
  }

  @Override
  public String toString() {
    return "redis cluster " + uris();
  }

  private void create() {
    List<String> command = new ArrayList<>(List.of(RedisBinaries.cli().toString(), "--cluster", "create"));
    for (RedisServer node : nodes) {
      command.add(node.host() + ":" + node.port());
    }
    command.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getOutputStream().close();
      String output;
      if (!process.waitFor(READY.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("redis-cli --cluster create did not finish");
      }
      output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (process.exitValue() != 0) {
        throw new IllegalStateException("redis-cli --cluster create failed:\n" + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating the cluster", e);
    }
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + READY.toNanos();
    while (System.nanoTime() < deadline) {
      if (nodes.stream().allMatch(RedisCluster::ready)) {
        return;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while the cluster forms", e);
      }
    }
    throw new IllegalStateException("the cluster did not reach cluster_state:ok: " + uris());
  }

  private static boolean ready(RedisServer node) {
    try {
      String info = (String) node.command("CLUSTER", "INFO");
      return info.contains("cluster_state:ok")
          && info.contains("cluster_slots_ok:16384")
          && info.contains("cluster_known_nodes:" + MASTERS);
    } catch (IllegalStateException e) {
      return false;
    }
  }
}
