package dev.realtime.transport.netty;

import dev.realtime.transport.Connection;
import dev.realtime.transport.Handshake;
import dev.realtime.transport.OutboundMessage;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Netty channel seen through the core's {@link Connection}.
 *
 * <p>Messages reach the peer in the order their {@code send}s took this connection's lock, from
 * whichever thread: every write waits in {@link #pending} (a close too, so it follows them) until
 * the loop's {@link LoopWork} drains the connection, one task per loop for all its connections
 * with writes; the drain writes the whole batch and flushes once, so a burst of frames to one
 * peer is one gathering system call. (Netty's own {@code writeAndFlush} from several threads
 * would let a write from the loop overtake one submitted earlier from another thread, and costs a
 * task per write.)
 *
 * <p>{@link #queuedBytes()} is the channel's outbound buffer ({@code totalPendingWriteBytes})
 * plus the payloads still waiting for the event loop, and {@link #queuedMessages()} counts writes
 * whose promise has not yet completed (a promise completes when its bytes reached the socket, or
 * failed). A message goes out as a duplicate of its one shared frame buffer, or, on a connection
 * that negotiated permessage-deflate, as a frame object the pipeline compresses for this
 * connection alone.
 */
final class NettyConnection implements Connection, ChannelFutureListener {
  private static final int MAX_REASON_BYTES = 123;

  private final String id;
  private final Channel channel;
  private final Handshake handshake;
  private final FrameHandler frames;
  private final LoopWork loop;
  private final AtomicInteger queuedMessages = new AtomicInteger();
  private volatile boolean compressed;
  private boolean open = true;
  /** Writes (and a close) for the event loop, not yet in the pipeline; guarded by this. Created on first use. */
  private ArrayDeque<Object> pending;
  /** Whether a drain task is queued; guarded by this. While it is, {@link #pending} may hold writes. */
  private boolean drainScheduled;
  /** The payload bytes in {@link #pending}; written under this. */
  private volatile long pendingBytes;

  private record PendingClose(int code, String reason) {}

  NettyConnection(String id, Channel channel, Handshake handshake, FrameHandler frames, LoopWork loop) {
    this.id = id;
    this.channel = channel;
    this.handshake = handshake;
    this.frames = frames;
    this.loop = loop;
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
    enqueue(compressed ? perConnectionFrame(message) : SharedFrame.of(message).duplicate());
    pendingBytes += message.size();
  }

  /** Holding the lock: queues a frame or a close and, first in a burst, asks the loop for a drain. */
  private void enqueue(Object item) {
    if (pending == null) {
      pending = new ArrayDeque<>();
    }
    pending.add(item);
    if (!drainScheduled) {
      drainScheduled = true;
      loop.drainSoon(this);
    }
  }

  /**
   * On the event loop: moves the waiting writes into the pipeline, in order, flushing before a
   * close and at the end, so a burst of frames to this peer is one gathering system call.
   */
  void drain() {
    ArrayDeque<Object> batch;
    long bytes;
    synchronized (this) {
      batch = pending;
      bytes = pendingBytes;
      pending = null;
      drainScheduled = false;
    }
    if (batch == null) {
      return;
    }
    boolean unflushed = false;
    for (Object item = batch.poll(); item != null; item = batch.poll()) {
      if (item instanceof PendingClose close) {
        unflushed = flush(unflushed);
        frames.closeLocally(close.code(), close.reason());
      } else if (!frames.writable()) {
        ReferenceCountUtil.release(item); // closed meanwhile: dropped, and no longer queued
        queuedMessages.decrementAndGet();
      } else {
        // A promise each, so queuedMessages falls as each frame reaches the socket.
        channel.write(item, channel.newPromise().addListener(this));
        unflushed = true;
      }
    }
    flush(unflushed);
    synchronized (this) {
      pendingBytes -= bytes; // only now: until here the bytes were in neither figure
    }
  }

  private boolean flush(boolean unflushed) {
    if (unflushed) {
      channel.flush();
      frames.wrote();
    }
    return false;
  }

  /** A write completed (its bytes reached the socket) or failed: either way it left the queue. */
  @Override
  public void operationComplete(ChannelFuture future) {
    queuedMessages.decrementAndGet();
  }

  synchronized void failPending(Throwable cause) {
    ArrayDeque<Object> failed = pending;
    pending = null;
    drainScheduled = false;
    pendingBytes = 0;
    if (failed != null) {
      for (Object item : failed) {
        if (!(item instanceof PendingClose)) {
          ReferenceCountUtil.release(item);
          queuedMessages.decrementAndGet();
        }
      }
    }
  }

  private static WebSocketFrame perConnectionFrame(OutboundMessage message) {
    // The payload is wrapped, not copied: the deflate encoder reads it and writes its own output.
    return message.isText()
        ? new TextWebSocketFrame(Unpooled.wrappedBuffer(message.payload()))
        : new BinaryWebSocketFrame(Unpooled.wrappedBuffer(message.payload()));
  }

  @Override
  public void close(int code, String reason) {
    if (markClosed()) {
      String truncated = truncateReason(reason);
      // Behind every write sent before it: directly only on the loop with nothing waiting.
      synchronized (this) {
        if (drainScheduled || !channel.eventLoop().inEventLoop()) {
          enqueue(new PendingClose(code, truncated));
          return;
        }
      }
      frames.closeLocally(code, truncated);
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
