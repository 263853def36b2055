package dev.realtime.metrics.micrometer;

import dev.realtime.metrics.RealtimeMetrics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

/**
 * Publishes what hubs and transports report to Micrometer: give it to {@code
 * Hub.builder().metrics(…)} (and the transport's builder), and bind it to a {@link MeterRegistry}
 * — Spring Boot binds every {@link MeterBinder} bean by itself.
 *
 * <p>Events are counted in {@link LongAdder}s, so a transport thread never touches the registry,
 * and the meters are {@link FunctionCounter}s and {@link Gauge}s that read those counts when the
 * registry publishes. Events before {@link #bindTo} are therefore counted too, and one instance may
 * be bound to several registries. Like every function-based Micrometer meter, a registry holds
 * this object weakly: keep a reference (the hub it reports for does).
 *
 * <p>Meter names (every meter carries this binder's tags):
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>name</th><th>type</th><th>unit</th><th>event</th></tr>
 *   <tr><td>{@value #CONNECTIONS_OPENED}</td><td>counter</td><td></td><td>{@code connectionOpened}</td></tr>
 *   <tr><td>{@value #CONNECTIONS_CLOSED}</td><td>counter</td><td></td><td>{@code connectionClosed}</td></tr>
 *   <tr><td>{@value #CONNECTIONS_ACTIVE}</td><td>gauge</td><td></td><td>opened minus closed</td></tr>
 *   <tr><td>{@value #HANDSHAKES_REJECTED}</td><td>counter</td><td></td><td>{@code handshakeRejected}</td></tr>
 *   <tr><td>{@value #MESSAGES_RECEIVED}</td><td>counter</td><td></td><td>{@code messageReceived}</td></tr>
 *   <tr><td>{@value #MESSAGES_SENT}</td><td>counter</td><td></td><td>{@code messageSent}</td></tr>
 *   <tr><td>{@value #RECEIVED_BYTES}</td><td>counter</td><td>bytes</td><td>{@code messageReceived}</td></tr>
 *   <tr><td>{@value #SENT_BYTES}</td><td>counter</td><td>bytes</td><td>{@code messageSent}</td></tr>
 *   <tr><td>{@value #ERRORS}</td><td>counter</td><td></td><td>{@code error}</td></tr>
 *   <tr><td>{@value #SLOW_CONSUMER_DISCONNECTS}</td><td>counter</td><td></td><td>{@code slowConsumerDisconnected}</td></tr>
 *   <tr><td>{@value #MESSAGES_DROPPED}</td><td>counter</td><td></td><td>{@code messageDropped}</td></tr>
 *   <tr><td>{@value #ROOMS_OPENED}</td><td>counter</td><td></td><td>{@code roomCreated}</td></tr>
 *   <tr><td>{@value #ROOMS_CLOSED}</td><td>counter</td><td></td><td>{@code roomRemoved}</td></tr>
 *   <tr><td>{@value #ROOMS}</td><td>gauge</td><td></td><td>created minus removed</td></tr>
 *   <tr><td>{@value #BROKER_PUBLISHES}</td><td>counter</td><td></td><td>{@code brokerPublished}</td></tr>
 *   <tr><td>{@value #BROKER_PUBLISH_FAILURES}</td><td>counter</td><td></td><td>{@code brokerPublishFailed}</td></tr>
 *   <tr><td>{@value #BROKER_PUBLISH_SECONDS}</td><td>counter</td><td>seconds</td><td>{@code brokerPublishLatency}, summed</td></tr>
 *   <tr><td>{@value #BROKER_PUBLISH_TIMED}</td><td>counter</td><td></td><td>{@code brokerPublishLatency}, counted</td></tr>
 *   <tr><td>{@value #BROKER_GAPS_DETECTED}</td><td>counter</td><td></td><td>{@code brokerGapDetected}</td></tr>
 *   <tr><td>{@value #BROKER_GAPS_FILLED}</td><td>counter</td><td></td><td>{@code brokerGapFilled}</td></tr>
 *   <tr><td>{@value #BROKER_MESSAGES_DROPPED}</td><td>counter</td><td></td><td>{@code brokerMessageDropped}</td></tr>
 *   <tr><td>{@value #BROKER_RECONNECTS}</td><td>counter</td><td></td><td>{@code brokerReconnected}</td></tr>
 * </table>
 *
 * <p>Under Micrometer's Prometheus naming these become the names {@code realtime-metrics-prometheus}
 * writes ({@code realtime_connections_opened_total}, {@code realtime_sent_bytes_total}, {@code
 * realtime_rooms} …), so dashboards work with either.
 */
