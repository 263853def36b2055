package dev.realtime.metrics;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts every event in memory with contention-free counters and answers {@link #snapshot()}s.
 *
 * <p>Counters are {@link LongAdder}s, so transport threads never contend on one memory location,
 * and the sent messages and bytes, which move once per recipient of a broadcast, are kept per
 * writing thread with no atomic instruction at all; totals are exact once concurrent calls have
 * returned. Time comes from an injected {@link Clock},
 * whose zone also decides the hour-of-day labels of {@code connections_per_hour}.
 */
public final class InMemoryMetrics implements RealtimeMetrics {

  private final Clock clock;
  private final long startedAtMillis;
  private final AtomicLong lastActivityMillis;
  private final HourlyConnections hourly = new HourlyConnections();
  private final LongAdder connectionsOpened = new LongAdder();
  private final LongAdder connectionsClosed = new LongAdder();
  private final LongAdder handshakesRejected = new LongAdder();
  private final LongAdder messagesReceived = new LongAdder();
  private final LongAdder bytesReceived = new LongAdder();
  /** Per recipient of every broadcast: per-thread cells, no atomic instruction per delivery. */
  private final PerThreadCount sent = new PerThreadCount();
  private final LongAdder errors = new LongAdder();
  private final LongAdder slowConsumerDisconnects = new LongAdder();
  private final LongAdder messagesDropped = new LongAdder();
  private final LongAdder roomsCreated = new LongAdder();
  private final LongAdder roomsRemoved = new LongAdder();
  private final LongAdder brokerPublishes = new LongAdder();
  private final LongAdder brokerPublishFailures = new LongAdder();
  private final LongAdder brokerLatencyCount = new LongAdder();
  private final LongAdder brokerLatencyTotal = new LongAdder();
  private final AtomicLong brokerLatencyMax = new AtomicLong();
  private final LongAdder brokerGapsDetected = new LongAdder();
  private final LongAdder brokerGapsFilled = new LongAdder();
  private final LongAdder brokerMessagesDropped = new LongAdder();
  private final LongAdder brokerReconnects = new LongAdder();

  /** Creates metrics on the system clock in the default time zone, so hours are local hours. */
  public InMemoryMetrics() {
    this(Clock.systemDefaultZone());
  }

  /** Creates metrics that read time, and the zone for hourly labels, from {@code clock}. */
  public InMemoryMetrics(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.startedAtMillis = clock.millis();
    this.lastActivityMillis = new AtomicLong(startedAtMillis);
  }

  @Override
  public void connectionOpened() {
    long now = clock.millis();
    connectionsOpened.increment();
    hourly.record(now);
    touch(now);
  }

  @Override
  public void connectionClosed() {
    connectionsClosed.increment();
    touch(clock.millis());
  }

  @Override
  public void handshakeRejected() {
    handshakesRejected.increment();
  }

  @Override
  public void messageReceived(int bytes) {
    messagesReceived.increment();
    bytesReceived.add(Math.max(0, bytes));
    touch(clock.millis());
  }

  @Override
  public void messageSent(int bytes) {
    // No touch: sends follow the inbound messages and connections that already moved last
    // activity, and one shared timestamp written per delivery would make every broadcast contend.
    sent.add(Math.max(0, bytes));
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
    long value = Math.max(0, nanos);
    brokerLatencyCount.increment();
    brokerLatencyTotal.add(value);
    // Read first: the maximum rarely moves, so most calls only read the shared line.
    if (value > brokerLatencyMax.get()) {
      brokerLatencyMax.accumulateAndGet(value, Math::max);
    }
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

  /** Returns the current counts; cheap enough to call on every scrape or dashboard tick. */
  public MetricsSnapshot snapshot() {
    long now = clock.millis();
    // Closes are read before opens (and removals before creations): every close follows its open,
    // so the difference cannot go negative even while events are racing with this read.
    long closed = connectionsClosed.sum();
    long opened = connectionsOpened.sum();
    long removed = roomsRemoved.sum();
    long created = roomsCreated.sum();
    return new MetricsSnapshot(
        Instant.ofEpochMilli(startedAtMillis),
        Instant.ofEpochMilli(now),
        opened,
        Math.max(0, opened - closed),
        messagesReceived.sum(),
        sent.count(),
        errors.sum(),
        Instant.ofEpochMilli(lastActivityMillis.get()),
        hourly.byHourOfDay(now, clock.getZone()),
        bytesReceived.sum(),
        sent.bytes(),
        slowConsumerDisconnects.sum(),
        messagesDropped.sum(),
        handshakesRejected.sum(),
        Math.max(0, created - removed),
        brokerCounts());
  }

  private BrokerCounts brokerCounts() {
    // Fills before detections, like closes before opens: a fill always follows its detection.
    long filled = brokerGapsFilled.sum();
    return new BrokerCounts(
        brokerPublishes.sum(),
        brokerPublishFailures.sum(),
        brokerLatencyCount.sum(),
        brokerLatencyTotal.sum(),
        brokerLatencyMax.get(),
        Math.max(filled, brokerGapsDetected.sum()),
        filled,
        brokerMessagesDropped.sum(),
        brokerReconnects.sum());
  }

  /** Moves last activity forward; the read-before-write keeps the shared line mostly read-only. */
  private void touch(long now) {
    long previous = lastActivityMillis.get();
    while (now > previous && !lastActivityMillis.compareAndSet(previous, now)) {
      previous = lastActivityMillis.get();
    }
  }
}
