package dev.realtime.bench.broker;

import static dev.realtime.bench.CommandLine.loadAverage;
import static dev.realtime.bench.CommandLine.option;

import dev.realtime.broker.Publication;
import dev.realtime.broker.PublishOptions;
import dev.realtime.broker.redis.RedisBroker;
import dev.realtime.testing.redis.RedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The cost of one publish with history on a local Redis, through the real {@link RedisBroker}
 * path: the Lua script (idempotency check, offset, capped XADD, TTLs, PUBLISH) over one Lettuce
 * connection, with N publishes in flight (pipelined on that connection).
 *
 * <p>For each in-flight level it prints client-side throughput (and so µs per publish), latency
 * percentiles, and Redis's own CPU time per publish ({@code INFO cpu} before and after), which is
 * the figure comparable across machines and clients.
 *
 * <p>Usage: {@code java -cp realtime-bench.jar dev.realtime.bench.broker.PublishCost [--uri
 * redis://host:port] [--seconds 10] [--warmup 3] [--in-flight 1,16,128] [--payload 100]
 * [--channels 10] [--subscribers 1] [--history true]}. Without {@code --uri} it starts its own
 * {@code redis-server} (no persistence) on a free port.
 */
public final class PublishCost {

  private PublishCost() {}

  /** Runs the measurement and prints the figures. */
  public static void main(String[] args) throws Exception {
    String uri = option(args, "--uri", null);
    int seconds = Integer.parseInt(option(args, "--seconds", "10"));
    int warmup = Integer.parseInt(option(args, "--warmup", "3"));
    int[] inFlight =
        Arrays.stream(option(args, "--in-flight", "1,16,128").split(",")).mapToInt(Integer::parseInt).toArray();
    int payloadSize = Integer.parseInt(option(args, "--payload", "100"));
    int channels = Integer.parseInt(option(args, "--channels", "10"));
    int subscribers = Integer.parseInt(option(args, "--subscribers", "1"));
    boolean history = Boolean.parseBoolean(option(args, "--history", "true"));

    RedisServer server = uri == null ? RedisServer.start() : null;
    String target = uri != null ? uri : server.uri();
    RedisClient infoClient = RedisClient.create(target);
    StatefulRedisConnection<String, String> info = infoClient.connect();
    RedisBroker publisher = RedisBroker.builder(target).nodeId("publisher").build();
    publisher.start();
    List<RedisBroker> nodes = new ArrayList<>();
    LongAdder delivered = new LongAdder();
    for (int n = 0; n < subscribers; n++) {
      RedisBroker node = RedisBroker.builder(target).nodeId("subscriber-" + n).build();
      node.start();
      for (int c = 0; c < channels; c++) {
        node.subscribe("bench." + c, (Publication p) -> delivered.increment()).join();
      }
      nodes.add(node);
    }
    byte[] payload = new byte[payloadSize];
    Arrays.fill(payload, (byte) 'x');
    PublishOptions options = PublishOptions.defaults().withHistory(history);

    System.out.printf(
        Locale.ROOT,
        "redis %s, %d-byte payload, %d channels, %d subscribing node(s), history %s, %d cores, load %.2f%n",
        target, payloadSize, channels, subscribers, history,
        Runtime.getRuntime().availableProcessors(), loadAverage());
    System.out.println("in-flight  publishes/s  us/publish  p50 us  p99 us  redis-cpu us/publish  delivered");
    try {
      for (int level : inFlight) {
        run(publisher, options, payload, channels, level, warmup, null, delivered);
        Result result = run(publisher, options, payload, channels, level, seconds, info, delivered);
        System.out.printf(
            Locale.ROOT,
            "%9d  %11.0f  %10.2f  %6.0f  %6.0f  %20.2f  %9d%n",
            level,
            result.perSecond(),
            1e6 / result.perSecond(),
            result.p50Micros,
            result.p99Micros,
            result.redisCpuMicros / result.publishes,
            result.delivered);
      }
    } finally {
      nodes.forEach(RedisBroker::close);
      publisher.close();
      info.close();
      infoClient.shutdown();
      if (server != null) {
        server.close();
      }
    }
    System.out.printf(Locale.ROOT, "load after: %.2f%n", loadAverage());
  }

  /** The figures of one timed run. */
  private record Result(
      long publishes, double seconds, double p50Micros, double p99Micros, double redisCpuMicros, long delivered) {
    double perSecond() {
      return publishes / seconds;
    }
  }

  private static Result run(
      RedisBroker publisher,
      PublishOptions options,
      byte[] payload,
      int channels,
      int inFlight,
      int seconds,
      StatefulRedisConnection<String, String> info,
      LongAdder delivered)
      throws InterruptedException {
    Semaphore slots = new Semaphore(inFlight);
    AtomicLong completed = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    long[] latencies = new long[1 << 20];
    AtomicLong sampled = new AtomicLong();
    double cpuBefore = info != null ? redisCpuSeconds(info) : 0;
    long deliveredBefore = delivered.sum();
    long start = System.nanoTime();
    long end = start + TimeUnit.SECONDS.toNanos(seconds);
    long sent = 0;
    while (System.nanoTime() < end) {
      slots.acquire();
      long began = System.nanoTime();
      publisher
          .publish("bench." + (sent++ % channels), payload, options)
          .whenComplete(
              (result, failure) -> {
                long index = sampled.getAndIncrement();
                if (index < latencies.length) {
                  latencies[(int) index] = System.nanoTime() - began;
                }
                if (failure != null) {
                  failed.incrementAndGet();
                } else {
                  completed.incrementAndGet();
                }
                slots.release();
              });
    }
    slots.acquire(inFlight);
    double elapsed = (System.nanoTime() - start) / 1e9;
    double cpu = info != null ? (redisCpuSeconds(info) - cpuBefore) * 1e6 : 0;
    if (failed.get() > 0) {
      System.out.println("  " + failed.get() + " publishes failed");
    }
    int samples = (int) Math.min(sampled.get(), latencies.length);
    long[] sorted = Arrays.copyOf(latencies, samples);
    Arrays.sort(sorted);
    return new Result(
        completed.get(),
        elapsed,
        percentile(sorted, 0.50) / 1e3,
        percentile(sorted, 0.99) / 1e3,
        cpu,
        delivered.sum() - deliveredBefore);
  }

  private static double redisCpuSeconds(StatefulRedisConnection<String, String> info) {
    double total = 0;
    for (String line : info.sync().info("cpu").split("\r?\n")) {
      if (line.startsWith("used_cpu_sys:") || line.startsWith("used_cpu_user:")) {
        total += Double.parseDouble(line.substring(line.indexOf(':') + 1).trim());
      }
    }
    return total;
  }

  private static double percentile(long[] sorted, double quantile) {
    if (sorted.length == 0) {
      return 0;
    }
    return sorted[Math.min(sorted.length - 1, (int) (quantile * sorted.length))];
  }
}
