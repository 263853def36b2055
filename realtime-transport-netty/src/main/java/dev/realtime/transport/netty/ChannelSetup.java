package dev.realtime.transport.netty;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketServerExtensionHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/**
 * Builds each accepted channel's pipeline for HTTP; {@link Upgrade} switches it to frames:
 *
 * <pre>
 * [tls] → idle (handshake timeout) → HTTP codec → aggregator → [deflate negotiation] → dispatcher
 * </pre>
 *
 * <p>An upgraded channel keeps only {@code [tls] → wsdecoder}, the {@link NettyConnection} that
 * decodes frames and handles them; a compressing one (or one of a WebSocket version before 13)
 * keeps {@code [tls] → frame encoder → frame decoder → deflate handlers → frames}, the connection
 * last ({@link FrameHandler}). Writes are batched per loop by
 * {@link LoopWork}, which flushes each connection once per burst, and heartbeats come from the
 * loop's sweep.
 */
final class ChannelSetup extends ChannelInitializer<Channel> {
  static final String IDLE = "idle";
  /** The connection's name where it is the pipeline's last handler (else it is Netty's "wsdecoder"). */
  static final String FRAMES = "frames";

  private final ServerState server;

  ChannelSetup(ServerState server) {
    this.server = server;
  }

  @Override
  protected void initChannel(Channel channel) {
    Settings settings = server.settings();
    ChannelPipeline pipeline = channel.pipeline();
    settings.tls().ifPresent(tls -> pipeline.addLast("tls", tls.sslContext().newHandler(channel.alloc())));
    pipeline.addLast(IDLE, new IdleStateHandler(settings.handshakeTimeout().toMillis(), 0, 0, TimeUnit.MILLISECONDS));
    pipeline.addLast("http", new HttpServerCodec());
    pipeline.addLast("aggregator", new HttpObjectAggregator(settings.maxRequestBytes()));
    settings.deflate().ifPresent(deflate -> pipeline.addLast("deflate",
        new WebSocketServerExtensionHandler(new DeflateNegotiation(deflate, settings.maxMessageBytes()))));
    pipeline.addLast("dispatcher", new HttpDispatcher(server));
  }
}
