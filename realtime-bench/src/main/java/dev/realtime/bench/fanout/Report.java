package dev.realtime.bench.fanout;

import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/** The figures of one run, printed as readable lines and as one JSON line. */
final class Report {
  Options options;
  long connected;
  long failed;
  Map<String, Long> failures = Map.of();
  double connectSeconds;
  int openAfterConnect;
  int openAtEnd;
  double measuredSeconds;
  long sent;
  long skippedSends;
  long expected;
  long delivered;
  long duplicates;
  long misrouted;
  long warmupDelivered;
  double drainSeconds;
  double settleSeconds;
  LatencyHistogram latency = new LatencyHistogram();
  LatencyHistogram toServer = new LatencyHistogram();
  LatencyHistogram fromServer = new LatencyHistogram();
  LatencyHistogram sameNode = new LatencyHistogram();
  LatencyHistogram otherNode = new LatencyHistogram();
  long listed;
  double listSeconds;
  double quietAfterSeconds;
  long errorFrames;
  long otherMessages;
  long otherFrames;
  long pingsAnswered;
  long ioErrors;
  Map<Integer, Long> serverCloses = Map.of();
  Map<String, Long> errorCodes = Map.of();
  long[] worstBySecond = new long[0];
  double toolCpuSeconds;
  /** Analytics: clients with their initial_stats when publishing began, and what the publisher saw. */
  long readyAtMeasure;
  long eventsTaken;
  long eventsNotTaken;
  long publishErrors;
  long clientsMissing;
  long outOfOrder;
  long heartbeats;

  /** Connections per second over the ramp. */
  double connectRate() {
    return connectSeconds <= 0 ? 0 : connected / connectSeconds;
  }

  /** Share of the expected deliveries that never arrived, in percent. */
  double lossPercent() {
    return expected == 0 ? 0 : Math.max(0, expected - delivered) * 100.0 / expected;
  }

  /** Deliveries per second over the time they took to arrive: the measured phase plus the drain. */
  double deliveriesPerSecond() {
    double seconds = measuredSeconds + drainSeconds;
    return seconds <= 0 ? 0 : delivered / seconds;
  }

  /** Deliveries per second the senders asked for. */
  double offeredPerSecond() {
    return measuredSeconds <= 0 ? 0 : expected / measuredSeconds;
  }

  /** Failed connection attempts as a percentage of all attempts. */
  double failurePercent() {
    return options.clients() == 0 ? 0 : failed * 100.0 / options.clients();
  }

  /** 0 if the run is acceptable, 1 if too many connections failed. */
  int exitCode() {
    return failurePercent() > options.maxFailurePercent() ? 1 : 0;
  }

  /** Analytics: deliveries due and never made. */
  long missing() {
    return Math.max(0, expected - delivered);
  }

  /** Analytics: delivered share of what was due, in percent. */
  double deliveredPercent() {
    return expected == 0 ? 0 : delivered * 100.0 / expected;
  }

  /** Analytics: measured events published per second. */
  double publishedPerSecond() {
    return measuredSeconds <= 0 ? 0 : sent / measuredSeconds;
  }

