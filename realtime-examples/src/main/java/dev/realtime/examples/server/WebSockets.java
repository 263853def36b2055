package dev.realtime.examples.server;

import dev.realtime.transport.Endpoint;
import java.time.Duration;

/** The WebSocket side of an example's server, whichever transport it is, before it starts. */
public interface WebSockets {

  /** Serves {@code endpoint} (usually a hub) at the WebSocket path {@code path}. */
  void route(String path, Endpoint endpoint);

  /** The largest inbound message (default 64 KiB); a larger one closes the connection with 1009. */
  void maxMessageBytes(int bytes);

  /**
   * Offers permessage-deflate without context takeover (no zlib state kept between messages) to
   * clients that ask for it, where the transport can; returns whether it will. Java-WebSocket
   * 1.6.0's extension has context-takeover bugs, so that transport declines.
   */
  boolean offerDeflate();

  /** How often silent peers are pinged, and so how soon a dead one is found (default 30 s). */
  void heartbeatInterval(Duration interval);
}
