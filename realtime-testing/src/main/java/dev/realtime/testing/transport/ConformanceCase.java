package dev.realtime.testing.transport;

/** The cases of {@link TransportConformance}, so a transport can name the ones it knowingly fails. */
public enum ConformanceCase {
  /** open, text, binary and close reach the listener in order, echoes reach the client. */
  OPEN_TEXT_BINARY_CLOSE_ORDER,
  /** Close codes and reasons travel both ways; a long reason is cut to 123 bytes. */
  CLOSE_CODES_BOTH_WAYS,
  /** Messages sent from several threads keep each thread's order. */
  ORDER_UNDER_CONCURRENT_SENDERS,
  /** queuedBytes/queuedMessages grow for a stalled reader, bound offer, and return to zero. */
  QUEUED_BYTES_ACCOUNTING,
  /** A stalled reader is closed with 1013 by an offer-based policy while another is served. */
  SLOW_CONSUMER_1013,
  /** A peer that never answers pings is closed within two intervals; one that answers stays. */
  HEARTBEAT,
  /** A message over the limit, single-frame or fragmented, is closed with 1009. */
  MESSAGE_TOO_BIG_1009,
  /** Text that is not UTF-8 is closed with 1007. */
  INVALID_UTF8_1007,
  /** A message read before a protocol error is answered before the close frame (1002). */
  ANSWERED_BEFORE_A_PROTOCOL_ERROR,
  /** A graceful stop delivers queued messages, then 1001. */
  GRACEFUL_STOP_1001,
  /** A flooding client cut with 1008 reads 1008, 50 runs out of 50. */
  FLOOD_AND_CUT_1008,
  /** The last frame of a burst, and a frame after 5 s of silence, arrive without waiting for another write. */
  NO_LOST_WAKEUP,
  /** 10,000 fuzzed frames leave no connection behind and a normal client is still served. */
  FUZZED_FRAMES_LEAK_NOTHING,
  /** A refusal from {@code admit} reaches the client as its HTTP status; an unknown path is 404. */
  HANDSHAKE_REFUSAL_STATUS,
  /** The subprotocol chosen by {@code admit} is echoed. */
  SUBPROTOCOL_ECHOED,
  /** A query string does not break routing and reaches the handshake decoded. */
  QUERY_STRING_ROUTING
}
