package dev.realtime.examples;

import java.time.Duration;
import java.util.Objects;

/**
 * How an example joins a cluster: the Redis every node shares, this node's name, and how long a
 * node that died without saying so keeps its users in presence.
 *
 * @param redisUri {@code redis://[:password@]host:port[/db]} or {@code rediss://…} (TLS)
 * @param nodeId this node's name, unique in the cluster (shown on the pages, used in client ids)
 * @param presenceTtl how long presence entries live unless their node refreshes them
 */
public record Cluster(String redisUri, String nodeId, Duration presenceTtl) {

  /** The presence lifetime when {@code --presence-ttl} is not given. */
  public static final Duration DEFAULT_PRESENCE_TTL = Duration.ofSeconds(30);

  /** Checks the parts. */
  public Cluster {
    Objects.requireNonNull(redisUri, "redisUri");
    Objects.requireNonNull(nodeId, "nodeId");
    Objects.requireNonNull(presenceTtl, "presenceTtl");
    if (!redisUri.startsWith("redis://") && !redisUri.startsWith("rediss://")) {
      throw new IllegalArgumentException("--redis takes redis://HOST:PORT or rediss://HOST:PORT, got '" + redisUri + "'");
    }
    if (nodeId.isBlank() || nodeId.length() > 64 || !nodeId.matches("[A-Za-z0-9._-]+")) {
      throw new IllegalArgumentException(
          "--node-id must be 1 to 64 letters, digits, '.', '_' or '-', got '" + nodeId + "'");
    }
    if (presenceTtl.compareTo(Duration.ofSeconds(2)) < 0 || presenceTtl.compareTo(Duration.ofHours(1)) > 0) {
      throw new IllegalArgumentException("--presence-ttl must be 2 to 3600 seconds, got " + presenceTtl.toSeconds());
    }
  }
}
