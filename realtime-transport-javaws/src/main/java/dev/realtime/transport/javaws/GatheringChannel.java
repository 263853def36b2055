package dev.realtime.transport.javaws;

import java.io.IOException;
import java.nio.ByteBuffer;
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
 */
final class GatheringChannel implements WrappedByteChannel {
  private static final int MAX_FRAMES = 64;
  private static final long MAX_BYTES = 256 * 1024;

  private final SocketChannel channel;
  private final WebSocketImpl socket;

  GatheringChannel(SocketChannel channel, WebSocketImpl socket) {
    this.channel = channel;
    this.socket = socket;
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
    return channel.read(destination);
  }

  @Override
  public boolean isOpen() {
    return channel.isOpen();
  }

  @Override
  public void close() throws IOException {
    channel.close();
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
