package dev.realtime.hub;

/** What a hub does when a message would overflow a client's outbound queue. */
public enum SlowConsumerPolicy {
  /** Close the connection with 1013 (try again later); the client reconnects and resynchronises. */
  DISCONNECT,
  /** Drop the message and keep the connection (for lossy feeds where only the latest matters). */
  DROP
}
