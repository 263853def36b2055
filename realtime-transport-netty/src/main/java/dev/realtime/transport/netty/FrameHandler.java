package dev.realtime.transport.netty;

import dev.realtime.protocol.CloseCodes;
import dev.realtime.transport.ConnectionListener;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.compression.DecompressionException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of a WebSocket channel's pipeline: delivers messages to the listener, answers pings and
 * close frames, sends heartbeats, and closes the way the peer can see.
 *
 * <p>Heartbeats come from the loop's one sweep ({@link LoopWork}), which calls {@link #tick} every
 * tick: a peer silent for one interval (nothing read, not even part of a frame) is pinged, one
 * silent for two is closed with 1006; a connection we have written nothing to for an interval is
 * pinged too. Once the handshake is done and nothing compresses, the pipeline is only the frame
 * decoder and this handler: control frames are encoded here ({@link SharedFrame#control}), data
 * frames arrive encoded, and text is checked for UTF-8 here ({@link Utf8}, 1007 when it is not, a
 * fragmented message's state kept between its fragments), not by a handler of its own.
 *
 * <p>An idle server holds one of these per open connection, so it keeps only what differs per
 * connection: the settings come from the {@link ServerState} all of them share.
 *
 * <p>Everything here runs on the channel's event loop. The close is <em>lingering</em>: after
 * sending a close frame the handler keeps reading (and discarding) until the peer's close frame,
 * the end of its stream or the close timeout, and only then closes the socket. Closing while the
 * peer's data is still unread would make the kernel answer with a reset, and a reset can destroy
 * our close frame before the peer reads it, so a client cut off for flooding would see 1006 instead
 * of the code we sent. After a protocol error the frame decoder cannot find the peer's close frame
 * any more, so the handler also ends its output (a TCP half-close) to tell the peer we are done.
 */
final class FrameHandler extends ChannelDuplexHandler {
  private static final Logger log = LoggerFactory.getLogger(FrameHandler.class);
  private static final int PROTOCOL_ERROR = 1002;
  private static final int NO_STATUS = 1005;

  private enum State { OPENING, OPEN, CLOSING, CLOSED }

  private final ConnectionListener listener;
  private final ServerState server;
  /** This handler's place in {@link LoopWork}'s array, -1 when not there. */
  int slot = -1;
  private int silentTicks;
  private int unwrittenTicks;
  /** Whether control frames are encoded here (the WebSocket encoder was removed). */
  private boolean encodeControl;
  private NettyConnection connection;
  private ChannelHandlerContext ctx;
  private State state = State.OPENING;
  private int closeCode = CloseCodes.ABNORMAL;
  private String closeReason = "";
  private boolean closeRemote = true;
  private CompositeByteBuf fragments;
  private boolean fragmentsText;
  /** The {@link Utf8} state after the fragments of a text message so far. */
  private byte utf8;

  FrameHandler(ConnectionListener listener, ServerState server) {
    this.listener = listener;
    this.server = server;
  }

  void connection(NettyConnection connection) {
    this.connection = connection;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
    loop().add(this);
  }

  /** The work of this channel's event loop: looked up, not kept, as it is once per connection. */
  private LoopWork loop() {
    return server.loopWork(ctx.channel().eventLoop());
  }

  NettyConnection connection() {
    return connection;
  }

  /**
   * The handshake response was written: the listener hears of the connection now. {@code
   * encodeControl} when the pipeline no longer has a WebSocket encoder.
   */
  void opened(boolean encodeControl) {
    if (state != State.OPENING) {
      return;
    }
    this.encodeControl = encodeControl;
    state = State.OPEN;
    try {
      listener.onOpen(connection);
    } catch (RuntimeException e) {
      log.warn("listener failed to open {}", connection, e);
      closeLocally(CloseCodes.INTERNAL_ERROR, "internal error");
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof WebSocketFrame frame)) {
      ReferenceCountUtil.release(msg);
      return;
    }
    try {
      if (state != State.OPEN) {
        // Lingering: data after our close frame is read and dropped; the peer's close ends it.
        if (frame instanceof CloseWebSocketFrame && state == State.CLOSING) {
          ctx.close();
        }
        return;
      }
      if (frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame) {
        dataFrame(frame, frame instanceof TextWebSocketFrame);
      } else if (frame instanceof ContinuationWebSocketFrame) {
        continuation(frame);
      } else if (frame instanceof PingWebSocketFrame) {
        control(new PongWebSocketFrame(frame.content().retain()));
      } else if (frame instanceof CloseWebSocketFrame close) {
        remoteClose(close);
      }
    } finally {
      frame.release();
    }
  }

  private void dataFrame(WebSocketFrame frame, boolean text) {
    if (text && !checkUtf8(Utf8.COMPLETE, frame)) {
      return;
    }
    if (frame.isFinalFragment()) {
      deliver(frame.content(), text);
      return;
    }
    fragments = ctx.alloc().compositeBuffer(1024);
    fragmentsText = text;
    append(frame);
  }

  private void continuation(WebSocketFrame frame) {
    if (fragments == null) {
      fail(PROTOCOL_ERROR, "continuation without a message");
      return;
    }
    if (fragmentsText && !checkUtf8(utf8, frame)) {
      return;
    }
    if (!append(frame)) {
      return;
    }
    if (frame.isFinalFragment()) {
      CompositeByteBuf message = fragments;
      fragments = null;
      try {
        deliver(message, fragmentsText);
      } finally {
        message.release();
      }
    }
  }

  /**
   * Checks a text frame's bytes for UTF-8 from the state {@code from} and keeps the state after
   * them; text that is not UTF-8, or a message ending mid-character (RFC 6455 8.1), is closed with
   * 1007 (checked before the size limit) and answers false.
   */
  private boolean checkUtf8(int from, WebSocketFrame frame) {
    int after = Utf8.scan(from, frame.content());
    if (after == Utf8.INVALID || frame.isFinalFragment() && after != Utf8.COMPLETE) {
      log.debug("{} sent text that is not UTF-8", connection);
      fail(WebSocketCloseStatus.INVALID_PAYLOAD_DATA.code(), WebSocketCloseStatus.INVALID_PAYLOAD_DATA.reasonText());
      return false;
    }
    utf8 = (byte) after;
    return true;
  }

  /** Adds a fragment, closing with 1009 once the message so far exceeds the limit. */
  private boolean append(WebSocketFrame frame) {
    int maxMessageBytes = server.settings().maxMessageBytes();
    if (fragments.readableBytes() + (long) frame.content().readableBytes() > maxMessageBytes) {
      releaseFragments();
      closeLocally(CloseCodes.MESSAGE_TOO_BIG, "message exceeds " + maxMessageBytes + " bytes");
      return false;
    }
    fragments.addComponent(true, frame.content().retain());
    return true;
  }

  private void deliver(ByteBuf payload, boolean text) {
    try {
      if (text) {
        listener.onText(connection, payload.toString(StandardCharsets.UTF_8));
      } else {
        listener.onBinary(connection, payload.nioBuffer().asReadOnlyBuffer());
      }
    } catch (RuntimeException e) {
      log.warn("listener failed on a message from {}", connection, e);
      reportError(e);
    }
  }

  private void remoteClose(CloseWebSocketFrame close) {
    int code = close.statusCode();
    closeCode = code < 0 ? NO_STATUS : code;
    closeReason = close.reasonText();
    closeRemote = true;
    state = State.CLOSING;
    connection.markClosed();
    CloseWebSocketFrame reply = code < 0 ? new CloseWebSocketFrame() : new CloseWebSocketFrame(code, "");
    // The server closes the TCP connection once the close handshake is complete (RFC 6455 7.1.1).
    control(reply).addListener(ChannelFutureListener.CLOSE);
  }

  /** Starts the closing handshake from our side; runs on the event loop. */
  void closeLocally(int code, String reason) {
    startClose(code, reason);
  }

  /** Sends our close frame and lingers; returns the frame's write, or null if none was sent. */
  private ChannelFuture startClose(int code, String reason) {
    connection.markClosed();
    if (state == State.CLOSING || state == State.CLOSED) {
      return null;
    }
    state = State.CLOSING;
    closeCode = code;
    closeReason = reason;
    closeRemote = false;
    if (!sendable(code)) {
      ctx.close();
      return null;
    }
    ChannelFuture sent = control(new CloseWebSocketFrame(code, reason));
    lingerUntilTimeout();
    return sent;
  }

  /** A protocol error: the stream cannot be trusted, so send our close and end our output. */
  private void fail(int code, String reason) {
    releaseFragments();
    ChannelFuture sent = startClose(code, reason);
    if (sent != null && ctx.channel() instanceof DuplexChannel duplex && ctx.pipeline().get("tls") == null) {
      sent.addListener(written -> {
        if (duplex.isActive()) {
          duplex.shutdownOutput();
        }
      });
    }
  }

  private void lingerUntilTimeout() {
    Duration closeTimeout = server.settings().closeTimeout();
    ctx.executor().schedule(() -> {
      if (ctx.channel().isActive()) {
        log.debug("{} did not complete the close handshake in {}; closing", connection, closeTimeout);
        ctx.close();
      }
    }, closeTimeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Frames written after our close frame are dropped: a close frame is the last one sent. */
  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (!writable()) {
      ReferenceCountUtil.release(msg);
      if (!promise.isVoid()) { // a void promise would report the failure as an exception and close at once
        promise.tryFailure(new ClosedChannelException());
      }
      return;
    }
    ctx.write(msg, promise);
  }

  /** Whether data frames may still be written: not after our close frame or the peer's. */
  boolean writable() {
    return state == State.OPENING || state == State.OPEN;
  }

  /** Bytes arrived (perhaps only part of a frame): the peer is alive. */
  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    silentTicks = 0;
    ctx.fireChannelReadComplete();
  }

  /**
   * Writes a data frame from this handler's place, so it skips {@link #write} (the caller checked
   * {@link #writable}) and goes straight to the handlers before us: one pipeline hop less per frame.
   */
  void writeData(Object frame, ChannelPromise promise) {
    ctx.write(frame, promise);
  }

  /** Something was written to the peer. */
  void wrote() {
    unwrittenTicks = 0;
  }

  /** The loop's heartbeat sweep: one more tick without a read, and without a write. */
  void tick() {
    int ticksPerInterval = server.ticksPerInterval();
    if (state != State.OPEN || ticksPerInterval == 0) {
      return;
    }
    // Strictly more than n ticks: at least a whole interval has passed (ticks count from the
    // sweep, not from the read), so a peer is never pinged early nor closed before two intervals.
    int silent = ++silentTicks;
    int unwritten = ++unwrittenTicks;
    if (silent > 2 * ticksPerInterval) {
      // Two intervals without a byte, not even a pong: the peer is gone or stuck.
      state = State.CLOSING;
      closeCode = CloseCodes.ABNORMAL;
      closeReason = "no pong within two heartbeat intervals";
      closeRemote = false;
      connection.markClosed();
      ctx.close();
    } else if (silent == ticksPerInterval + 1 || unwritten > ticksPerInterval) {
      control(new PingWebSocketFrame());
    }
  }

  /** Writes and flushes a control frame, encoded here unless the pipeline still encodes frames. */
  private ChannelFuture control(WebSocketFrame frame) {
    unwrittenTicks = 0;
    if (!encodeControl) {
      return ctx.writeAndFlush(frame);
    }
    ByteBuf encoded = SharedFrame.control(ctx.alloc(), frame);
    frame.release();
    return ctx.writeAndFlush(encoded);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    CorruptedWebSocketFrameException corrupted = find(cause, CorruptedWebSocketFrameException.class);
    if (corrupted != null) {
      log.debug("{} sent an invalid frame: {}", connection, corrupted.getMessage());
      fail(corrupted.closeStatus().code(), corrupted.closeStatus().reasonText());
    } else if (find(cause, DecompressionException.class) != null) {
      fail(CloseCodes.MESSAGE_TOO_BIG, "message exceeds " + server.settings().maxMessageBytes() + " bytes");
    } else if (cause instanceof IOException) {
      log.debug("{}: {}", connection, cause.toString());
      ctx.close();
    } else {
      log.warn("unexpected failure on {}", connection, cause);
      reportError(cause);
      fail(CloseCodes.INTERNAL_ERROR, "internal error");
    }
  }

  private static <T extends Throwable> T find(Throwable cause, Class<T> type) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  private void reportError(Throwable error) {
    try {
      listener.onError(connection, error);
    } catch (RuntimeException e) {
      log.warn("listener failed in onError for {}", connection, e);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    loop().remove(this);
    releaseFragments();
    if (state == State.OPEN || state == State.CLOSING) {
      closed();
    } else if (state == State.OPENING) {
      state = State.CLOSED;
      server.onRemoved().accept(connection);
    }
    ctx.fireChannelInactive();
  }

  private void closed() {
    state = State.CLOSED;
    connection.markClosed();
    try {
      listener.onClose(connection, closeCode, closeReason, closeRemote);
    } catch (RuntimeException e) {
      log.warn("listener failed to close {}", connection, e);
    } finally {
      server.onRemoved().accept(connection);
    }
  }

  private void releaseFragments() {
    if (fragments != null) {
      fragments.release();
      fragments = null;
    }
  }

  private static boolean sendable(int code) {
    return code >= 1000 && code <= 1003 || code >= 1007 && code <= 1014 || code >= 3000 && code <= 4999;
  }
}
