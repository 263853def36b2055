package dev.realtime.transport.netty;

/**
 * The permessage-deflate extension (RFC 7692) as a {@link NettyServer} negotiates it; off unless
 * configured with {@link NettyServer.Builder#deflate(Deflate)}.
 *
 * <p>Compression costs memory per connection (see {@code docs/transports.md} for the figures): a
 * deflater and an inflater live for the whole connection with context takeover, and only while a
 * message is being compressed or inflated without it. A compressed frame is built per connection,
 * so a broadcast no longer shares one encoded frame among its recipients.
 *
 * @param level the zlib compression level, 0–9
 * @param serverContextTakeover whether the server keeps its compression context between messages
 *     (better ratio, ~256 KiB more per connection); false answers {@code server_no_context_takeover}
 * @param clientContextTakeover whether the client may keep its context between messages; false
 *     answers {@code client_no_context_takeover}, so the server inflates each message afresh and
 *     keeps no inflater between messages
 * @param clientMaxWindowBits the window (8–15 bits) asked of clients that offer {@code
 *     client_max_window_bits}; the server's own window is always 15 bits (the JDK's zlib)
 */
public record Deflate(
    int level, boolean serverContextTakeover, boolean clientContextTakeover, int clientMaxWindowBits) {

  /** Validates the ranges. */
  public Deflate {
    if (level < 0 || level > 9) {
      throw new IllegalArgumentException("level must be 0-9: " + level);
    }
    if (clientMaxWindowBits < 8 || clientMaxWindowBits > 15) {
      throw new IllegalArgumentException("clientMaxWindowBits must be 8-15: " + clientMaxWindowBits);
    }
  }

  /** Level 6, context takeover both ways, 15-bit windows: the best ratio, the most memory. */
  public static Deflate withContextTakeover() {
    return new Deflate(6, true, true, 15);
  }

  /** Level 6 with no context takeover either way: no compressor state kept between messages. */
  public static Deflate withoutContextTakeover() {
    return new Deflate(6, false, false, 15);
  }
}