  /** Human-readable summary lines. */
  String text() {
    if (options.analytics()) {
      return analyticsText();
    }
    StringBuilder out = new StringBuilder();
    line(out, "target       ws://%s:%s%s  mode=%s%s", options.host(), portList(), options.path(), options.mode(),
        options.nodes() > 1 ? "  (" + options.nodes() + " nodes, each room's members dealt over them)" : "");
    if (options.ramp()) {
      line(out, "plan         %d clients joining %d rooms", options.clients(), options.rooms());
    } else if (options.idle()) {
      line(out, "plan         %d idle clients in %d rooms, held %.1f s", options.clients(), options.rooms(),
          options.hold().toMillis() / 1000.0);
    } else {
      line(out, "plan         %d clients in %d rooms, %d senders x %s msg/s, payload %d B, %.1f s measured after %.1f s warm-up",
          options.clients(), options.rooms(), options.senders(), number(options.rate()), options.payloadBytes(),
          options.duration().toMillis() / 1000.0, options.warmup().toMillis() / 1000.0);
    }
    line(out, "connect      %d ok, %d failed (%.2f%%) in %.2f s = %.0f conn/s%s", connected, failed, failurePercent(),
        connectSeconds, connectRate(), failures.isEmpty() ? "" : "  " + failures);
    line(out, "open         %d after connecting, %d at the end", openAfterConnect, openAtEnd);
    if (options.ramp() || listed > 0) {
      line(out, "user lists   %d of %d connected clients got their room's list; the last %.2f s after the first attempt",
          listed, connected, listSeconds);
    }
    if (options.ramp()) {
      line(out, "settled      the last frame (join notices, presence changes) arrived %.1f s after the first attempt",
          quietAfterSeconds);
    }
    if (!options.idle() && !options.ramp()) {
      line(out, "sent         %d messages in %.2f s (%d skipped: sender not open)", sent, measuredSeconds, skippedSends);
      line(out, "delivered    %d of %d expected, loss %.3f%% (not delivered by the end of the drain), duplicates %d, misrouted %d (drain %.2f s)",
          delivered, expected, lossPercent(), duplicates, misrouted, drainSeconds);
      line(out, "throughput   %.0f deliveries/s (offered %.0f/s; settled %.1f s after connecting)",
          deliveriesPerSecond(), offeredPerSecond(), settleSeconds);
      line(out, "latency ms   p50 %s  p90 %s  p99 %s  p99.9 %s  max %s  (%d samples)",
          millis(latency.percentile(50)), millis(latency.percentile(90)), millis(latency.percentile(99)),
          millis(latency.percentile(99.9)), millis(latency.max()), latency.count());
      if (toServer.count() > 0) {
        line(out, "split ms     send->server stamp p50 %s p99 %s max %s | stamp->read p50 %s p99 %s max %s  (1 in 16 sampled)",
            millis(toServer.percentile(50)), millis(toServer.percentile(99)), millis(toServer.max()),
            millis(fromServer.percentile(50)), millis(fromServer.percentile(99)), millis(fromServer.max()));
      }
      if (options.nodes() > 1) {
        line(out, "by node ms   receiver on the sender's node p50 %s p99 %s (%d) | on another node p50 %s p99 %s (%d)",
            millis(sameNode.percentile(50)), millis(sameNode.percentile(99)), sameNode.count(),
            millis(otherNode.percentile(50)), millis(otherNode.percentile(99)), otherNode.count());
      }
      line(out, "worst ms/s   %s  (max latency of the messages sent in each second)", worstBySecondMillis());
    }
    line(out, "other        error frames %d%s, other chat messages %d, other frames %d, pings answered %d, I/O errors %d",
        errorFrames, errorCodes.isEmpty() ? "" : " " + errorCodes, otherMessages, otherFrames, pingsAnswered, ioErrors);
    line(out, "closed by    server: %s", serverCloses.isEmpty() ? "none" : serverCloses);
    line(out, "tool CPU     %.2f s (user + system, whole process)", toolCpuSeconds);
    return out.toString();
  }

  /** The worst latency of each measured second, in whole milliseconds, space-separated. */
  private String worstBySecondMillis() {
    StringJoiner worst = new StringJoiner(" ");
    for (long micros : worstBySecond) {
      worst.add(Long.toString(Math.round(micros / 1000.0)));
    }
    return worst.toString();
  }

