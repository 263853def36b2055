package dev.realtime.examples.dashboard;

import com.sun.management.OperatingSystemMXBean;
import dev.realtime.metrics.InMemoryMetrics;
import dev.realtime.metrics.MetricsSnapshot;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real values, where the machine gives them (the default mode).
 *
 * <ul>
 *   <li>{@code cpu_usage}: the machine's (or container's) CPU load; {@code process_cpu_usage}: this
 *       JVM's, both from {@code com.sun.management.OperatingSystemMXBean};
 *   <li>{@code memory_usage}: {@code 1 - MemAvailable/MemTotal} from {@code /proc/meminfo}, else the
 *       MXBean's free/total; {@code jvm_memory_usage}: heap used over the maximum heap;
 *   <li>{@code disk_usage}: space used on the working directory's file store;
 *   <li>{@code network_in/out}: bytes per second over every interface but loopback in {@code
 *       /proc/net/dev}, in MB/s; where that file is unreadable, this server's own WebSocket payload
 *       bytes per second;
 *   <li>{@code active_users}: open WebSocket connections; {@code requests_per_sec}: messages received
 *       per second; {@code error_rate}: errors per message received over the interval, in percent;
 *   <li>{@code response_time}: how late the sample tick ran, in ms, a proxy for a saturated or
 *       pausing JVM (there is no request/response to time on a WebSocket feed);
 *   <li>{@code database_connections} and {@code cache_hit_rate}: 0, the example has neither.
 * </ul>
 *
 * <p>Rates are deltas between consecutive samples of the shared {@link InMemoryMetrics}; the first
 * sample reports rates of 0. Called from one thread at a time.
 */
public final class SystemSource implements SampleSource {
  private static final Logger log = LoggerFactory.getLogger(SystemSource.class);
  private static final double MEGABYTE = 1_000_000.0;

  private final InMemoryMetrics metrics;
  private final Path workingDirectory;
  private final Path proc;
  private final OperatingSystemMXBean os;
  private FileStore fileStore;
  private Previous previous;

  /** Values between two samples that rates are computed from. */
  private record Previous(Instant at, MetricsSnapshot snapshot, OptionalLong rx, OptionalLong tx) {}

  /** Reads the real machine, the working directory's disk and this server's metrics. */
  public SystemSource(InMemoryMetrics metrics) {
    this(metrics, Path.of("").toAbsolutePath(), Path.of("/proc"));
  }

  /** Like {@link #SystemSource(InMemoryMetrics)} with another disk and {@code /proc} (tests). */
  public SystemSource(InMemoryMetrics metrics, Path workingDirectory, Path proc) {
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.workingDirectory = Objects.requireNonNull(workingDirectory, "workingDirectory");
    this.proc = Objects.requireNonNull(proc, "proc");
    this.os = ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class);
  }

  @Override
  public String mode() {
    return "real";
  }

  @Override
  public synchronized MetricsSample sample(Instant now, double tickLagMillis) {
    MetricsSnapshot snapshot = metrics.snapshot();
    long[] network = networkBytes();
    OptionalLong rx = network == null ? OptionalLong.empty() : OptionalLong.of(network[0]);
    OptionalLong tx = network == null ? OptionalLong.empty() : OptionalLong.of(network[1]);
    Previous before = previous;
    previous = new Previous(now, snapshot, rx, tx);

    double seconds = before == null ? 0 : Duration.between(before.at(), now).toNanos() / 1e9;
    double networkIn = 0;
    double networkOut = 0;
    int requestsPerSec = 0;
    double errorRate = 0;
    if (seconds > 0) {
      if (rx.isPresent() && before.rx().isPresent()) {
        networkIn = rate(rx.getAsLong() - before.rx().getAsLong(), seconds) / MEGABYTE;
        networkOut = rate(tx.getAsLong() - before.tx().getAsLong(), seconds) / MEGABYTE;
      } else {
        networkIn = rate(snapshot.bytesReceived() - before.snapshot().bytesReceived(), seconds) / MEGABYTE;
        networkOut = rate(snapshot.bytesSent() - before.snapshot().bytesSent(), seconds) / MEGABYTE;
      }
      long received = snapshot.messagesReceived() - before.snapshot().messagesReceived();
      long errors = snapshot.errorsCount() - before.snapshot().errorsCount();
      requestsPerSec = (int) Math.round(rate(received, seconds));
      errorRate = received > 0 ? Math.min(100, 100.0 * Math.max(0, errors) / received) : 0;
    }
    return new MetricsSample(
        now,
        percent(os.getCpuLoad()),
        percent(os.getProcessCpuLoad()),
        memoryUsage(),
        heapUsage(),
        diskUsage(),
        networkIn,
        networkOut,
        (int) Math.min(Integer.MAX_VALUE, snapshot.activeConnections()),
        requestsPerSec,
        errorRate,
        Math.max(0, tickLagMillis),
        0,
        0);
  }

  private static double rate(long delta, double seconds) {
    return Math.max(0, delta) / seconds;
  }

  /** The MXBean answers a negative load while it has no measurement yet. */
  private static double percent(double ratio) {
    return ratio < 0 || Double.isNaN(ratio) ? 0 : Math.min(100, ratio * 100);
  }

  private double memoryUsage() {
    try {
      long total = -1;
      long available = -1;
      for (String line : Files.readAllLines(proc.resolve("meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          total = kilobytes(line);
        } else if (line.startsWith("MemAvailable:")) {
          available = kilobytes(line);
        }
      }
      if (total > 0 && available >= 0) {
        return 100.0 * (total - available) / total;
      }
    } catch (IOException | RuntimeException e) {
      log.trace("no /proc/meminfo, using the MXBean", e);
    }
    // Not Linux: "free" excludes reclaimable caches here, so this overstates use somewhat.
    long total = os.getTotalMemorySize();
    return total <= 0 ? 0 : 100.0 * (total - os.getFreeMemorySize()) / total;
  }

  private static long kilobytes(String line) {
    String[] parts = line.trim().split("\\s+");
    return Long.parseLong(parts[1]);
  }

  private static double heapUsage() {
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    long max = heap.getMax() > 0 ? heap.getMax() : heap.getCommitted();
    return max <= 0 ? 0 : 100.0 * heap.getUsed() / max;
  }

  private double diskUsage() {
    try {
      if (fileStore == null) {
        fileStore = Files.getFileStore(workingDirectory);
      }
      long total = fileStore.getTotalSpace();
      return total <= 0 ? 0 : 100.0 * (total - fileStore.getUnallocatedSpace()) / total;
    } catch (IOException | RuntimeException e) {
      log.trace("disk usage unavailable", e);
      return 0;
    }
  }

  /** Received and sent bytes summed over every interface but loopback, or null if unreadable. */
  private long[] networkBytes() {
    try {
      List<String> lines = Files.readAllLines(proc.resolve("net/dev"));
      long rx = 0;
      long tx = 0;
      // Two header lines, then "iface: rx_bytes packets errs drop fifo frame compressed multicast
      // tx_bytes ...".
      for (String line : lines.subList(Math.min(2, lines.size()), lines.size())) {
        int colon = line.indexOf(':');
        if (colon < 0 || line.substring(0, colon).trim().equals("lo")) {
          continue;
        }
        String[] fields = line.substring(colon + 1).trim().split("\\s+");
        if (fields.length >= 9) {
          rx += Long.parseLong(fields[0]);
          tx += Long.parseLong(fields[8]);
        }
      }
      return new long[] {rx, tx};
    } catch (IOException | RuntimeException e) {
      log.trace("no /proc/net/dev, using this server's own byte counts", e);
      return null;
    }
  }
}