public final class MicrometerMetrics implements RealtimeMetrics, MeterBinder {

  /** Connections accepted and handed to a hub. */
  public static final String CONNECTIONS_OPENED = "realtime.connections.opened";
  /** Connections a hub knew that have closed. */
  public static final String CONNECTIONS_CLOSED = "realtime.connections.closed";
  /** Connections open now. */
  public static final String CONNECTIONS_ACTIVE = "realtime.connections.active";
  /** Handshakes refused before reaching a hub. */
  public static final String HANDSHAKES_REJECTED = "realtime.handshakes.rejected";
  /** Messages received from clients. */
  public static final String MESSAGES_RECEIVED = "realtime.messages.received";
  /** Messages handed to client transports. */
  public static final String MESSAGES_SENT = "realtime.messages.sent";
  /** Payload bytes received from clients. */
  public static final String RECEIVED_BYTES = "realtime.received.bytes";
  /** Payload bytes handed to client transports. */
  public static final String SENT_BYTES = "realtime.sent.bytes";
  /** Bad input or failures while handling clients. */
  public static final String ERRORS = "realtime.errors";
  /** Clients disconnected with 1013 because their outbound queue was full. */
  public static final String SLOW_CONSUMER_DISCONNECTS = "realtime.slow.consumer.disconnects";
  /** Outbound messages dropped from a lossy client's full queue. */
  public static final String MESSAGES_DROPPED = "realtime.messages.dropped";
  /**
   * Rooms created by their first join ({@code opened}, not {@code created}: Prometheus reserves a
   * {@code _created} suffix and would strip it, colliding with {@link #ROOMS}).
   */
  public static final String ROOMS_OPENED = "realtime.rooms.opened";
  /** Rooms removed when their last member left. */
  public static final String ROOMS_CLOSED = "realtime.rooms.closed";
  /** Rooms that exist now. */
  public static final String ROOMS = "realtime.rooms";

  /** Publications the broker accepted. */
  public static final String BROKER_PUBLISHES = "realtime.broker.publishes";
  /** Publishes that failed; their senders were told. */
  public static final String BROKER_PUBLISH_FAILURES = "realtime.broker.publish.failures";
  /** Time publishes took until the broker acknowledged them, summed (seconds). */
  public static final String BROKER_PUBLISH_SECONDS = "realtime.broker.publish.seconds";
  /** Publishes whose time was measured (divide the sum by it for the mean). */
  public static final String BROKER_PUBLISH_TIMED = "realtime.broker.publish.timed";
  /** Gaps a node found in a channel's offsets. */
  public static final String BROKER_GAPS_DETECTED = "realtime.broker.gaps.detected";
  /** Gaps filled from history. */
  public static final String BROKER_GAPS_FILLED = "realtime.broker.gaps.filled";
  /** Publications dropped at a node's full handoff queue (then refetched). */
  public static final String BROKER_MESSAGES_DROPPED = "realtime.broker.messages.dropped";
  /** Broker connections that came back after a loss. */
  public static final String BROKER_RECONNECTS = "realtime.broker.reconnects";

  /** The tag {@link #forHub} sets: the hub's name. */
  public static final String HUB_TAG = "hub";

