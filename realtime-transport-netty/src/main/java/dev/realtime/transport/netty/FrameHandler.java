package dev.realtime.transport.netty;

import dev.realtime.protocol.CloseCodes;
import dev.realtime.transport.ConnectionListener;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
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
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket side of a channel: decodes frames, delivers messages to the listener, answers pings
 * and close frames, sends heartbeats, and closes the way the peer can see.
 *
 * <p>One object per connection does all of it: this class is the frame decoder (Netty's, extended)
 * and its subclass {@link NettyConnection} is the core's connection, so an open connection holds
 * one handler and one pipeline context for its WebSocket side instead of three objects and two
 * contexts (about 100 bytes per idle connection). Where the handshaker's own decoder must come
 * first, because frames are inflated between the decoder and us (permessage-deflate is configured)
 * or the client speaks a WebSocket version before 13, this handler sits at the end of the pipeline
 * instead and takes the decoded frames; it never decodes bytes itself then.
 *
 * <p>Heartbeats come from the loop's one sweep ({@link LoopWork}), which calls {@link #tick} every
 * tick: a peer silent for one interval (nothing read, not even part of a frame) is pinged, one
 * silent for two is closed with 1006; a connection we have written nothing to for an interval is
 * pinged too. Once the handshake is done and nothing compresses, the pipeline is only this handler:
 * control frames are encoded here ({@link SharedFrame#control}), data frames arrive encoded, and
 * text is checked for UTF-8 here ({@link Utf8}, 1007 when it is not, a fragmented message's state
 * kept between its fragments), not by a handler of its own. Every frame written after the handshake
 * starts here (data frames from {@link NettyConnection#drain}, control frames from this class), and
 * each checks the state first, so nothing follows our close frame.
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
abstract sealed class FrameHandler extends WebSocket13FrameDecoder permits NettyConnection {
  private static final Logger log = LoggerFactory.getLogger(FrameHandler.class);
  private static final int PROTOCOL_ERROR = 1002;
  private static final int NO_STATUS = 1005;

  private enum State { OPENING, OPEN, CLOSING, CLOSED }

  /** A close's code, reason and side: one reference per connection until it closes. */
  private record Closing(int code, String reason, boolean remote) {}

  /** The connection ended without a close handshake. */
  private static final Closing DROPPED = new Closing(CloseCodes.ABNORMAL, "", true);
  private static final Closing SILENT =
      new Closing(CloseCodes.ABNORMAL, "no pong within two heartbeat intervals", false);

  private final ConnectionListener listener;
  /** This channel's event loop's work, and through it the server's shared state. */
  private final LoopWork loop;
  /** Whether bytes are decoded here; false when a decoder before us hands us frames. */
  private final boolean decodes;
  /** This handler's place in {@link LoopWork}'s array, -1 when not there. */
  int slot = -1;
  private int silentTicks;
  private int unwrittenTicks;
  /** Whether control frames are encoded here (the WebSocket encoder was removed). */
  private boolean encodeControl;
  private ChannelHandlerContext ctx;
  private State state = State.OPENING;
  /** How the connection closes, as the listener will hear it: set when the close begins. */
  private Closing closing = DROPPED;
  private CompositeByteBuf fragments;
  private boolean fragmentsText;
  /** The {@link Utf8} state after the fragments of a text message so far. */
  private byte utf8;

  FrameHandler(ConnectionListener listener, LoopWork loop, boolean decodes) {
    super(loop.server().decoderConfig());
    this.listener = listener;
    this.loop = loop;
    this.decodes = decodes;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
    loop().add(this);
  }

  /** The work of this channel's event loop. */
  final LoopWork loop() {
    return loop;
  }

  private ServerState server() {
    return loop.server();
  }

  /** This handler as the core sees it: the same object. */
  final NettyConnection connection() {
    return (NettyConnection) this;
  }

  /** Whether this handler decodes the channel's bytes (rather than taking frames decoded before it). */
  final boolean decodes() {
    return decodes;
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
      listener.onOpen(connection());
    } catch (RuntimeException e) {
      log.warn("listener failed to open {}", this, e);
      closeLocally(CloseCodes.INTERNAL_ERROR, "internal error");
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    if (decodes && msg instanceof ByteBuf) {
      super.channelRead(ctx, msg); // decodes, calling decode below for each frame
    } else if (msg instanceof WebSocketFrame frame) {
      frame(frame);
    } else {
      ReferenceCountUtil.release(msg);
    }
  }

  /** Netty's decoder adds the frame it decoded to {@code out}: it is handled here, not passed on. */
  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
    int before = out.size();
    super.decode(ctx, in, out);
    while (out.size() > before) {
      frame((WebSocketFrame) out.remove(before));
    }
  }

  private void frame(WebSocketFrame frame) {
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
      log.debug("{} sent text that is not UTF-8", this);
      fail(WebSocketCloseStatus.INVALID_PAYLOAD_DATA.code(), WebSocketCloseStatus.INVALID_PAYLOAD_DATA.reasonText());
      return false;
    }
    utf8 = (byte) after;
    return true;
  }

  /** Adds a fragment, closing with 1009 once the message so far exceeds the limit. */
  private boolean append(WebSocketFrame frame) {
    int maxMessageBytes = server().settings().maxMessageBytes();
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
        listener.onText(connection(), payload.toString(StandardCharsets.UTF_8));
      } else {
        listener.onBinary(connection(), payload.nioBuffer().asReadOnlyBuffer());
      }
    } catch (RuntimeException e) {
      log.warn("listener failed on a message from {}", this, e);
      reportError(e);
    }
  }

  private void remoteClose(CloseWebSocketFrame close) {
    int code = close.statusCode();
    closing = new Closing(code < 0 ? NO_STATUS : code, close.reasonText(), true);
    state = State.CLOSING;
    markClosed();
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
    markClosed();
    if (state == State.CLOSING || state == State.CLOSED) {
      return null;
    }
    // What was sent before this close goes first (the echo of a message that came before a
    // protocol error, say): a close frame is the last frame, and nothing accepted is dropped.
    drain();
    if (state == State.CLOSING || state == State.CLOSED) {
      return null; // a close queued among those writes went out instead
    }
    state = State.CLOSING;
    closing = new Closing(code, reason, false);
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
    Duration closeTimeout = server().settings().closeTimeout();
    ctx.executor().schedule(() -> {
      if (ctx.channel().isActive()) {
        log.debug("{} did not complete the close handshake in {}; closing", this, closeTimeout);
        ctx.close();
      }
    }, closeTimeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Whether data frames may still be written: not after our close frame or the peer's. */
  boolean writable() {
    return state == State.OPENING || state == State.OPEN;
  }

  /** Bytes arrived (perhaps only part of a frame): the peer is alive. */
  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
    silentTicks = 0;
    super.channelReadComplete(ctx);
  }

  /**
   * Writes a data frame from this handler's place (the caller checked {@link #writable}), so it
   * goes straight to the handlers before us: the socket, or the deflate encoder when this handler
   * is the pipeline's last.
   */
  final void writeData(Object frame, ChannelPromise promise) {
    ctx.write(frame, promise);
  }

  /** Something was written to the peer. */
  void wrote() {
    unwrittenTicks = 0;
  }

  /** The loop's heartbeat sweep: one more tick without a read, and without a write. */
  void tick() {
    int ticksPerInterval = server().ticksPerInterval();
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
      closing = SILENT;
      markClosed();
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
      log.debug("{} sent an invalid frame: {}", this, corrupted.getMessage());
      fail(corrupted.closeStatus().code(), corrupted.closeStatus().reasonText());
    } else if (find(cause, DecompressionException.class) != null) {
      fail(CloseCodes.MESSAGE_TOO_BIG, "message exceeds " + server().settings().maxMessageBytes() + " bytes");
    } else if (cause instanceof IOException) {
      log.debug("{}: {}", this, cause.toString());
      ctx.close();
    } else {
      log.warn("unexpected failure on {}", this, cause);
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
      listener.onError(connection(), error);
    } catch (RuntimeException e) {
      log.warn("listener failed in onError for {}", this, e);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    loop().remove(this);
    releaseFragments();
    if (state == State.OPEN || state == State.CLOSING) {
      closed();
    } else if (state == State.OPENING) {
      state = State.CLOSED;
      server().onRemoved().accept(connection());
    }
    super.channelInactive(ctx); // what is left undecoded is dropped (closed now), then passed on
  }

  private void closed() {
    state = State.CLOSED;
    markClosed();
    try {
      listener.onClose(connection(), closing.code(), closing.reason(), closing.remote());
    } catch (RuntimeException e) {
      log.warn("listener failed to close {}", this, e);
    } finally {
      server().onRemoved().accept(connection());
    }
  }

  private void releaseFragments() {
    if (fragments != null) {
      fragments.release();
      fragments = null;
    }
  }

  /** Stops taking messages; returns whether this call was the one that closed it. */
  abstract boolean markClosed();

  /** Writes what {@link NettyConnection} queued for the loop; on the loop. */
  abstract void drain();

  private static boolean sendable(int code) {
    return code >= 1000 && code <= 1003 || code >= 1007 && code <= 1014 || code >= 3000 && code <= 4999;
  }
}
