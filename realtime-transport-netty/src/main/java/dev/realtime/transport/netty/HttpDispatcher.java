package dev.realtime.transport.netty;

import dev.realtime.transport.Admission;
import dev.realtime.transport.ConnectionListener;
import dev.realtime.transport.Handshake;
import dev.realtime.transport.netty.http.RestHandler;
import dev.realtime.transport.netty.http.RestRequest;
import dev.realtime.transport.netty.http.RestResponse;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.timeout.IdleStateEvent;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A channel's handler while it speaks HTTP: hands WebSocket upgrades to {@link Upgrade}, and runs
 * REST handlers and static files on the REST executor, answering one request at a time in the
 * order they came (HTTP/1.1 pipelining).
 */
final class HttpDispatcher extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final Logger log = LoggerFactory.getLogger(HttpDispatcher.class);

  private final ServerState server;
  private final Queue<Runnable> waiting = new ArrayDeque<>();
  private boolean busy;

  HttpDispatcher(ServerState server) {
    this.server = server;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    if (!request.decoderResult().isSuccess()) {
      Responses.send(ctx, false, false, RestResponse.plain(400, "bad request"), server.settings());
      return;
    }
    if (isUpgrade(request)) {
      new Upgrade(server, ctx, request).run();
      return;
    }
    QueryStringDecoder uri = new QueryStringDecoder(request.uri());
    String path = uri.path();
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    boolean head = HttpMethod.HEAD.equals(request.method());
    RestHandler handler = server.rest(path);
    if (handler != null) {
      RestRequest rest = restRequest(ctx, request, uri);
      enqueue(ctx, () -> answer(ctx, head, keepAlive, () -> handler.handle(rest)));
      return;
    }
    Optional<StaticFiles> files = server.staticFiles(path);
    if (files.isEmpty()) {
      Responses.send(ctx, head, keepAlive, RestResponse.plain(404, "not found"), server.settings());
      return;
    }
    if (!HttpMethod.GET.equals(request.method()) && !head) {
      Responses.send(ctx, head, keepAlive,
          RestResponse.plain(405, "method not allowed").withHeader("Allow", "GET, HEAD"), server.settings());
      return;
    }
    enqueue(ctx, () -> answer(ctx, head, keepAlive,
        () -> files.get().load(path).orElseGet(() -> RestResponse.plain(404, "not found"))));
  }

  static boolean isUpgrade(FullHttpRequest request) {
    return request.headers().containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true)
        && request.headers().contains(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true);
  }

  private interface Work {
    RestResponse call() throws Exception;
  }

  private void answer(ChannelHandlerContext ctx, boolean head, boolean keepAlive, Work work) {
    RestResponse response;
    try {
      response = work.call();
    } catch (Exception e) {
      log.warn("HTTP handler failed on {}", ctx.channel(), e);
      response = RestResponse.plain(500, "internal error");
    }
    Responses.send(ctx, head, keepAlive, response, server.settings());
  }

  /** Runs {@code work} on the REST executor after the requests before it on this connection. */
  private void enqueue(ChannelHandlerContext ctx, Runnable work) {
    waiting.add(work);
    if (!busy) {
      next(ctx);
    }
  }

  private void next(ChannelHandlerContext ctx) {
    Runnable work = waiting.poll();
    busy = work != null;
    if (work == null) {
      return;
    }
    try {
      server.restExecutor().execute(() -> {
        try {
          work.run();
        } finally {
          ctx.executor().execute(() -> next(ctx));
        }
      });
    } catch (RejectedExecutionException e) {
      Responses.send(ctx, false, false, RestResponse.plain(503, "server busy"), server.settings());
      waiting.clear();
      busy = false;
    }
  }

  private static RestRequest restRequest(ChannelHandlerContext ctx, FullHttpRequest request, QueryStringDecoder uri) {
    Map<String, String> headers = new HashMap<>();
    request.headers().forEach(header ->
        headers.merge(header.getKey().toLowerCase(Locale.ROOT), header.getValue(), (a, b) -> a + "," + b));
    Map<String, List<String>> query = new HashMap<>(uri.parameters());
    return new RestRequest(
        request.method().name().toUpperCase(Locale.ROOT),
        uri.path(),
        query,
        headers,
        ByteBufUtil.getBytes(request.content()),
        (InetSocketAddress) ctx.channel().remoteAddress());
  }

  /** A connection that has not sent a complete request in time is closed (slow-loris). */
  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
    if (event instanceof IdleStateEvent) {
      if (!busy) {
        log.debug("{} sent no complete request in time; closing", ctx.channel());
        ctx.close();
      }
      return;
    }
    super.userEventTriggered(ctx, event);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    log.debug("HTTP connection {} failed: {}", ctx.channel(), cause.toString());
    ctx.close();
  }

  /** Answers a refused handshake with its status and reason, then closes. */
  static void refuse(ChannelHandlerContext ctx, int status, String reason, Settings settings) {
    settings.metrics().handshakeRejected();
    log.debug("refused handshake from {}: {} {}", ctx.channel().remoteAddress(), status, reason);
    Responses.send(ctx, false, false, RestResponse.plain(status, reason), settings)
        .addListener(ChannelFutureListener.CLOSE);
  }

  /**
   * The request as the core sees it. A {@code Content-Length: 0} on a request without a body is
   * left out: the aggregator adds it to every request that came without one, so it says nothing
   * the client sent (the Java-WebSocket transport has no such header either), and each open
   * connection would keep it.
   */
  static Handshake handshake(ChannelHandlerContext ctx, FullHttpRequest request, HeaderValues shared) {
    Map<String, String> headers = new HashMap<>();
    boolean noBody = !request.content().isReadable();
    request.headers().forEach(header -> {
      if (noBody && header.getKey().equalsIgnoreCase("content-length") && header.getValue().equals("0")) {
        return;
      }
      headers.merge(header.getKey(), shared.share(header.getKey(), header.getValue()), (a, b) -> a + "," + b);
    });
    return Handshake.of(request.uri(), headers, (InetSocketAddress) ctx.channel().remoteAddress());
  }

  static Admission admit(ConnectionListener listener, Handshake handshake) {
    try {
      return listener.admit(handshake);
    } catch (RuntimeException e) {
      log.warn("listener failed to admit a handshake for {}", handshake.path(), e);
      return Admission.refuse(500, "internal error");
    }
  }
}
