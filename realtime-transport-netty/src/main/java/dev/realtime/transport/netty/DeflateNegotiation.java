package dev.realtime.transport.netty;

import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionData;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketServerExtension;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketServerExtensionHandshaker;
import io.netty.handler.codec.http.websocketx.extensions.compression.PerMessageDeflateServerExtensionHandshaker;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Negotiates permessage-deflate with Netty's handshaker, answering the no-context-takeover
 * parameters our {@link Deflate} settings ask for even when the client did not offer them (RFC 7692
 * 7.1.1 lets a server do so).
 *
 * <p>The server's own window stays at 15 bits: smaller windows need jzlib, which the JDK's zlib
 * cannot replace, so offers that ask for {@code server_max_window_bits} are declined (the client
 * then talks uncompressed).
 */
final class DeflateNegotiation implements WebSocketServerExtensionHandshaker {
  private static final int WINDOW_BITS = 15;
  private static final int MEM_LEVEL = 8;

  private final Deflate deflate;
  private final PerMessageDeflateServerExtensionHandshaker netty;

  DeflateNegotiation(Deflate deflate, int maxMessageBytes) {
    this.deflate = deflate;
    this.netty = new PerMessageDeflateServerExtensionHandshaker(
        deflate.level(),
        false,
        deflate.clientMaxWindowBits(),
        true,
        !deflate.clientContextTakeover(),
        WINDOW_BITS,
        MEM_LEVEL,
        maxMessageBytes);
  }

  @Override
  public WebSocketServerExtension handshakeExtension(WebSocketExtensionData offer) {
    Map<String, String> parameters = new LinkedHashMap<>(offer.parameters());
    if (!deflate.serverContextTakeover()) {
      parameters.putIfAbsent("server_no_context_takeover", null);
    }
    if (!deflate.clientContextTakeover()) {
      parameters.putIfAbsent("client_no_context_takeover", null);
    }
    return netty.handshakeExtension(new WebSocketExtensionData(offer.name(), parameters));
  }
}
