package dev.realtime.metrics.prometheus;

import dev.realtime.metrics.MetricsSnapshot;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.MetricType;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.MetricFamilyDescriptor;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * The library's metrics in the Prometheus text exposition format, version 0.0.4, for a {@code
 * /metrics} endpoint.
 *
 * <p>{@link #families(MetricsSnapshot)} turns a snapshot into the Prometheus Java client's own
 * model ({@code io.prometheus.metrics.model}), and the client's {@link PrometheusTextFormatWriter}
 * writes it, so escaping, name rules and number formatting follow the format's reference
 * implementation. An application adds its own families, built with the same model, to {@link
 * #render(MetricsSnapshot, List)}.
 */
public final class PrometheusExposition {

  /** The HTTP {@code Content-Type} of what {@link #render} returns. */
  public static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

  /** One family of the library: its name (a counter's without {@code _total}), help and value. */
  private record Family(
      String name, String help, boolean counter, ToDoubleFunction<MetricsSnapshot> value) {}

  private static final List<Family> FAMILIES = List.of(
      counter("realtime_connections_opened", "Connections accepted and handed to a hub.",
          MetricsSnapshot::totalConnections),
      gauge("realtime_connections_active", "Connections open now.",
          MetricsSnapshot::activeConnections),
      counter("realtime_handshakes_rejected",
          "Handshakes refused before reaching a hub (origin, authentication, limits, path).",
          MetricsSnapshot::handshakesRejected),
      counter("realtime_messages_received", "Messages received from clients.",
          MetricsSnapshot::messagesReceived),
      counter("realtime_messages_sent", "Messages handed to client transports.",
          MetricsSnapshot::messagesSent),
      counter("realtime_received_bytes", "Payload bytes received from clients.",
          MetricsSnapshot::bytesReceived),
      counter("realtime_sent_bytes", "Payload bytes handed to client transports.",
          MetricsSnapshot::bytesSent),
      counter("realtime_errors", "Bad input or failures while handling clients.",
          MetricsSnapshot::errorsCount),
      counter("realtime_slow_consumer_disconnects",
          "Clients disconnected with close code 1013 because their outbound queue was full.",
          MetricsSnapshot::slowConsumerDisconnects),
      counter("realtime_messages_dropped",
          "Outbound messages dropped because a lossy client's queue was full.",
          MetricsSnapshot::messagesDropped),
      gauge("realtime_rooms", "Rooms that exist now.", MetricsSnapshot::rooms),
      gauge("realtime_start_time_seconds", "Unix time when counting began.",
          snapshot -> snapshot.startedAt().toEpochMilli() / 1000.0),
      gauge("realtime_uptime_seconds", "Seconds since counting began.",
          snapshot -> snapshot.uptime().toMillis() / 1000.0),
      gauge("realtime_last_activity_timestamp_seconds",
          "Unix time of the last connection or message event.",
          snapshot -> snapshot.lastActivity().toEpochMilli() / 1000.0),
      counter("realtime_broker_publishes", "Publications the broker accepted.",
          snapshot -> snapshot.broker().publishes()),
      counter("realtime_broker_publish_failures", "Publishes that failed; their senders were told.",
          snapshot -> snapshot.broker().publishFailures()),
      counter("realtime_broker_publish_seconds",
          "Time publishes took until the broker acknowledged them, summed.",
          snapshot -> snapshot.broker().publishLatencyTotalNanos() / 1e9),
      counter("realtime_broker_publish_timed",
          "Publishes whose time was measured (divide the sum by it for the mean).",
          snapshot -> snapshot.broker().publishLatencyCount()),
      counter("realtime_broker_gaps_detected", "Gaps a node found in a channel's offsets.",
          snapshot -> snapshot.broker().gapsDetected()),
      counter("realtime_broker_gaps_filled", "Gaps filled from history.",
          snapshot -> snapshot.broker().gapsFilled()),
      counter("realtime_broker_messages_dropped",
          "Publications dropped at a node's full handoff queue.",
          snapshot -> snapshot.broker().messagesDropped()),
      counter("realtime_broker_reconnects", "Broker connections that came back after a loss.",
          snapshot -> snapshot.broker().reconnects()));

  // Immutable and thread-safe: the writer holds only its two construction flags.
  private static final PrometheusTextFormatWriter WRITER = PrometheusTextFormatWriter.create();

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

  /**
   * Describes the library's families without taking a snapshot: name (a counter's without {@code
   * _total}, all prefixed {@code realtime_}), type and help, as a registry checks them.
   */
  public static List<MetricFamilyDescriptor> descriptors() {
    return FAMILIES.stream()
        .map(family -> MetricFamilyDescriptor.of(
            family.counter() ? MetricType.COUNTER : MetricType.GAUGE,
            new MetricMetadata(family.name(), family.help())))
        .toList();
  }

  /** Returns the library's metric families for a snapshot, in the client's model. */
  public static List<MetricSnapshot> families(MetricsSnapshot snapshot) {
    Objects.requireNonNull(snapshot, "snapshot");
    List<MetricSnapshot> families = new ArrayList<>(FAMILIES.size());
    for (Family family : FAMILIES) {
      double value = family.value().applyAsDouble(snapshot);
      families.add(family.counter()
          ? CounterSnapshot.builder().name(family.name()).help(family.help())
              .dataPoint(CounterDataPointSnapshot.builder().value(value).build()).build()
          : GaugeSnapshot.builder().name(family.name()).help(family.help())
              .dataPoint(GaugeDataPointSnapshot.builder().value(value).build()).build());
    }
    return List.copyOf(families);
  }

  /**
   * Renders the library's families for a snapshot together with the application's own.
   *
   * @throws IllegalArgumentException if two families share a name, which the format forbids
   */
  public static String render(MetricsSnapshot snapshot, List<? extends MetricSnapshot> extra) {
    List<MetricSnapshot> all = new ArrayList<>(families(snapshot));
    all.addAll(Objects.requireNonNull(extra, "extra"));
    Set<String> names = new HashSet<>();
    for (MetricSnapshot family : all) {
      String name = family.getMetadata().getPrometheusName();
      if (!names.add(name)) {
        throw new IllegalArgumentException("metric family written twice: " + name);
      }
    }
    return render(new MetricSnapshots(all));
  }

  /** Renders families as text format 0.0.4, ending in a newline (empty for no families). */
  public static String render(MetricSnapshots families) {
    Objects.requireNonNull(families, "families");
    ByteArrayOutputStream out = new ByteArrayOutputStream(families.size() * 160);
    try {
      WRITER.write(out, families);
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory failed", e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static Family counter(
      String name, String help, ToDoubleFunction<MetricsSnapshot> value) {
    return new Family(name, help, true, value);
  }

  private static Family gauge(String name, String help, ToDoubleFunction<MetricsSnapshot> value) {
    return new Family(name, help, false, value);
  }
}
