package dev.realtime.examples.dashboard;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A group of sample fields a dashboard client can subscribe to, matching the dashboard page's cards.
 *
 * <p>A client receives the fields of its topics (and always the timestamp), and the alerts raised
 * on those fields.
 */
public enum Topic {
  /** Machine and process CPU. */
  CPU("cpu_usage", "process_cpu_usage"),
  /** Machine memory and JVM heap. */
  MEMORY("memory_usage", "jvm_memory_usage"),
  /** Disk space. */
  DISK("disk_usage"),
  /** Network throughput in and out. */
  NETWORK("network_in", "network_out"),
  /** Connected clients. */
  USERS("active_users"),
  /** Request rate, error rate, response time and cache hits: the page's performance card. */
  PERFORMANCE("requests_per_sec", "error_rate", "response_time", "cache_hit_rate"),
  /** Database connections. */
  DATABASE("database_connections");

  /** Every topic: what a client receives until it subscribes. */
  public static final Set<Topic> ALL = Set.copyOf(EnumSet.allOf(Topic.class));

  private final List<String> fields;

  Topic(String... fields) {
    this.fields = List.of(fields);
  }

  /** The topic's name on the wire, e.g. {@code cpu}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The sample fields this topic carries. */
  public List<String> fields() {
    return fields;
  }

  /** The topic with this wire name, if any. */
  public static Optional<Topic> parse(String name) {
    return Arrays.stream(values()).filter(topic -> topic.wireName().equals(name)).findFirst();
  }

  /** The topic that carries {@code field}, if any. */
  public static Optional<Topic> ofField(String field) {
    return Arrays.stream(values()).filter(topic -> topic.fields.contains(field)).findFirst();
  }
}
