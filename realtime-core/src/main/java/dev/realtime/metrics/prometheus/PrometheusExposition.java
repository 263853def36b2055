package dev.realtime.metrics.prometheus;

import dev.realtime.metrics.MetricsSnapshot;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Writes metric families in the Prometheus text exposition format, version 0.0.4.
 *
 * <p>The library's own metrics come from {@link #families(MetricsSnapshot)}; an application may
 * append its own families and render them together with {@link #render(List)}.
 */
public final class PrometheusExposition {

  /** The HTTP {@code Content-Type} of the output of {@link #render(List)}. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private PrometheusExposition() {}

  /**
   * Returns whether an HTTP {@code Accept} header asks for Prometheus text: it names {@code
   * text/plain} or OpenMetrics, as Prometheus scrapers send; browsers, {@code fetch()} and a
   * missing ({@code null}) header get JSON.
   */
  public static boolean acceptsText(String acceptHeader) {
    if (acceptHeader == null) {
      return false;
    }
    String accept = acceptHeader.toLowerCase(Locale.ROOT);
    // OpenMetrics requesters also list text/plain;version=0.0.4, which is what they get back.
    return accept.contains("text/plain") || accept.contains("application/openmetrics-text");
  }

  /** Returns the library's metric families for a snapshot, all prefixed {@code realtime_}. */
  public static List<MetricFamily> families(MetricsSnapshot snapshot) {
    Objects.requireNonNull(snapshot, "snapshot");
    return List.of(
        MetricFamily.counter(
            "realtime_connections_opened_total",
            "Connections accepted and handed to a hub.",
            snapshot.totalConnections()),
        MetricFamily.gauge(
            "realtime_connections_active", "Connections open now.", snapshot.activeConnections()),
        MetricFamily.counter(
            "realtime_handshakes_rejected_total",
            "Handshakes refused before reaching a hub (origin, authentication, limits, path).",
            snapshot.handshakesRejected()),
        MetricFamily.counter(
            "realtime_messages_received_total",
            "Messages received from clients.",
            snapshot.messagesReceived()),
        MetricFamily.counter(
            "realtime_messages_sent_total",
            "Messages handed to client transports.",
            snapshot.messagesSent()),
        MetricFamily.counter(
            "realtime_received_bytes_total",
            "Payload bytes received from clients.",
            snapshot.bytesReceived()),
        MetricFamily.counter(
            "realtime_sent_bytes_total",
            "Payload bytes handed to client transports.",
            snapshot.bytesSent()),
        MetricFamily.counter(
            "realtime_errors_total",
            "Bad input or failures while handling clients.",
            snapshot.errorsCount()),
        MetricFamily.counter(
            "realtime_slow_consumer_disconnects_total",
            "Clients disconnected with close code 1013 because their outbound queue was full.",
            snapshot.slowConsumerDisconnects()),
        MetricFamily.counter(
            "realtime_messages_dropped_total",
            "Outbound messages dropped because a lossy client's queue was full.",
            snapshot.messagesDropped()),
        MetricFamily.gauge("realtime_rooms", "Rooms that exist now.", snapshot.rooms()),
        MetricFamily.gauge(
            "realtime_start_time_seconds",
            "Unix time when counting began.",
            snapshot.startedAt().toEpochMilli() / 1000.0),
        MetricFamily.gauge(
            "realtime_uptime_seconds",
            "Seconds since counting began.",
            snapshot.uptime().toMillis() / 1000.0),
        MetricFamily.gauge(
            "realtime_last_activity_timestamp_seconds",
            "Unix time of the last connection or message event.",
            snapshot.lastActivity().toEpochMilli() / 1000.0),
        MetricFamily.counter(
            "realtime_broker_publishes_total",
            "Publications the broker accepted.",
            snapshot.broker().publishes()),
        MetricFamily.counter(
            "realtime_broker_publish_failures_total",
            "Publishes that failed; their senders were told.",
            snapshot.broker().publishFailures()),
        MetricFamily.counter(
            "realtime_broker_publish_seconds_total",
            "Time publishes took until the broker acknowledged them, summed.",
            snapshot.broker().publishLatencyTotalNanos() / 1e9),
        MetricFamily.counter(
            "realtime_broker_publish_timed_total",
            "Publishes whose time was measured (divide the sum by it for the mean).",
            snapshot.broker().publishLatencyCount()),
        MetricFamily.counter(
            "realtime_broker_gaps_detected_total",
            "Gaps a node found in a channel's offsets.",
            snapshot.broker().gapsDetected()),
        MetricFamily.counter(
            "realtime_broker_gaps_filled_total",
            "Gaps filled from history.",
            snapshot.broker().gapsFilled()),
        MetricFamily.counter(
            "realtime_broker_messages_dropped_total",
            "Publications dropped at a node's full handoff queue.",
            snapshot.broker().messagesDropped()),
        MetricFamily.counter(
            "realtime_broker_reconnects_total",
            "Broker connections that came back after a loss.",
            snapshot.broker().reconnects()));
  }

  /** Renders the library's families for a snapshot followed by the application's own. */
  public static String render(MetricsSnapshot snapshot, List<MetricFamily> extra) {
    List<MetricFamily> all = new ArrayList<>(families(snapshot));
    all.addAll(Objects.requireNonNull(extra, "extra"));
    return render(all);
  }

  /**
   * Renders families as exposition text ending in a newline.
   *
   * @throws IllegalArgumentException if two families share a name, which the format forbids
   */
  public static String render(List<MetricFamily> families) {
    Objects.requireNonNull(families, "families");
    Set<String> names = new HashSet<>();
    StringBuilder out = new StringBuilder(families.size() * 128);
    for (MetricFamily family : families) {
      if (!names.add(family.name())) {
        throw new IllegalArgumentException("metric family written twice: " + family.name());
      }
      out.append("# HELP ").append(family.name()).append(' ');
      out.append(escapeHelp(family.help())).append('\n');
      out.append("# TYPE ").append(family.name()).append(' ');
      out.append(family.type().exposedName()).append('\n');
      for (Sample sample : family.samples()) {
        out.append(family.name());
        appendLabels(out, sample.labels());
        out.append(' ').append(formatValue(sample.value())).append('\n');
      }
    }
    return out.toString();
  }

  /** Writes a value as Go's ParseFloat reads it: integers without a fraction, NaN, +Inf, -Inf. */
  static String formatValue(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "+Inf" : "-Inf";
    }
    // Exact below 2^53, so counters read back as the integers they are.
    if (value == Math.rint(value) && Math.abs(value) < 0x1p53) {
      return Long.toString((long) value);
    }
    return Double.toString(value);
  }

  /** HELP text escapes only backslash and line feed. */
  static String escapeHelp(String help) {
    return help.replace("\\", "\\\\").replace("\n", "\\n");
  }

  /** Label values also escape the double quote that would end them. */
  static String escapeLabelValue(String text) {
    return text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  private static void appendLabels(StringBuilder out, Map<String, String> labels) {
    if (labels.isEmpty()) {
      return;
    }
    out.append('{');
    String separator = "";
    for (Map.Entry<String, String> label : labels.entrySet()) {
      out.append(separator).append(label.getKey()).append("=\"");
      out.append(escapeLabelValue(label.getValue())).append('"');
      separator = ",";
    }
    out.append('}');
  }
}
