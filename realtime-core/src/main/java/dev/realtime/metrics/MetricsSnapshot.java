package dev.realtime.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The counters of an {@link InMemoryMetrics} at one instant.
 *
 * @param startedAt when counting began
 * @param takenAt when this snapshot was taken
 * @param totalConnections connections ever opened
 * @param activeConnections connections open now
 * @param messagesReceived messages received from clients
 * @param messagesSent messages handed to client transports
 * @param errorsCount errors while handling clients
 * @param lastActivity the last connection or message event, or {@code startedAt} if none yet
 * @param connectionsPerHour 24 counts indexed by hour of day, see {@link #connectionsPerHour()}
 * @param bytesReceived payload bytes received
 * @param bytesSent payload bytes handed to client transports
 * @param slowConsumerDisconnects clients disconnected because their queue was full
 * @param messagesDropped outbound messages dropped from full queues (lossy delivery)
 * @param handshakesRejected handshakes refused before reaching a hub
 * @param rooms rooms that exist now
 * @param broker the broker's counters (all zero without a broker)
 */
public record MetricsSnapshot(
    Instant startedAt,
    Instant takenAt,
    long totalConnections,
    long activeConnections,
    long messagesReceived,
    long messagesSent,
    long errorsCount,
    Instant lastActivity,
    List<Long> connectionsPerHour,
    long bytesReceived,
    long bytesSent,
    long slowConsumerDisconnects,
    long messagesDropped,
    long handshakesRejected,
    long rooms,
    BrokerCounts broker) {

  /** Validates and copies the components. */
  public MetricsSnapshot {
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(takenAt, "takenAt");
    Objects.requireNonNull(lastActivity, "lastActivity");
    Objects.requireNonNull(broker, "broker");
    connectionsPerHour = List.copyOf(connectionsPerHour);
    if (connectionsPerHour.size() != HourlyConnections.HOURS) {
      throw new IllegalArgumentException("connectionsPerHour needs 24 entries");
    }
  }

  /**
   * Returns connections opened per hour of day (index 0 is 00:00–00:59 in the clock's zone), each
   * counting only the most recent occurrence of that hour within the last 24 hours.
   */
  @Override
  public List<Long> connectionsPerHour() {
    return connectionsPerHour;
  }

  /** Returns how long counting has been going on when this snapshot was taken. */
  public Duration uptime() {
    Duration uptime = Duration.between(startedAt, takenAt);
    return uptime.isNegative() ? Duration.ZERO : uptime;
  }
}
