package dev.realtime.client;

/**
 * Where a {@link RealtimeClient} stands.
 *
 * <pre>
 *   DISCONNECTED ──connect()──▶ CONNECTING ──open──▶ CONNECTED
 *        ▲                       ▲      │               │
 *        │                       │      └─ fails: waits a backoff delay, tries again
 *        │                       └────── connection lost (and the close code allows a retry)
 *        └── a close code that forbids retrying (1008, 4001, 4003 …), or reconnect turned off
 *   any state ──close()──▶ CLOSED (final)
 * </pre>
 */
public enum State {
  /** Not connected and not trying: before {@link RealtimeClient#connect()}, or stopped by the server's close code. */
  DISCONNECTED,
  /** Trying to connect: an attempt in progress, or waiting for the next one after a backoff delay. */
  CONNECTING,
  /** The connection is open. */
  CONNECTED,
  /** {@link RealtimeClient#close()} was called: nothing more is sent, received or attempted. */
  CLOSED
}
