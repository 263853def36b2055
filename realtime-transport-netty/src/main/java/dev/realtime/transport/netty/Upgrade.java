package dev.realtime.transport.netty;

import dev.realtime.transport.Admission;
import dev.realtime.transport.ConnectionListener;
import dev.realtime.transport.Handshake;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.websocketx.WebSocketFrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketFrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker13;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionEncoder;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket upgrade request: route, limits and the listener's admission are checked before the
 * 101 is written, so every refusal is a real HTTP status (404 unknown path, 503 over a limit or
 * stopping, the listener's own status, e.g. 403 for a foreign origin); then the pipeline switches
 * to frames and the listener hears {@code onOpen} once the 101 is on the wire.
 *
 * <p>A version 13 client on a server without permessage-deflate (nearly every client) gets its
 * {@link NettyConnection} as the frame decoder itself, in the place of the HTTP codec; otherwise
 * the handshaker's own decoder goes there and the connection takes the pipeline's end.
 */
final class Upgrade {
  private static final Logger log = LoggerFactory.getLogger(Upgrade.class);

  private final ServerState server;
  private final ChannelHandlerContext ctx;
  private final FullHttpRequest request;

  Upgrade(ServerState server, ChannelHandlerContext ctx, FullHttpRequest request) {
    this.server = server;
    this.ctx = ctx;
    this.request = request;
  }

  void run() {
    Settings settings = server.settings();
    Handshake handshake = HttpDispatcher.handshake(ctx, request, server.headerValues());
    ConnectionListener listener = server.route(handshake.path());
    if (listener == null) {
      HttpDispatcher.refuse(ctx, 404, "no WebSocket endpoint at " + handshake.path(), settings);
      return;
    }
    if (!HttpMethod.GET.equals(request.method()) || !request.headers().contains(HttpHeaderNames.SEC_WEBSOCKET_KEY)) {
      HttpDispatcher.refuse(ctx, 400, "not a WebSocket handshake", settings);
      return;
    }
    if (server.stopping()) {
      HttpDispatcher.refuse(ctx, 503, "server is shutting down", settings);
      return;
    }
    InetAddress address = ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress();
    if (!server.limits().tryAcquire(address)) {
      HttpDispatcher.refuse(ctx, 503, "too many connections", settings);
      return;
    }
    Admission admission = HttpDispatcher.admit(listener, handshake);
    if (!admission.accepted()) {
      server.limits().release(address);
      HttpDispatcher.refuse(ctx, admission.status(), admission.reason(), settings);
      return;
    }
    String subprotocol = admission.subprotocol().filter(offered(handshake)::contains).orElse(null);
    boolean decodes = settings.deflate().isEmpty()
        && WebSocketVersion.V13.toHttpHeaderValue().equals(request.headers().get(HttpHeaderNames.SEC_WEBSOCKET_VERSION));
    WebSocketServerHandshaker handshaker = decodes ? null
        : new WebSocketServerHandshakerFactory(url(handshake), subprotocol, server.decoderConfig()).newHandshaker(request);
    if (!decodes && handshaker == null) {
      server.limits().release(address);
      settings.metrics().handshakeRejected();
      WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel())
          .addListener(ChannelFutureListener.CLOSE);
      return;
    }
    open(listener, handshake, handshaker, subprotocol);
  }

  /** Opens the connection with {@code handshaker}, or, when null, with one that takes the connection as its decoder. */
  private void open(
      ConnectionListener listener, Handshake handshake, WebSocketServerHandshaker handshaker, String subprotocol) {
    ServerState state = server;
    Channel channel = ctx.channel();
    LoopWork loop = state.loopWork(channel.eventLoop());
    NettyConnection connection =
        new NettyConnection(server.nextId(), channel, handshake, listener, loop, handshaker == null);
    ChannelPipeline pipeline = ctx.pipeline();
    // The handshake timeout is over; heartbeats come from the loop's sweep.
    pipeline.remove(ChannelSetup.IDLE);
    if (handshaker == null) {
      pipeline.remove(ctx.handler()); // the handshaker puts the connection where the HTTP codec was
      handshaker = new WebSocketServerHandshaker13(url(handshake), subprotocol, state.decoderConfig()) {
        @Override
        protected WebSocketFrameDecoder newWebsocketDecoder() {
          return connection;
        }
      };
    } else {
      pipeline.replace(ctx.handler(), ChannelSetup.FRAMES, connection);
    }
    state.opened(connection);
    try {
      handshaker.handshake(channel, request, new DefaultHttpHeaders(), channel.newPromise()).addListener(done -> {
        if (done.isSuccess()) {
          boolean compressed = pipeline.get(WebSocketExtensionEncoder.class) != null;
          connection.compressed(compressed);
          if (!compressed) {
            // Data frames arrive encoded and FrameHandler encodes its control frames: one handler less.
            pipeline.remove(WebSocketFrameEncoder.class);
          }
          connection.opened(!compressed);
        } else {
          log.debug("handshake with {} failed", channel.remoteAddress(), done.cause());
          channel.close();
        }
      });
    } catch (RuntimeException e) {
      log.debug("handshake with {} failed", channel.remoteAddress(), e);
      channel.close();
    }
  }

  private String url(Handshake handshake) {
    String scheme = server.settings().tls().isPresent() ? "wss://" : "ws://";
    return scheme + handshake.header("Host").orElse("localhost") + handshake.path();
  }

  private static List<String> offered(Handshake handshake) {
    List<String> offered = new ArrayList<>();
    for (String part : handshake.header("Sec-WebSocket-Protocol").orElse("").split(",")) {
      if (!part.isBlank()) {
        offered.add(part.trim());
      }
    }
    return offered;
  }
}
