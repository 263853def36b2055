package dev.realtime.transport.netty;

import dev.realtime.transport.Connection;
import dev.realtime.transport.Handshake;
import dev.realtime.transport.OutboundMessage;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Netty channel seen through the core's {@link Connection}.
 *
 * <p>Messages reach the peer in the order their {@code send}s took this connection's lock, from
 * whichever thread: a write from another thread waits in {@link #pending} for one task on the
 * event loop, and a write from the event loop itself goes straight into the pipeline only while
 * nothing waits there (Netty's own {@code writeAndFlush} would let a write from the loop overtake
 * one submitted earlier from another thread).
 *
 * <p>{@link #queuedBytes()} is the channel's outbound buffer ({@code totalPendingWriteBytes})
 * plus the payloads still waiting for the event loop, and {@link #queuedMessages()} counts writes
 * whose promise has not yet completed (a promise completes when its bytes reached the socket, or
 * failed). A message goes out as a duplicate of its one shared frame buffer, or, on a connection
 * that negotiated permessage-deflate, as a frame object the pipeline compresses for this
 * connection alone. Flushes are consolidated by the pipeline's {@code FlushConsolidationHandler}.
 */
final class NettyConnection implements Connection, ChannelFutureListener {
  private static final int MAX_REASON_BYTES = 123;

  private final String id;
  private final Channel channel;
  private final Handshake handshake;
  private final FrameHandler frames;
  private final AtomicInteger queuedMessages = new AtomicInteger();
  private volatile boolean compressed;
  private boolean open = true;
  /** Writes handed to the event loop, not yet in the pipeline; guarded by this. Created on first use. */
  private ArrayDeque<Pending> pending;
  /** Whether a drain task is queued; guarded by this. While it is, {@link #pending} may hold writes. */
  private boolean drainScheduled;
  /** The payload bytes in {@link #pending}; written under this. */
  private volatile long pendingBytes;

  private record Pending(Object frame, ChannelPromise promise, int bytes) {}

  NettyConnection(String id, Channel channel, Handshake handshake, FrameHandler frames) {
    this.id = id;
    this.channel = channel;
    this.handshake = handshake;
    this.frames = frames;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public Handshake handshake() {
    return handshake;
  }

  @Override
  public synchronized boolean send(OutboundMessage message) {
    if (!open) {
      return false;
    }
    write(message);
    return true;
  }

  /** Checks the limits and queues under one lock: the hub calls this once per delivery. */
  @Override
  public synchronized Offer offer(OutboundMessage message, long maxQueuedBytes, int maxQueuedMessages) {
    if (!open) {
      return Offer.CLOSED;
    }
    int queued = queuedMessages.get();
    if (queued > 0 && (queued >= maxQueuedMessages || queuedBytes() + message.size() > maxQueuedBytes)) {
      return Offer.FULL;
    }
    write(message);
    return Offer.QUEUED;
  }

  /** Called holding this connection's lock, which orders every send. */
  private void write(OutboundMessage message) {
    queuedMessages.incrementAndGet();
    Object frame = compressed ? perConnectionFrame(message) : SharedFrame.of(message).duplicate();
    ChannelPromise promise = channel.newPromise().addListener(this);
    EventLoop loop = channel.eventLoop();
    if (!drainScheduled && loop.inEventLoop()) {
      channel.writeAndFlush(frame, promise); // nothing waits ahead of it
      return;
    }
    if (pending == null) {
      pending = new ArrayDeque<>();
    }
    pending.add(new Pending(frame, promise, message.size()));
    pendingBytes += message.size();
    if (!drainScheduled) {
      drainScheduled = true;
      try {
        loop.execute(this::drain);
      } catch (RejectedExecutionException e) {
        failPending(e); // the event loop is shutting down
      }
    }
  }

  /** On the event loop: moves the waiting writes into the pipeline, in order, with one flush. */
  private void drain() {
    ArrayDeque<Pending> batch;
    synchronized (this) {
      batch = pending;
      pending = null;
      drainScheduled = false;
    }
    if (batch == null) {
      return;
    }
    long written = 0;
    for (Pending write : batch) {
      channel.write(write.frame(), write.promise());
      written += write.bytes();
    }
    channel.flush();
    synchronized (this) {
      pendingBytes -= written; // only now: until here the bytes were in neither figure
    }
  }

  private synchronized void failPending(Throwable cause) {
    ArrayDeque<Pending> failed = pending;
    pending = null;
    drainScheduled = false;
    pendingBytes = 0;
    if (failed != null) {
      for (Pending write : failed) {
        ReferenceCountUtil.release(write.frame());
        write.promise().tryFailure(cause);
      }
    }
  }

  private static WebSocketFrame perConnectionFrame(OutboundMessage message) {
    // The payload is wrapped, not copied: the deflate encoder reads it and writes its own output.
    return message.isText()
        ? new TextWebSocketFrame(Unpooled.wrappedBuffer(message.payload()))
        : new BinaryWebSocketFrame(Unpooled.wrappedBuffer(message.payload()));
  }

  /** A write completed (its bytes reached the socket) or failed: either way it left the queue. */
  @Override
  public void operationComplete(ChannelFuture future) {
    queuedMessages.decrementAndGet();
  }

  @Override
  public void close(int code, String reason) {
    if (markClosed()) {
      String truncated = truncateReason(reason);
      // Through the event loop's queue unless nothing waits there, so the close frame follows
      // every write sent before it.
      boolean direct;
      synchronized (this) {
        direct = !drainScheduled && channel.eventLoop().inEventLoop();
      }
      if (direct) {
        frames.closeLocally(code, truncated);
      } else {
        channel.eventLoop().execute(() -> frames.closeLocally(code, truncated));
      }
    }
  }

  /** Stops taking messages; returns whether this call was the one that closed it. */
  synchronized boolean markClosed() {
    boolean was = open;
    open = false;
    return was;
  }

  void compressed(boolean enabled) {
    this.compressed = enabled;
  }

  @Override
  public synchronized boolean isOpen() {
    return open;
  }

  @Override
  public long queuedBytes() {
    ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
    return (buffer == null ? 0 : buffer.totalPendingWriteBytes()) + pendingBytes;
  }

  @Override
  public int queuedMessages() {
    return queuedMessages.get();
  }

  Channel channel() {
    return channel;
  }

  static String truncateReason(String reason) {
    if (reason == null) {
      return "";
    }
    if (reason.getBytes(StandardCharsets.UTF_8).length <= MAX_REASON_BYTES) {
      return reason;
    }
    int end = reason.length();
    while (reason.substring(0, end).getBytes(StandardCharsets.UTF_8).length > MAX_REASON_BYTES) {
      end--;
      if (end > 0 && Character.isHighSurrogate(reason.charAt(end - 1))) {
        end--;
      }
    }
    return reason.substring(0, end);
  }

  @Override
  public String toString() {
    return "NettyConnection[" + id + " " + handshake.remoteAddress() + handshake.path() + "]";
  }
}
