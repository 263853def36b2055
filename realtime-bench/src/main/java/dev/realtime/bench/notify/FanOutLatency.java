package dev.realtime.bench.notify;

import dev.realtime.examples.notifications.NotificationJson;
import dev.realtime.examples.notifications.NotificationService;
import dev.realtime.hub.Hub;
import dev.realtime.notify.Notification;
import dev.realtime.notify.NotificationFilter;
import dev.realtime.notify.center.NotificationCenter;
import dev.realtime.protocol.Json;
import dev.realtime.transport.ConnectionListener;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Publish-to-delivery latency of one notification fanned out to many connected clients with mixed
 * filters, in process: the example's {@link NotificationService} and hub with their real sinks
 * (filter, encode, slow-consumer check, queue), over {@link RecordingConnection}s that stand in for
 * sockets. A delivery's latency runs from just before {@code publish} to that client's queueing.
 *
 * <p>Usage: {@code java -cp realtime-bench.jar dev.realtime.bench.notify.FanOutLatency [clients]
 * [publishes] [warmup publishes]} (defaults 10000 500 200).
 */
public final class FanOutLatency {

  private FanOutLatency() {}

  /** Runs the measurement and prints the figures. */
  public static void main(String[] args) {
    int clients = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int publishes = args.length > 1 ? Integer.parseInt(args[1]) : 500;
    int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 200;

    NotificationCenter center = NotificationCenter.inMemory();
    NotificationService service =
        new NotificationService(center, Hub.builder(), Clock.systemUTC());
    ConnectionListener listener = service.hub().listener();
    List<NotificationFilter> filters = Workload.filters();
    RecordingConnection[] connections = new RecordingConnection[clients];
    for (int i = 0; i < clients; i++) {
      connections[i] = new RecordingConnection(i, "/notifications?username=u" + i + "&role=user");
      listener.onOpen(connections[i]);
      String command = "{\"command\":\"update_filters\",\"filters\":"
          + Json.encode(NotificationJson.toJson(filters.get(i % filters.size()))) + "}";
      listener.onText(connections[i], command);
    }

    List<Notification.Builder> drafts = Workload.drafts(warmup + publishes);
    for (int i = 0; i < warmup; i++) {
      center.publish(drafts.get(i));
    }
    int[] seen = new int[clients];
    for (int c = 0; c < clients; c++) {
      seen[c] = connections[c].notifications();
    }
    long[] deliveries = new long[clients * publishes];
    long[] publishCalls = new long[publishes];
    int count = 0;
    for (int p = 0; p < publishes; p++) {
      Notification.Builder draft = drafts.get(warmup + p);
      long start = System.nanoTime();
      center.publish(draft);
      publishCalls[p] = System.nanoTime() - start;
      // Delivery runs on the publishing thread, so every send has happened once publish returns.
      for (int c = 0; c < clients; c++) {
        int now = connections[c].notifications();
        if (now != seen[c]) {
          deliveries[count++] = connections[c].lastNotificationNanos() - start;
          seen[c] = now;
        }
      }
    }
    long[] latencies = Arrays.copyOf(deliveries, count);
    Arrays.sort(latencies);
    Arrays.sort(publishCalls);
    System.out.printf(Locale.ROOT,
        "clients=%d publishes=%d (after %d warm-up) deliveries=%d (%.0f per publish)%n",
        clients, publishes, warmup, count, (double) count / publishes);
    System.out.printf(Locale.ROOT,
        "publish-to-delivery per client: p50=%s p90=%s p99=%s max=%s%n",
        micros(latencies, 0.50), micros(latencies, 0.90), micros(latencies, 0.99), micros(latencies, 1.0));
    System.out.printf(Locale.ROOT,
        "publish call (until the last client queued it): p50=%s p99=%s max=%s%n",
        micros(publishCalls, 0.50), micros(publishCalls, 0.99), micros(publishCalls, 1.0));
  }

  private static String micros(long[] sorted, double quantile) {
    if (sorted.length == 0) {
      return "n/a";
    }
    int index = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
    return String.format(Locale.ROOT, "%.1f µs", sorted[Math.max(0, index)] / 1_000.0);
  }
}