  private final Tags tags;
  private final LongAdder connectionsOpened = new LongAdder();
  private final LongAdder connectionsClosed = new LongAdder();
  private final LongAdder handshakesRejected = new LongAdder();
  private final LongAdder messagesReceived = new LongAdder();
  private final LongAdder messagesSent = new LongAdder();
  private final LongAdder bytesReceived = new LongAdder();
  private final LongAdder bytesSent = new LongAdder();
  private final LongAdder errors = new LongAdder();
  private final LongAdder slowConsumerDisconnects = new LongAdder();
  private final LongAdder messagesDropped = new LongAdder();
  private final LongAdder roomsCreated = new LongAdder();
  private final LongAdder roomsRemoved = new LongAdder();
  private final LongAdder brokerPublishes = new LongAdder();
  private final LongAdder brokerPublishFailures = new LongAdder();
  private final LongAdder brokerPublishNanos = new LongAdder();
  private final LongAdder brokerPublishTimed = new LongAdder();
  private final LongAdder brokerGapsDetected = new LongAdder();
  private final LongAdder brokerGapsFilled = new LongAdder();
  private final LongAdder brokerMessagesDropped = new LongAdder();
  private final LongAdder brokerReconnects = new LongAdder();

  /** Creates a binder whose meters carry no tags of their own (the registry's common tags apply). */
  public MicrometerMetrics() {
    this(Tags.empty());
  }

  /**
   * Creates a binder whose meters all carry {@code tags}. Give every instance bound to one registry
   * the same tag keys: Prometheus requires one set of keys per meter name.
   */
  public MicrometerMetrics(Iterable<Tag> tags) {
    this.tags = Tags.of(Objects.requireNonNull(tags, "tags"));
  }

  /** Creates a binder for one hub: its meters carry {@code hub=<hubName>}. */
  public static MicrometerMetrics forHub(String hubName) {
    return new MicrometerMetrics(Tags.of(HUB_TAG, Objects.requireNonNull(hubName, "hubName")));
  }

  /** Returns the name of every meter {@link #bindTo} registers. */
  public static List<String> meterNames() {
    return List.of(
        CONNECTIONS_OPENED, CONNECTIONS_CLOSED, CONNECTIONS_ACTIVE, HANDSHAKES_REJECTED,
        MESSAGES_RECEIVED, MESSAGES_SENT, RECEIVED_BYTES, SENT_BYTES, ERRORS,
        SLOW_CONSUMER_DISCONNECTS, MESSAGES_DROPPED, ROOMS_OPENED, ROOMS_CLOSED, ROOMS,
        BROKER_PUBLISHES, BROKER_PUBLISH_FAILURES, BROKER_PUBLISH_SECONDS, BROKER_PUBLISH_TIMED,
        BROKER_GAPS_DETECTED, BROKER_GAPS_FILLED, BROKER_MESSAGES_DROPPED, BROKER_RECONNECTS);
  }

  /** Returns the tags every meter of this binder carries. */
  public Tags tags() {
    return tags;
  }

