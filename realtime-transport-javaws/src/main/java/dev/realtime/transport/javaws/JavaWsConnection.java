package dev.realtime.transport.javaws;

import dev.realtime.protocol.CloseCodes;
import dev.realtime.transport.Connection;
import dev.realtime.transport.Handshake;
import dev.realtime.transport.OutboundMessage;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.server.WebSocketServer;

/**
 * A Java-WebSocket connection seen through the core's {@link Connection}.
 *
 * <p>Java-WebSocket's outbound queue is unbounded and says only whether it is empty, so this
 * class measures it: it records the size of every frame it queues and, since the selector removes
 * written frames from the head in order, reconciles against the queue's length to know what is
 * still waiting. Control frames the library queues itself can only make the estimate high, never
 * low, so the hub's limits stay safe.
 */
final class JavaWsConnection implements Connection {
  private static final int MAX_REASON_BYTES = 123;
  private static final int RECONCILE_EVERY = 32;

  private final String id;
  private final WebSocketImpl socket;
  private final WebSocketServer server;
  private final Handshake handshake;
  private final JavaWsServer owner;
  private final SizeQueue pending = new SizeQueue();
  private long pendingBytes;
  private volatile int closeCode = CloseCodes.ABNORMAL;
  private volatile String closeReason = "close timeout";
  private final AtomicBoolean watched = new AtomicBoolean();
  // The listener's object for this connection (the hub's client), so it needs no map to find it.
  private volatile Object attachment;

  JavaWsConnection(
      String id, WebSocketImpl socket, WebSocketServer server, Handshake handshake, JavaWsServer owner) {
    this.id = id;
    this.socket = socket;
    this.server = server;
    this.handshake = handshake;
    this.owner = owner;
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
    if (!socket.isOpen()) {
      return false;
    }
    reconcile();
    enqueue(message);
    return true;
  }

  /** Checks the limits and queues under one lock: this runs once per delivered message. */
  @Override
  public synchronized Offer offer(OutboundMessage message, long maxQueuedBytes, int maxQueuedMessages) {
    if (!socket.isOpen()) {
      return Offer.CLOSED;
    }
    // The unreconciled count only overestimates the queue, so when it is within the limits the
    // message may go without reading the queue's length, a counter the selector thread writes on
    // every frame; reading it once per few dozen sends keeps that line from bouncing.
    if (pending.size() >= RECONCILE_EVERY || exceeds(message, maxQueuedBytes, maxQueuedMessages)) {
      reconcile();
      if (exceeds(message, maxQueuedBytes, maxQueuedMessages)) {
        return Offer.FULL;
      }
    }
    enqueue(message);
    return Offer.QUEUED;
  }

  private boolean exceeds(OutboundMessage message, long maxQueuedBytes, int maxQueuedMessages) {
    int queued = pending.size();
    return queued > 0 && (queued >= maxQueuedMessages || pendingBytes + message.size() > maxQueuedBytes);
  }

  private void enqueue(OutboundMessage message) {
    byte[] frame = message.encoded(FrameEncoder.INSTANCE);
    socket.outQueue.add(ByteBuffer.wrap(frame));
    pending.add(frame.length);
    pendingBytes += frame.length;
    server.onWriteDemand(socket);
    if (watched.compareAndSet(false, true)) {
      owner.watchWrites(this);
    }
  }

  @Override
  public void close(int code, String reason) {
    closeCode = code;
    closeReason = truncateReason(reason);
    socket.close(code, closeReason);
    owner.scheduleHardClose(this);
  }

  /**
   * Drops the TCP connection of a peer that did not answer our close in time; the listener hears
   * the code we sent (the hub's 1013 stays 1013), as it would have from a prompt peer.
   */
  void closeNow() {
    socket.closeConnection(closeCode, closeReason);
  }

  /**
   * Re-arms the selector for a socket whose queue holds frames while it is not registered for
   * writing: Java-WebSocket's selector clears the write interest after it emptied a queue, and a
   * frame queued between those two steps would wait for the next write (a lost wakeup). Returns
   * whether frames are still queued, so the sweep keeps watching.
   */
  boolean rearmIfStalled() {
    watched.set(false);
    if (!socket.isOpen() || socket.outQueue.isEmpty()) {
      return false;
    }
    SelectionKey key = socket.getSelectionKey();
    try {
      if (key != null && key.isValid() && (key.interestOps() & SelectionKey.OP_WRITE) == 0) {
        server.onWriteDemand(socket);
      }
    } catch (CancelledKeyException e) {
      return false;
    }
    return watched.compareAndSet(false, true);
  }

  @Override
  public boolean isOpen() {
    return socket.isOpen();
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

  boolean isClosed() {
    return socket.isClosed();
  }

  @Override
  public synchronized long queuedBytes() {
    reconcile();
    return pendingBytes;
  }

  @Override
  public synchronized int queuedMessages() {
    reconcile();
    return pending.size();
  }

  private void reconcile() {
    int stillQueued = socket.outQueue.size();
    while (pending.size() > stillQueued) {
      pendingBytes -= pending.removeFirst();
    }
  }

  static String truncateReason(String reason) {
    if (reason == null) {
      return "";
    }
    byte[] bytes = reason.getBytes(StandardCharsets.UTF_8);
    if (bytes.length <= MAX_REASON_BYTES) {
      return reason;
    }
    int end = reason.length();
    while (reason.substring(0, end).getBytes(StandardCharsets.UTF_8).length > MAX_REASON_BYTES) {
      end--;
      if (end > 0 && Character.isLowSurrogate(reason.charAt(end))) {
        end--;
      }
    }
    return reason.substring(0, end);
  }

  @Override
  public String toString() {
    return "JavaWsConnection[" + id + " " + handshake.remoteAddress() + handshake.path() + "]";
  }

  /** A growable ring of frame sizes (capacity a power of two), cheaper than boxed integers. */
  private static final class SizeQueue {
    private int[] sizes = new int[8];
    private int head;
    private int count;

    void add(int size) {
      if (count == sizes.length) {
        int[] grown = new int[sizes.length * 2];
        for (int i = 0; i < count; i++) {
          grown[i] = sizes[(head + i) & (sizes.length - 1)];
        }
        sizes = grown;
        head = 0;
      }
      sizes[(head + count) & (sizes.length - 1)] = size;
      count++;
    }

    int removeFirst() {
      int size = sizes[head];
      head = (head + 1) & (sizes.length - 1);
      count--;
      return size;
    }

    int size() {
      return count;
    }
  }
}
