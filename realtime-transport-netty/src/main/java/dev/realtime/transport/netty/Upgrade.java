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
import io.netty.handler.codec.http.websocketx.WebSocketFrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
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
    Optional<String> subprotocol = admission.subprotocol().filter(offered(handshake)::contains);
    WebSocketServerHandshaker handshaker = new WebSocketServerHandshakerFactory(
        url(handshake), subprotocol.orElse(null), server.decoderConfig()).newHandshaker(request);
    if (handshaker == null) {
      server.limits().release(address);
      settings.metrics().handshakeRejected();
      WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel())
          .addListener(ChannelFutureListener.CLOSE);
      return;
    }
    open(listener, handshake, handshaker);
  }

  private void open(
      ConnectionListener listener, Handshake handshake, WebSocketServerHandshaker handshaker) {
    ServerState state = server;
    Channel channel = ctx.channel();
    LoopWork loop = state.loopWork(channel.eventLoop());
    FrameHandler frames = new FrameHandler(listener, state);
    NettyConnection connection = new NettyConnection(server.nextId(), channel, handshake, frames, loop);
    frames.connection(connection);
    ChannelPipeline pipeline = ctx.pipeline();
    // The handshake timeout is over; heartbeats come from the loop's sweep.
    pipeline.remove(ChannelSetup.IDLE);
    pipeline.replace(ctx.handler(), ChannelSetup.FRAMES, frames);
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
          frames.opened(!compressed);
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
