package dev.realtime.broker.redis;

import dev.realtime.metrics.InMemoryMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** Starts brokers ("nodes") for a test with short timeouts, and closes them all afterwards. */
final class Nodes implements AutoCloseable {

  private final String uri;
  private final boolean cluster;
  private final List<RedisBroker> started = new ArrayList<>();
  private final List<InMemoryMetrics> metrics = new ArrayList<>();

  Nodes(String uri, boolean cluster) {
    this.uri = uri;
    this.cluster = cluster;
  }

  RedisBroker start(String nodeId) {
    return start(nodeId, UnaryOperator.identity());
  }

  RedisBroker start(String nodeId, UnaryOperator<RedisBrokerBuilder> settings) {
    InMemoryMetrics counters = new InMemoryMetrics();
    RedisBroker broker =
        settings
            .apply(
                RedisBroker.builder(uri)
                    .cluster(cluster)
                    .nodeId(nodeId)
                    .commandTimeout(Duration.ofSeconds(2))
                    .connectTimeout(Duration.ofSeconds(2))
                    .reconnectDelayMax(Duration.ofMillis(200))
                    .metrics(counters))
            .build();
    broker.start();
    started.add(broker);
    metrics.add(counters);
    return broker;
  }

  /** Returns the metrics of the broker started with that index. */
  InMemoryMetrics metrics(int index) {
    return metrics.get(index);
  }

  @Override
  public void close() {
    started.forEach(RedisBroker::close);
  }
}
