package dev.realtime.transport;

/**
 * One client connection as a transport adapter exposes it to the core.
 *
 * <p>Adapters implement this; applications reach it through a hub {@code Client}. All methods are
 * thread-safe. {@link #send} never blocks: it hands the message to the transport's outbound queue
 * and returns {@code false} when the connection is no longer open. The queue is measured by {@link
 * #queuedBytes()} and {@link #queuedMessages()} so the hub can apply its slow-consumer policy
 * (transports such as Java-WebSocket keep an unbounded queue of their own).
 *
 * <p>Messages sent from one thread reach the peer in the order they were sent.
 */
public interface Connection {

  /** A transport-assigned identifier, unique among this transport's live connections. */
  String id();

  /** What the client sent when it opened the connection. */
  Handshake handshake();

  /** Queues a message for the peer; returns {@code false} if the connection is not open. */
  boolean send(OutboundMessage message);

  /** Starts the closing handshake with a close code and a reason (at most 123 UTF-8 bytes). */
  void close(int code, String reason);

  /** Whether the connection is open and accepting messages. */
  boolean isOpen();

  /** Bytes handed to {@link #send} that the transport has not yet written to the socket. */
  long queuedBytes();

  /** Messages handed to {@link #send} that the transport has not yet written to the socket. */
  int queuedMessages();

  /** What {@link #offer} did with a message. */
  enum Offer {
    /** The message was queued. */
    QUEUED,
    /** The queue was over a limit; the message was not queued. */
    FULL,
    /** The connection is not open; the message was not queued. */
    CLOSED
  }

  /**
   * Queues {@code message} unless the outbound queue already holds {@code maxQueuedMessages}
   * messages or would exceed {@code maxQueuedBytes}; an empty queue always takes the message, so a
   * message larger than the byte limit still reaches an idle client. Transports override this to
   * check and queue in one step; the default composes the other methods.
   */
  default Offer offer(OutboundMessage message, long maxQueuedBytes, int maxQueuedMessages) {
    int queued = queuedMessages();
    if (queued > 0 && (queued >= maxQueuedMessages || queuedBytes() + message.size() > maxQueuedBytes)) {
      return Offer.FULL;
    }
    return send(message) ? Offer.QUEUED : Offer.CLOSED;
  }

  /**
   * Keeps one object for the connection's listener (the hub keeps its client here), replacing any
   * earlier one; {@code null} clears it. Returns {@code false} when this transport keeps none, and
   * the listener then finds its object some other way (the hub: a map by connection). Transports
   * override this with one volatile field, which saves the listener a map entry per connection and
   * a hash lookup per inbound message; the default keeps nothing.
   */
  default boolean attach(Object attachment) {
    return false;
  }

  /** What {@link #attach} last kept, or {@code null} (always, for a transport that keeps none). */
  default Object attachment() {
    return null;
  }
}
