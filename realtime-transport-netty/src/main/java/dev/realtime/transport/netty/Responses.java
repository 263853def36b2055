package dev.realtime.transport.netty;

import dev.realtime.transport.netty.http.RestResponse;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/** Writes HTTP responses with the headers every response carries. */
final class Responses {
  private Responses() {}

  /**
   * Writes {@code response} (without its body for HEAD), with {@code nosniff}, the content security
   * policy and no caching, and closes the connection after it unless {@code keepAlive}.
   */
  static ChannelFuture send(
      ChannelHandlerContext ctx, boolean head, boolean keepAlive, RestResponse response, Settings settings) {
    FullHttpResponse http = new DefaultFullHttpResponse(
        HttpVersion.HTTP_1_1,
        HttpResponseStatus.valueOf(response.status()),
        head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(response.body()));
    HttpHeaders headers = http.headers();
    headers.set(HttpHeaderNames.CONTENT_TYPE, response.contentType());
    headers.set(HttpHeaderNames.CONTENT_LENGTH, response.body().length);
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("Content-Security-Policy", settings.contentSecurityPolicy());
    headers.set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
    headers.set("Referrer-Policy", "no-referrer");
    response.headers().forEach(headers::set);
    headers.set(HttpHeaderNames.CONNECTION, keepAlive ? HttpHeaderValues.KEEP_ALIVE : HttpHeaderValues.CLOSE);
    ChannelFuture written = ctx.writeAndFlush(http);
    if (!keepAlive) {
      written.addListener(ChannelFutureListener.CLOSE);
    }
    return written;
  }
}
