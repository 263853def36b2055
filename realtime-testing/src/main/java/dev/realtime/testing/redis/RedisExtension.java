package dev.realtime.testing.redis;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit 5 extension that runs a real Redis for a test class: a standalone server, a persistent
 * one, or a three-master cluster.
 *
 * <pre>{@code
 * @RegisterExtension static final RedisExtension redis = RedisExtension.standalone();
 * ... RedisClient.create(redis.uri()) ...; redis.server().kill(); redis.server().restart();
 * }</pre>
 *
 * <p>Register it on a static field: the server starts before the class's first test and is
 * killed and deleted after its last. Between tests it is made whole again: started if a test left
 * it stopped, and emptied with {@code FLUSHALL}. A missing {@code redis-server} fails the tests
 * (see {@code -Drealtime.redis.skip=true} to skip them locally).
 */
public final class RedisExtension implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

  private enum Kind {
    STANDALONE,
    PERSISTENT,
    CLUSTER
  }

  private final Kind kind;
  private RedisServer server;
  private RedisCluster cluster;

  private RedisExtension(Kind kind) {
    this.kind = kind;
  }

  /** A server without persistence: restarts and kills lose its data. */
  public static RedisExtension standalone() {
    return new RedisExtension(Kind.STANDALONE);
  }

  /** A server with an fsynced append-only file: restarts and kills keep its data. */
  public static RedisExtension persistent() {
    return new RedisExtension(Kind.PERSISTENT);
  }

  /** A local cluster of three masters. */
  public static RedisExtension cluster() {
    return new RedisExtension(Kind.CLUSTER);
  }

  /** Returns the standalone server. */
  public RedisServer server() {
    if (server == null) {
      throw new IllegalStateException(kind == Kind.CLUSTER ? "a cluster has no single server" : "not started");
    }
    return server;
  }

  /** Returns the cluster. */
  public RedisCluster redisCluster() {
    if (cluster == null) {
      throw new IllegalStateException(kind == Kind.CLUSTER ? "not started" : "not a cluster");
    }
    return cluster;
  }

  /** Returns the URI to connect to: the server's, or one cluster node's. */
  public String uri() {
    return kind == Kind.CLUSTER ? redisCluster().uri() : server().uri();
  }

  /** Deletes every key: on the server, or on every master of the cluster. */
  public void flushAllNodes() {
    if (kind == Kind.CLUSTER) {
      redisCluster().flushAll();
    } else {
      server().flushAll();
    }
  }

  /** Returns whether this is a cluster. */
  public boolean isCluster() {
    return kind == Kind.CLUSTER;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    if (kind == Kind.CLUSTER) {
      cluster = RedisCluster.start();
    } else {
      server = RedisServer.start(kind == Kind.PERSISTENT);
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (cluster != null) {
      for (RedisServer node : cluster.nodes()) {
        if (!node.isRunning()) {
          node.restart();
        }
      }
      cluster.flushAll();
    } else if (server != null) {
      server.resume();
      if (!server.isRunning()) {
        server.restart();
      }
      server.flushAll();
    } else {
      throw new IllegalStateException("register RedisExtension on a static field");
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (cluster != null) {
      cluster.close();
      cluster = null;
    }
    if (server != null) {
      server.close();
      server = null;
    }
  }
}
