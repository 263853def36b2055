package dev.realtime.transport.netty;

import dev.realtime.transport.Connection;
import dev.realtime.transport.ConnectionListener;
import dev.realtime.transport.Handshake;
import dev.realtime.transport.OutboundMessage;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import io.netty.channel.VoidChannelPromise;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * A Netty channel seen through the core's {@link Connection}; the same object is the channel's
 * WebSocket handler ({@link FrameHandler}), so a connection costs one object, not three.
 *
 * <p>Messages reach the peer in the order their {@code send}s took this connection's lock, from
 * whichever thread: every write waits in {@link #queued} (a close too, so it follows them) until
 * the loop's {@link LoopWork} drains the connection, one task per loop for all its connections
 * with writes; the drain writes the whole batch (small frames copied into one buffer, {@link
 * FrameBatch}) and flushes once, so a burst of frames to one peer is one system call. (Netty's own {@code writeAndFlush} from several threads
 * would let a write from the loop overtake one submitted earlier from another thread, and costs a
 * task per write.)
 *
 * <p>{@link #queuedBytes()} is the channel's outbound buffer ({@code totalPendingWriteBytes})
 * plus the payloads still waiting for the event loop, and {@link #queuedMessages()} the channel's
 * flushed outbound entries (a frame leaves when its last byte reached the socket; a merged buffer
 * counts its frames) plus the frames still waiting for the event loop. A message goes out as its one shared frame buffer (copied into a merged buffer, or written as a duplicate), or, on a connection
 * that negotiated permessage-deflate, as a frame object the pipeline compresses for this
 * connection alone.
 */
final class NettyConnection extends FrameHandler implements Connection {
  private static final int MAX_REASON_BYTES = 123;

  private final long id; // formatted on demand: a string per connection is 50 bytes kept for logs
  private final Channel channel;
  private final Handshake handshake;
  /** The listener's object for this connection (the hub's client), so it needs no map to find it. */
  private volatile Object attachment;
  private volatile boolean compressed;
  private boolean open = true;
  /**
   * The writes (and a close) waiting for the event loop, guarded by this: null, the one write of
   * the burst (most bursts are one frame: no queue for them), or an {@link ArrayDeque} of several
   * (never itself a write).
   */
  private Object queued;
  /** Whether a drain is asked for; guarded by this. While it is, {@link #queued} may hold writes. */
  private boolean drainScheduled;
  /** The frames and payload bytes waiting for the event loop; written under this. */
  private volatile int pendingFrames;
  private volatile long pendingBytes;
  /** Frames merged into another frame's buffer and not yet written ({@link FrameBatch}); written on the loop. */
  private volatile int mergedExtra;
  /**
   * Whether the channel's outbound buffer may hold something: false only while the last drain's
   * flush left it empty; written on the loop. A fan-out offers a frame to thousands of connections
   * whose outbound buffers are almost always empty, and reading one costs three dependent loads
   * (channel, unsafe, buffer), each a cache miss at that scale; {@link #offer} skips them then.
   * (A control frame the handler writes itself, a pong, is not in the flag: at most a frame or two
   * uncounted by the limit check, never by {@link #queuedMessages()}.)
   */
  private volatile boolean outboundInUse;

  private record PendingClose(int code, String reason) {}

  /**
   * A connection for {@code channel}'s upgrade; {@code decodes} when it is to be the channel's frame
   * decoder too (see {@link FrameHandler}).
   */
  NettyConnection(
      long id, Channel channel, Handshake handshake, ConnectionListener listener, LoopWork loop,
      boolean decodes) {
    super(listener, loop, decodes);
    this.id = id;
    this.channel = channel;
    this.handshake = handshake;
  }

  @Override
  public String id() {
    return "netty-" + id;
  }

  @Override
  public Handshake handshake() {
    return handshake;
  }

  @Override
  public boolean attach(Object attachment) {
    this.attachment = attachment;
    return true;
  }

  @Override
  public Object attachment() {
    return attachment;
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
    int queued = pendingFrames + mergedExtra;
    long bytes = pendingBytes;
    if (outboundInUse) {
      ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
      if (buffer != null) {
        queued += buffer.size();
        bytes += buffer.totalPendingWriteBytes();
      }
    }
    if (queued > 0 && (queued >= maxQueuedMessages || bytes + message.size() > maxQueuedBytes)) {
      return Offer.FULL;
    }
    write(message);
    return Offer.QUEUED;
  }

  /** Called holding this connection's lock, which orders every send. */
  private void write(OutboundMessage message) {
    // The shared frame itself, not a duplicate per recipient: the drain copies it by index or
    // duplicates it once when it writes it alone (FrameBatch).
    enqueue(compressed ? perConnectionFrame(message) : SharedFrame.of(message));
    pendingFrames++;
    pendingBytes += message.size();
  }

  /** Holding the lock: queues a frame or a close and, first in a burst, asks the loop for a drain. */
  private void enqueue(Object item) {
    if (queued == null) {
      queued = item;
    } else if (queued instanceof ArrayDeque<?> several) {
      @SuppressWarnings("unchecked")
      ArrayDeque<Object> writes = (ArrayDeque<Object>) several;
      writes.add(item);
    } else {
      ArrayDeque<Object> writes = new ArrayDeque<>();
      writes.add(queued);
      writes.add(item);
      queued = writes;
    }
    if (!drainScheduled) {
      drainScheduled = true;
      loop().drainSoon(this);
    }
  }

  /**
   * On the event loop: moves the waiting writes into the pipeline, in order, flushing before a
   * close and at the end, so a burst of frames to this peer is one gathering system call. Writes
   * take no promise of their own (a promise and its listener per frame cost a quarter of a busy
   * loop's time): {@link #queuedMessages()} counts the channel's outbound entries instead.
   */
  @Override
  void drain() {
    Object taken;
    int frameCount;
    long bytes;
    synchronized (this) {
      taken = queued;
      frameCount = pendingFrames;
      bytes = pendingBytes;
      queued = null;
      drainScheduled = false;
    }
    if (taken == null) {
      return;
    }
    // Failures need no report: a failed write means the channel is closing.
    ChannelPromise unobserved = new VoidChannelPromise(channel, false);
    outboundInUse = true; // before the first write: an offer meanwhile counts the buffer
    FrameBatch batch = loop().batch();
    batch.begin(this, unobserved, bytes, frameCount);
    boolean unflushed = false;
    if (taken instanceof ArrayDeque<?> several) {
      for (Object item : several) {
        unflushed = write(item, batch, unflushed);
      }
    } else {
      unflushed = write(taken, batch, false);
    }
    batch.finish();
    flush(unflushed);
    ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
    outboundInUse = buffer != null && (buffer.size() > 0 || buffer.totalPendingWriteBytes() > 0);
    synchronized (this) {
      // Only now: until here the frames were in neither figure (or briefly in both).
      pendingFrames -= frameCount;
      pendingBytes -= bytes;
    }
  }

  /**
   * One queued item of a drain: a frame into the batch, or a close, which writes and flushes the
   * batch so far first; a frame after the close is dropped. Returns whether writes wait for a flush.
   */
  private boolean write(Object item, FrameBatch batch, boolean unflushed) {
    if (item instanceof PendingClose close) {
      batch.end();
      flush(unflushed);
      closeLocally(close.code(), close.reason());
      return false;
    }
    if (!writable()) {
      ReferenceCountUtil.release(item); // closed meanwhile: dropped
      return unflushed;
    }
    batch.add(item);
    return true;
  }

  private boolean flush(boolean unflushed) {
    if (unflushed) {
      channel.flush();
      wrote();
    }
    return false;
  }

  synchronized void failPending(Throwable cause) {
    Object taken = queued;
    queued = null;
    drainScheduled = false;
    pendingFrames = 0;
    pendingBytes = 0;
    if (taken instanceof ArrayDeque<?> several) {
      several.forEach(NettyConnection::release);
    } else {
      release(taken);
    }
  }

  private static void release(Object item) {
    if (item != null && !(item instanceof PendingClose)) {
      ReferenceCountUtil.release(item);
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
      // Behind every write sent before it: from another thread it queues behind them; on the loop
      // the close itself writes what is queued first (FrameHandler#startClose).
      if (!channel.eventLoop().inEventLoop()) {
        synchronized (this) {
          enqueue(new PendingClose(code, truncated));
        }
        return;
      }
      closeLocally(code, truncated);
    }
  }

  @Override
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
    ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
    return (buffer == null ? 0 : buffer.size()) + mergedExtra + pendingFrames;
  }

  /** On the loop: {@code frames} more (or fewer) frames are queued inside merged buffers. */
  void mergedQueued(int frames) {
    mergedExtra += frames;
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
