package dev.realtime.metrics;

/**
 * Events the hub and transports report, so an application can count them with any metrics system.
 *
 * <p>Every method has an empty default: an implementation overrides what it records. Methods are
 * called on transport and application threads, concurrently and often (once per delivered frame),
 * so implementations must be thread-safe and cheap. {@link #noop()} records nothing.
 */
public interface RealtimeMetrics {

  /** A connection was accepted and handed to a hub. */
  default void connectionOpened() {}

  /** A connection that a hub knew has closed, for whatever reason. */
  default void connectionClosed() {}

  /** A handshake was refused before it reached a hub (origin, authentication, limits, unknown path). */
  default void handshakeRejected() {}

  /** A text or binary message arrived from a client; {@code bytes} is its payload size. */
  default void messageReceived(int bytes) {}

  /** A message was handed to a client's transport; {@code bytes} is its payload size. */
  default void messageSent(int bytes) {}

  /** Bad input or a failure while handling a client (answered with an error frame or a close). */
  default void error() {}

  /** A client whose outbound queue was full was disconnected with close code 1013. */
  default void slowConsumerDisconnected() {}

  /** An outbound message was dropped because the client's queue was full (lossy delivery). */
  default void messageDropped() {}

  /** A room was created by its first join. */
  default void roomCreated() {}

  /** A room was removed when its last member left. */
  default void roomRemoved() {}

  /** A broker accepted a publication: it is stored (when kept in history) and sent to every node. */
  default void brokerPublished() {}

  /** A publish failed (broker unreachable, timed out or refused); its sender is told. */
  default void brokerPublishFailed() {}

  /** A broker's publish took {@code nanos} from the call to the broker's acknowledgement. */
  default void brokerPublishLatency(long nanos) {}

  /** A node found publications missing on a channel (a lost pub/sub message, a reconnect). */
  default void brokerGapDetected() {}

  /** A gap a node found was filled from the channel's history. */
  default void brokerGapFilled() {}

  /** A publication from the broker was dropped at the node's full handoff queue (then refetched). */
  default void brokerMessageDropped() {}

  /** A node's broker connection came back after a loss. */
  default void brokerReconnected() {}

  /** Returns metrics that record nothing. */
  static RealtimeMetrics noop() {
    return NoopMetrics.INSTANCE;
  }
}