  private String analyticsText() {
    StringBuilder out = new StringBuilder();
    line(out, "analytics    %d clients on %d node(s), %s events/s offered, %.1f published: %.0f deliveries/s, "
        + "%.3f%% delivered, %d missing, %d duplicates, p50 %s p99 %s max %s ms, tool CPU %.2f s",
        options.clients(), options.nodes(), number(options.rate()), publishedPerSecond(), deliveriesPerSecond(),
        deliveredPercent(), missing(), duplicates, millis(latency.percentile(50)), millis(latency.percentile(99)),
        millis(latency.max()), toolCpuSeconds);
    line(out, "target       ws://%s:%s%s  (clients dealt round-robin over the nodes)", options.host(), portList(),
        options.path());
    line(out, "plan         %d clients, %s events/s by PUBLISH %s on %s, %.1f s measured after %.1f s warm-up",
        options.clients(), number(options.rate()), FeedPublisher.CHANNEL, options.redis(),
        options.duration().toMillis() / 1000.0, options.warmup().toMillis() / 1000.0);
    line(out, "connect      %d ok, %d failed (%.2f%%) in %.2f s = %.0f conn/s%s", connected, failed, failurePercent(),
        connectSeconds, connectRate(), failures.isEmpty() ? "" : "  " + failures);
    line(out, "ready        %d had initial_stats when publishing began (%d in all, the last %.2f s after the first attempt); %d open at the end",
        readyAtMeasure, listed, listSeconds, openAtEnd);
    line(out, "published    %d measured events in %.2f s = %.1f/s; a node took %d, none took %d (warm-up included), errors %d",
        sent, measuredSeconds, publishedPerSecond(), eventsTaken, eventsNotTaken, publishErrors);
    line(out, "delivered    %d of %d due (%.3f%%): missing %d, clients missing any %d, duplicates %d, out of order %d (drain %.2f s)",
        delivered, expected, deliveredPercent(), missing(), clientsMissing, duplicates, outOfOrder, drainSeconds);
    line(out, "throughput   %.0f deliveries/s over the measured phase and drain (due %.0f/s)", deliveriesPerSecond(),
        offeredPerSecond());
    line(out, "latency ms   p50 %s  p90 %s  p99 %s  p99.9 %s  max %s  (publish -> receipt, every delivery timed; %d samples)",
        millis(latency.percentile(50)), millis(latency.percentile(90)), millis(latency.percentile(99)),
        millis(latency.percentile(99.9)), millis(latency.max()), latency.count());
    if (options.nodes() > 1) {
      line(out, "by node ms   clients of the first node p50 %s p99 %s (%d) | of the others p50 %s p99 %s (%d)",
          millis(sameNode.percentile(50)), millis(sameNode.percentile(99)), sameNode.count(),
          millis(otherNode.percentile(50)), millis(otherNode.percentile(99)), otherNode.count());
    }
    line(out, "worst ms/s   %s  (max latency of the events published in each second)", worstBySecondMillis());
    line(out, "other        heartbeats %d, error frames %d%s, other frames %d, pings answered %d, I/O errors %d",
        heartbeats, errorFrames, errorCodes.isEmpty() ? "" : " " + errorCodes, otherFrames, pingsAnswered, ioErrors);
    line(out, "closed by    server: %s", serverCloses.isEmpty() ? "none" : serverCloses);
    line(out, "tool CPU     %.2f s (user + system, whole process)", toolCpuSeconds);
    return out.toString();
  }

