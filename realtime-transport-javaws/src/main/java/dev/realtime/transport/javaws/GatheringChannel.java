package dev.realtime.transport.javaws;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.Iterator;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.WrappedByteChannel;

/**
 * A socket channel that writes a connection's queued frames with one gathering write.
 *
 * <p>Java-WebSocket's selector writes a connection's queue one frame per system call. Under
 * fan-out that one thread makes hundreds of thousands of calls a second and becomes the limit.
 * When the selector asks to write the frame at the head of the queue, this channel writes it
 * together with the frames queued behind it ({@code writev}); frames it wrote completely are then
 * found empty and dequeued by the selector without another call. Frames are written in queue
 * order, so nothing changes on the wire.
 *
 * <p>It also mends two things Java-WebSocket 1.6.0 does to a closing peer. Closing: the library
 * closes the socket the moment its close frame is written, which resets a peer that is still
 * sending; {@link #close()} hands the socket to the {@link Lingerer} instead. End of stream: the
 * selector thread handles the peer's FIN at once, while the bytes read just before it (often the
 * peer's close frame: the JDK's client half-closes right after sending it) still wait for a worker
 * thread to decode them, so the listener heard 1006 instead of the peer's code; {@link #read}
 * holds the end of stream back until those bytes are decoded.
 */
final class GatheringChannel implements WrappedByteChannel {
  private static final int MAX_FRAMES = 64;
  private static final long MAX_BYTES = 256 * 1024;

  private final SocketChannel channel;
  private final WebSocketImpl socket;
  private final SelectionKey key;
  private final JavaWsServer owner;
  private volatile boolean endOfStreamHeld;

  GatheringChannel(SocketChannel channel, WebSocketImpl socket, SelectionKey key, JavaWsServer owner) {
    this.channel = channel;
    this.socket = socket;
    this.key = key;
    this.owner = owner;
  }

  @Override
  public int write(ByteBuffer head) throws IOException {
    if (!head.hasRemaining()) {
      return 0; // already written by an earlier gathering write
    }
    Iterator<ByteBuffer> queued = socket.outQueue.iterator();
    if (!queued.hasNext() || queued.next() != head || !queued.hasNext()) {
      return channel.write(head);
    }
    ByteBuffer[] frames = new ByteBuffer[MAX_FRAMES];
    frames[0] = head;
    int count = 1;
    long bytes = head.remaining();
    while (count < MAX_FRAMES && bytes < MAX_BYTES && queued.hasNext()) {
      ByteBuffer next = queued.next();
      frames[count++] = next;
      bytes += next.remaining();
    }
    int before = head.remaining();
    channel.write(frames, 0, count);
    return before - head.remaining();
  }

  @Override
  public int read(ByteBuffer destination) throws IOException {
    if (endOfStreamHeld) {
      stopReading();
      return 0;
    }
    int read = channel.read(destination);
    if (read < 0 && socket.isOpen()) {
      // Deliver the end of stream only after the worker decoded the bytes that came before it.
      endOfStreamHeld = true;
      stopReading();
      owner.deliverEndOfStream(socket);
      return 0;
    }
    return read;
  }

  private void stopReading() {
    try {
      key.interestOps(key.interestOps() & ~SelectionKey.OP_READ);
    } catch (CancelledKeyException e) {
      // closed meanwhile
    }
  }

  @Override
  public boolean isOpen() {
    return channel.isOpen();
  }

  /** Called by the library when it drops the connection: lingers instead of resetting the peer. */
  @Override
  public void close() throws IOException {
    if (channel.isOpen()) {
      owner.linger(channel);
    }
  }

  @Override
  public boolean isNeedWrite() {
    return false; // nothing is ever held back here
  }

  @Override
  public void writeMore() {
    // nothing held back
  }

  @Override
  public boolean isNeedRead() {
    return false;
  }

  @Override
  public int readMore(ByteBuffer destination) {
    return 0;
  }

  @Override
  public boolean isBlocking() {
    return channel.isBlocking();
  }
}
