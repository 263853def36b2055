package dev.realtime.transport.javaws;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes sockets the way the peer can see: ends our output (FIN), then reads and discards until
 * the peer closes too or a timeout passes, and only then closes the socket.
 *
 * <p>Java-WebSocket closes a socket as soon as its close frame is written. A peer that is still
 * sending (a client flooding the chat, cut off with 1008) then has data in our receive buffer, and
 * closing a socket with unread data makes the kernel send a reset, which can destroy our close
 * frame before the peer reads it: the peer sees 1006. Handing the socket here instead keeps the
 * receive buffer drained until the peer has read our close frame and closed its side.
 */
final class Lingerer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Lingerer.class);

  private final Selector selector;
  private final Duration timeout;
  private final Queue<SocketChannel> arriving = new ConcurrentLinkedQueue<>();
  private final Thread thread;
  private volatile boolean running = true;

  Lingerer(Duration timeout) throws IOException {
    this.selector = Selector.open();
    this.timeout = timeout;
    this.thread = new Thread(this::run, "realtime-javaws-linger");
    thread.setDaemon(true);
    thread.start();
  }

  /** Takes over {@code channel}: half-closes it now and closes it once the peer is done. */
  void linger(SocketChannel channel) {
    if (!running) {
      closeQuietly(channel);
      return;
    }
    try {
      channel.shutdownOutput();
    } catch (IOException e) {
      closeQuietly(channel);
      return;
    }
    arriving.add(channel);
    selector.wakeup();
  }

  private void run() {
    ByteBuffer scratch = ByteBuffer.allocateDirect(16 * 1024);
    while (running) {
      try {
        selector.select(100);
        register();
        Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
        while (keys.hasNext()) {
          SelectionKey key = keys.next();
          keys.remove();
          drain(key, scratch);
        }
        expire();
      } catch (IOException | RuntimeException e) {
        log.debug("lingering close failed", e);
      }
    }
    for (SelectionKey key : selector.keys()) {
      closeQuietly((SocketChannel) key.channel());
    }
    SocketChannel left;
    while ((left = arriving.poll()) != null) {
      closeQuietly(left);
    }
    try {
      selector.close();
    } catch (IOException e) {
      log.debug("closing the linger selector failed", e);
    }
  }

  private void register() {
    SocketChannel channel;
    while ((channel = arriving.poll()) != null) {
      try {
        channel.register(selector, SelectionKey.OP_READ, System.nanoTime() + timeout.toNanos());
      } catch (IOException | RuntimeException e) {
        closeQuietly(channel);
      }
    }
  }

  private static void drain(SelectionKey key, ByteBuffer scratch) {
    SocketChannel channel = (SocketChannel) key.channel();
    try {
      int read;
      do {
        scratch.clear();
        read = channel.read(scratch);
      } while (read > 0);
      if (read < 0) {
        closeQuietly(channel); // the peer closed its side: nothing unread, no reset
      }
    } catch (IOException e) {
      closeQuietly(channel);
    }
  }

  private void expire() {
    long now = System.nanoTime();
    for (SelectionKey key : selector.keys()) {
      if (key.isValid() && now - (Long) key.attachment() > 0) {
        closeQuietly((SocketChannel) key.channel());
      }
    }
  }

  private static void closeQuietly(SocketChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      log.trace("close failed", e);
    }
  }

  /**
   * Closes every lingering socket now and stops the thread, waiting for it up to 2 s; an interrupt
   * ends the wait and stays set for the caller.
   */
  @Override
  public void close() {
    running = false;
    selector.wakeup();
    try {
      thread.join(TimeUnit.SECONDS.toMillis(2));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
