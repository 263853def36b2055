package dev.realtime.client;

/** What {@link RealtimeClient#send} did with a message; it never blocks and never throws for these. */
public enum SendResult {
  /** Handed to the open connection, in order behind what was sent before. */
  SENT,
  /** Not connected now: kept in the outbound queue and sent, in order, once connected. */
  QUEUED,
  /** Refused: the outbound queue is at its limit (a connection that cannot keep up, or a long outage). */
  QUEUE_FULL,
  /** Refused: the client is closed. */
  CLOSED;

  /** Whether the message was taken ({@link #SENT} or {@link #QUEUED}). */
  public boolean accepted() {
    return this == SENT || this == QUEUED;
  }
}
