package dev.realtime.examples.dashboard;

import com.google.gson.JsonObject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One dashboard sample (percentages 0–100, network in MB/s, times in ms),
 * plus {@code process_cpu_usage} and {@code jvm_memory_usage}, which report on this server's own process.
 *
 * @param timestamp when the sample was taken
 * @param cpuUsage CPU use of the whole machine (or container), percent
 * @param processCpuUsage CPU use of this JVM, percent of all cores
 * @param memoryUsage memory in use on the machine, percent
 * @param jvmMemoryUsage heap in use, percent of the JVM's maximum heap
 * @param diskUsage space used on the working directory's file system, percent
 * @param networkIn bytes received per second, in MB/s (10^6 bytes)
 * @param networkOut bytes sent per second, in MB/s
 * @param activeUsers WebSocket connections open on this server
 * @param requestsPerSec WebSocket messages received per second
 * @param errorRate errors per message received in the last interval, percent
 * @param responseTime see {@link SystemSource}: how late the sample tick ran, in ms
 * @param databaseConnections open database connections (0: the example has no database)
 * @param cacheHitRate cache hit rate, percent (0: the example has no cache)
 */
public record MetricsSample(
    Instant timestamp,
    double cpuUsage,
    double processCpuUsage,
    double memoryUsage,
    double jvmMemoryUsage,
    double diskUsage,
    double networkIn,
    double networkOut,
    int activeUsers,
    int requestsPerSec,
    double errorRate,
    double responseTime,
    int databaseConnections,
    double cacheHitRate) {

  /** The JSON field of the timestamp, sent whatever the client subscribed to. */
  public static final String TIMESTAMP = "timestamp";

  /** Rejects a missing timestamp and replaces non-finite values by 0, which JSON can carry. */
  public MetricsSample {
    Objects.requireNonNull(timestamp, "timestamp");
    cpuUsage = finite(cpuUsage);
    processCpuUsage = finite(processCpuUsage);
    memoryUsage = finite(memoryUsage);
    jvmMemoryUsage = finite(jvmMemoryUsage);
    diskUsage = finite(diskUsage);
    networkIn = finite(networkIn);
    networkOut = finite(networkOut);
    errorRate = finite(errorRate);
    responseTime = finite(responseTime);
    cacheHitRate = finite(cacheHitRate);
  }

  /** Returns the metric values by their JSON field names, in the page's order (no timestamp). */
  public Map<String, Number> values() {
    Map<String, Number> values = new LinkedHashMap<>();
    values.put("cpu_usage", cpuUsage);
    values.put("process_cpu_usage", processCpuUsage);
    values.put("memory_usage", memoryUsage);
    values.put("jvm_memory_usage", jvmMemoryUsage);
    values.put("disk_usage", diskUsage);
    values.put("network_in", networkIn);
    values.put("network_out", networkOut);
    values.put("active_users", activeUsers);
    values.put("requests_per_sec", requestsPerSec);
    values.put("error_rate", errorRate);
    values.put("response_time", responseTime);
    values.put("database_connections", databaseConnections);
    values.put("cache_hit_rate", cacheHitRate);
    return values;
  }

  /** Returns the values as doubles, the input an alert engine evaluates. */
  public Map<String, Double> alertInput() {
    Map<String, Double> input = new LinkedHashMap<>();
    values().forEach((name, value) -> input.put(name, value.doubleValue()));
    return input;
  }

  /** Returns every field as JSON, the {@code metrics} object of the wire format. */
  public JsonObject toJson() {
    return toJson(Topic.ALL);
  }

  /** Returns the timestamp and the fields of {@code topics} only. */
  public JsonObject toJson(Set<Topic> topics) {
    JsonObject json = new JsonObject();
    json.addProperty(TIMESTAMP, timestamp.toString());
    values().forEach((name, value) -> {
      if (Topic.ofField(name).map(topics::contains).orElse(true)) {
        json.addProperty(name, value);
      }
    });
    return json;
  }

  private static double finite(double value) {
    return Double.isFinite(value) ? value : 0;
  }
}