  /** One JSON object on one line, for scripts. */
  String json() {
    StringJoiner json = new StringJoiner(",", "{", "}");
    field(json, "tool", quote("fanout"));
    field(json, "mode", quote(options.mode()));
    field(json, "nodes", options.nodes());
    field(json, "clients", options.clients());
    field(json, "rooms", options.rooms());
    field(json, "senders", options.senders());
    field(json, "rate_per_sender", number(options.rate()));
    field(json, "payload_bytes", options.payloadBytes());
    field(json, "connected", connected);
    field(json, "connect_failed", failed);
    field(json, "connect_seconds", fixed(connectSeconds, 3));
    field(json, "connect_rate", fixed(connectRate(), 1));
    field(json, "open_after_connect", openAfterConnect);
    field(json, "open_at_end", openAtEnd);
    field(json, "listed", listed);
    field(json, "lists_seconds", fixed(listSeconds, 3));
    field(json, "measured_seconds", fixed(measuredSeconds, 3));
    field(json, "sent", sent);
    field(json, "skipped_sends", skippedSends);
    field(json, "expected", expected);
    field(json, "delivered", delivered);
    field(json, "loss_percent", fixed(lossPercent(), 4));
    field(json, "duplicates", duplicates);
    field(json, "misrouted", misrouted);
    field(json, "deliveries_per_second", fixed(deliveriesPerSecond(), 1));
    field(json, "offered_per_second", fixed(offeredPerSecond(), 1));
    field(json, "settle_seconds", fixed(settleSeconds, 3));
    field(json, "quiet_after_seconds", fixed(quietAfterSeconds, 3));
    field(json, "latency_ms_p50", millis(latency.percentile(50)));
    field(json, "latency_ms_p90", millis(latency.percentile(90)));
    field(json, "latency_ms_p99", millis(latency.percentile(99)));
    field(json, "latency_ms_p999", millis(latency.percentile(99.9)));
    field(json, "latency_ms_max", millis(latency.max()));
    field(json, "to_server_ms_p99", millis(toServer.percentile(99)));
    field(json, "from_server_ms_p99", millis(fromServer.percentile(99)));
    field(json, "same_node_ms_p50", millis(sameNode.percentile(50)));
    field(json, "same_node_ms_p99", millis(sameNode.percentile(99)));
    field(json, "other_node_ms_p50", millis(otherNode.percentile(50)));
    field(json, "other_node_ms_p99", millis(otherNode.percentile(99)));
    field(json, "error_frames", errorFrames);
    field(json, "io_errors", ioErrors);
    field(json, "pings_answered", pingsAnswered);
    field(json, "tool_cpu_seconds", fixed(toolCpuSeconds, 2));
    if (options.analytics()) {
      field(json, "events_per_second_offered", number(options.rate()));
      field(json, "events_per_second_published", fixed(publishedPerSecond(), 1));
      field(json, "events_taken", eventsTaken);
      field(json, "events_not_taken", eventsNotTaken);
      field(json, "publish_errors", publishErrors);
      field(json, "ready_clients", readyAtMeasure);
      field(json, "delivered_percent", fixed(deliveredPercent(), 4));
      field(json, "missing", missing());
      field(json, "clients_missing", clientsMissing);
      field(json, "out_of_order", outOfOrder);
      field(json, "heartbeats", heartbeats);
    }
    StringJoiner closes = new StringJoiner(",", "{", "}");
    serverCloses.forEach((code, count) -> closes.add(quote(code.toString()) + ":" + count));
    field(json, "server_closes", closes.toString());
    StringJoiner reasons = new StringJoiner(",", "{", "}");
    failures.forEach((reason, count) -> reasons.add(quote(reason) + ":" + count));
    field(json, "connect_failures", reasons.toString());
    StringJoiner errors = new StringJoiner(",", "{", "}");
    errorCodes.forEach((code, count) -> errors.add(quote(code) + ":" + count));
    field(json, "error_codes", errors.toString());
    return json.toString();
  }

  private String portList() {
    StringJoiner ports = new StringJoiner(",");
    options.ports().forEach(port -> ports.add(port.toString()));
    return options.nodes() == 1 ? ports.toString() : "{" + ports + "}";
  }

  private static void line(StringBuilder out, String format, Object... args) {
    out.append(String.format(Locale.ROOT, format, args)).append('\n');
  }

  private static void field(StringJoiner json, String name, Object value) {
    json.add(quote(name) + ":" + value);
  }

  private static String millis(long micros) {
    return fixed(micros / 1000.0, 3);
  }

  private static String fixed(double value, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f", value);
  }

  static String number(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }

  private static String quote(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