  /** Registers this binder's meters with {@code registry}; safe to call for several registries. */
  @Override
  public void bindTo(MeterRegistry registry) {
    Objects.requireNonNull(registry, "registry");
    counter(registry, CONNECTIONS_OPENED, "Connections accepted and handed to a hub.", null, connectionsOpened);
    counter(registry, CONNECTIONS_CLOSED, "Connections a hub knew that have closed.", null, connectionsClosed);
    Gauge.builder(CONNECTIONS_ACTIVE, this, MicrometerMetrics::activeConnections)
        .description("Connections open now.")
        .tags(tags)
        .register(registry);
    counter(registry, HANDSHAKES_REJECTED,
        "Handshakes refused before reaching a hub (origin, authentication, limits, path).", null,
        handshakesRejected);
    counter(registry, MESSAGES_RECEIVED, "Messages received from clients.", null, messagesReceived);
    counter(registry, MESSAGES_SENT, "Messages handed to client transports.", null, messagesSent);
    counter(registry, RECEIVED_BYTES, "Payload bytes received from clients.", BaseUnits.BYTES, bytesReceived);
    counter(registry, SENT_BYTES, "Payload bytes handed to client transports.", BaseUnits.BYTES, bytesSent);
    counter(registry, ERRORS, "Bad input or failures while handling clients.", null, errors);
    counter(registry, SLOW_CONSUMER_DISCONNECTS,
        "Clients disconnected with close code 1013 because their outbound queue was full.", null,
        slowConsumerDisconnects);
    counter(registry, MESSAGES_DROPPED,
        "Outbound messages dropped because a lossy client's queue was full.", null, messagesDropped);
    counter(registry, ROOMS_OPENED, "Rooms created by their first join.", null, roomsCreated);
    counter(registry, ROOMS_CLOSED, "Rooms removed when their last member left.", null, roomsRemoved);
    Gauge.builder(ROOMS, this, MicrometerMetrics::rooms)
        .description("Rooms that exist now.")
        .tags(tags)
        .register(registry);
    counter(registry, BROKER_PUBLISHES, "Publications the broker accepted.", null, brokerPublishes);
    counter(registry, BROKER_PUBLISH_FAILURES, "Publishes that failed; their senders were told.", null,
        brokerPublishFailures);
    FunctionCounter.builder(BROKER_PUBLISH_SECONDS, brokerPublishNanos, nanos -> nanos.sum() / 1e9)
        .description("Time publishes took until the broker acknowledged them, summed.")
        .baseUnit("seconds") // BaseUnits has no SECONDS; this is the unit Micrometer's timers use
        .tags(tags)
        .register(registry);
    counter(registry, BROKER_PUBLISH_TIMED,
        "Publishes whose time was measured (divide the sum by it for the mean).", null, brokerPublishTimed);
    counter(registry, BROKER_GAPS_DETECTED, "Gaps a node found in a channel's offsets.", null,
        brokerGapsDetected);
    counter(registry, BROKER_GAPS_FILLED, "Gaps filled from history.", null, brokerGapsFilled);
    counter(registry, BROKER_MESSAGES_DROPPED, "Publications dropped at a node's full handoff queue.",
        null, brokerMessagesDropped);
    counter(registry, BROKER_RECONNECTS, "Broker connections that came back after a loss.", null,
        brokerReconnects);
  }

  @Override
  public void connectionOpened() {
    connectionsOpened.increment();
  }

  @Override
  public void connectionClosed() {
    connectionsClosed.increment();
  }

  @Override
  public void handshakeRejected() {
    handshakesRejected.increment();
  }

  @Override
  public void messageReceived(int bytes) {
    messagesReceived.increment();
    bytesReceived.add(Math.max(0, bytes));
  }

  @Override
  public void messageSent(int bytes) {
    messagesSent.increment();
    bytesSent.add(Math.max(0, bytes));
  }

  @Override
  public void error() {
    errors.increment();
  }

  @Override
  public void slowConsumerDisconnected() {
    slowConsumerDisconnects.increment();
  }

  @Override
  public void messageDropped() {
    messagesDropped.increment();
  }

  @Override
  public void roomCreated() {
    roomsCreated.increment();
  }

  @Override
  public void roomRemoved() {
    roomsRemoved.increment();
  }

  @Override
  public void brokerPublished() {
    brokerPublishes.increment();
  }

  @Override
  public void brokerPublishFailed() {
    brokerPublishFailures.increment();
  }

  @Override
  public void brokerPublishLatency(long nanos) {
    brokerPublishNanos.add(Math.max(0, nanos));
    brokerPublishTimed.increment();
  }

  @Override
  public void brokerGapDetected() {
    brokerGapsDetected.increment();
  }

  @Override
  public void brokerGapFilled() {
    brokerGapsFilled.increment();
  }

  @Override
  public void brokerMessageDropped() {
    brokerMessagesDropped.increment();
  }

  @Override
  public void brokerReconnected() {
    brokerReconnects.increment();
  }

  private void counter(
      MeterRegistry registry, String name, String description, String baseUnit, LongAdder count) {
    FunctionCounter.builder(name, count, LongAdder::doubleValue)
        .description(description)
        .baseUnit(baseUnit)
        .tags(tags)
        .register(registry);
  }

  /** Closes are read before opens: every close follows its open, so this never goes negative. */
  private double activeConnections() {
    long closed = connectionsClosed.sum();
    return Math.max(0, connectionsOpened.sum() - closed);
  }

  /** Removals are read before creations, for the same reason. */
  private double rooms() {
    long removed = roomsRemoved.sum();
    return Math.max(0, roomsCreated.sum() - removed);
  }
}
