package dev.realtime.bench.fanout;

import dev.realtime.bench.fanout.LoadConnection.State;
import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One selector thread driving many connections: connect, upgrade, read, write, answer pings.
 *
 * <p>Other threads never touch a socket; they hand work over with {@link #execute}, which queues it
 * and wakes the selector. All connections of a reactor share one read buffer; what the frames mean
 * is the {@link Receiver}'s business.
 */
final class Reactor implements Runnable {
  private static final long TIMEOUT_CHECK_NANOS = 200_000_000L;

  private final RunState run;
  private final Selector selector;
  private final Thread thread;
  private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final ByteBuffer shared;
  private final List<LoadConnection> mine = new ArrayList<>();
  private final List<LoadConnection> opening = new ArrayList<>();
  private final Random random = new Random();
  private final MessageDigest sha1 = Upgrade.sha1();
  private final Tally tally = new Tally();
  private final Receiver receiver;
  private volatile boolean running = true;
  private long now;
  private boolean reportedBug;

  Reactor(RunState run, int number) throws IOException {
    this.run = run;
    this.selector = Selector.open();
    this.shared = ByteBuffer.allocateDirect(run.options.readBuffer());
    this.thread = new Thread(this, "fanout-io-" + number);
    this.receiver = new Receiver(run, tally, this);
  }

  void start() {
    thread.start();
  }

  /** Runs {@code task} on this reactor's thread. */
  void execute(Runnable task) {
    tasks.add(task);
    selector.wakeup();
  }

  /** Starts opening {@code connections} (from any thread). */
  void connect(List<LoadConnection> connections) {
    execute(() -> connections.forEach(this::connect));
  }

  /** Masks {@code json} on the calling thread and queues it for {@code connection}. */
  void sendText(LoadConnection connection, byte[] json) {
    ByteBuffer frame =
        ClientFrames.masked(ClientFrames.TEXT, json, 0, json.length, ThreadLocalRandom.current());
    execute(() -> send(connection, frame));
  }

  /** Starts the closing handshake of every connection and abandons those still opening. */
  void closeAll() {
    execute(
        () -> {
          for (LoadConnection connection : mine) {
            if (connection.state == State.OPEN) {
              connection.state = State.CLOSING;
              connection.closeSent = true;
              send(connection, ClientFrames.close(1000, random));
            } else if (connection.state == State.CONNECTING || connection.state == State.HANDSHAKING) {
              fail(connection, "abandoned at shutdown");
            }
          }
        });
  }

  /** Stops the thread and drops every socket it still holds; returns what it observed. */
  Tally stop() throws InterruptedException {
    running = false;
    selector.wakeup();
    thread.join();
    return tally;
  }

  /** Deliveries counted so far, readable from any thread. */
  long delivered() {
    return tally.publishedDelivered;
  }

  /** Connections that have received their room's user list so far, readable from any thread. */
  long listed() {
    return tally.publishedListed;
  }

  /** When the last of those lists arrived, in {@link RunState#nanos()} time; readable from any thread. */
  long lastListedNanos() {
    return tally.publishedLastListed;
  }

  /** Text frames of any kind received so far, readable from any thread. */
  long frames() {
    return tally.publishedFrames;
  }

  @Override
  public void run() {
    long nextTimeoutCheck = System.nanoTime() + TIMEOUT_CHECK_NANOS;
    try {
      while (running) {
        // The consumer form skips the selected-key set, a HashSet that costs per event.
        selector.select(this::handle, 100);
        Runnable task;
        while ((task = tasks.poll()) != null) {
          task.run();
        }
        if (System.nanoTime() - nextTimeoutCheck > 0) {
          nextTimeoutCheck = System.nanoTime() + TIMEOUT_CHECK_NANOS;
          checkTimeouts();
        }
        tally.publish();
      }
    } catch (IOException e) {
      throw new IllegalStateException("selector failed", e);
    } finally {
      for (LoadConnection connection : mine) {
        if (connection.state != State.CLOSED && connection.state != State.FAILED) {
          finish(connection);
        }
      }
      tally.publish();
      try {
        selector.close();
      } catch (IOException ignored) {
        // nothing left to release
      }
    }
  }

  private void handle(SelectionKey key) {
    now = run.nanos(); // one clock read per ready socket: every frame read with it shares it
    LoadConnection connection = (LoadConnection) key.attachment();
    try {
      if (!key.isValid()) {
        return;
      }
      if (key.isConnectable()) {
        if (connection.channel.finishConnect()) {
          upgrade(connection);
        }
        return;
      }
      if (key.isWritable()) {
        flush(connection);
      }
      if (key.isValid() && key.isReadable()) {
        read(connection);
      }
    } catch (IOException | RuntimeException e) {
      // A protocol error or a bug costs this connection only, never the selector thread.
      broken(connection, e);
    }
  }

  private void connect(LoadConnection connection) {
    mine.add(connection);
    opening.add(connection);
    connection.startedNanos = System.nanoTime();
    connection.state = State.CONNECTING;
    try {
      SocketChannel channel = SocketChannel.open();
      connection.channel = channel;
      channel.configureBlocking(false);
      channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
      boolean connected = channel.connect(run.addresses[connection.node]);
      connection.key = channel.register(selector, connected ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT, connection);
      if (connected) {
        upgrade(connection);
      }
    } catch (IOException e) {
      broken(connection, e);
    }
  }

  private void upgrade(LoadConnection connection) throws IOException {
    connection.state = State.HANDSHAKING;
    connection.key.interestOps(SelectionKey.OP_READ);
    String key = Upgrade.newKey(random);
    connection.expectedAccept = Upgrade.expectedAccept(key, sha1);
    send(connection, Upgrade.request(run.hostHeaders[connection.node], connection.target, key));
  }

  private void read(LoadConnection connection) throws IOException {
    ByteBuffer buffer = connection.pending;
    if (buffer != null && connection.required <= shared.capacity()) {
      // Move the incomplete frame into the shared buffer so the read can bring in many frames.
      shared.clear();
      shared.put(buffer.flip());
      buffer = shared;
      connection.pending = null;
    } else if (buffer == null) {
      shared.clear();
      buffer = shared;
    }
    int read = connection.channel.read(buffer);
    if (read < 0) {
      if (connection.state == State.OPEN) {
        tally.serverClosed(1006);
      } else if (connection.state == State.HANDSHAKING) {
        fail(connection, "closed during handshake");
        return;
      }
      finish(connection);
      return;
    }
    buffer.flip();
    if (connection.state == State.HANDSHAKING && !readHead(connection, buffer)) {
      return;
    }
    int required = connection.state == State.CLOSED ? 0 : ClientFrames.parse(buffer, connection, receiver);
    keepRest(connection, buffer, required);
  }

  /** Consumes the response head; returns false if it is incomplete or refused the upgrade. */
  private boolean readHead(LoadConnection connection, ByteBuffer buffer) {
    int end = Upgrade.headEnd(buffer);
    if (end < 0) {
      if (buffer.remaining() > Upgrade.MAX_RESPONSE_HEAD) {
        fail(connection, "response head too large");
      } else {
        keepRest(connection, buffer, buffer.remaining() + 1);
      }
      return false;
    }
    String refusal = Upgrade.verify(buffer, buffer.position(), end, connection.expectedAccept);
    if (refusal != null) {
      fail(connection, refusal);
      return false;
    }
    buffer.position(end);
    connection.state = State.OPEN;
    tally.connected++;
    run.opened(connection);
    return true;
  }

  /** Keeps the unconsumed bytes of {@code buffer} for the next read. */
  private void keepRest(LoadConnection connection, ByteBuffer buffer, int required) {
    if (!buffer.hasRemaining() || connection.channel == null || !connection.channel.isOpen()) {
      connection.pending = null;
      return;
    }
    connection.required = required;
    if (buffer == shared) {
      ByteBuffer kept = ByteBuffer.allocate(Math.max(buffer.remaining(), required > shared.capacity() ? required : 0));
      connection.pending = kept.put(buffer);
    } else {
      buffer.compact();
      if (buffer.capacity() < required) {
        ByteBuffer grown = ByteBuffer.allocate(required);
        connection.pending = grown.put(buffer.flip());
      } else {
        connection.pending = buffer;
      }
    }
  }

  /** When the socket being served became ready, in {@link RunState#nanos()} time. */
  long now() {
    return now;
  }

  /** Writes {@code frame} now, or queues it until the socket can take it. */
  void send(LoadConnection connection, ByteBuffer frame) {
    State state = connection.state;
    if (state == State.CLOSED || state == State.FAILED || connection.channel == null) {
      return;
    }
    try {
      if (connection.outbound == null) {
        connection.channel.write(frame);
        if (!frame.hasRemaining()) {
          return;
        }
        connection.outbound = new ArrayDeque<>();
        connection.key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
      }
      connection.outbound.add(frame);
    } catch (IOException e) {
      broken(connection, e);
    }
  }

  private void flush(LoadConnection connection) throws IOException {
    ArrayDeque<ByteBuffer> outbound = connection.outbound;
    while (outbound != null && !outbound.isEmpty()) {
      ByteBuffer head = outbound.peek();
      connection.channel.write(head);
      if (head.hasRemaining()) {
        return;
      }
      outbound.poll();
    }
    connection.outbound = null;
    connection.key.interestOps(SelectionKey.OP_READ);
  }

  private void checkTimeouts() {
    long limit = run.options.connectTimeout().toNanos();
    long nanos = System.nanoTime();
    opening.removeIf(
        connection -> {
          State state = connection.state;
          if (state != State.CONNECTING && state != State.HANDSHAKING) {
            return true;
          }
          if (nanos - connection.startedNanos > limit) {
            fail(connection, "timeout");
            return true;
          }
          return false;
        });
  }

  /** An I/O or protocol failure: a failed attempt if still opening, else an abnormal close. */
  private void broken(LoadConnection connection, Exception e) {
    if (e instanceof RuntimeException && !(e instanceof ClientFrames.ProtocolError) && !reportedBug) {
      reportedBug = true; // a tool bug: show it once instead of hiding it among the I/O errors
      e.printStackTrace();
    }
    State state = connection.state;
    if (state == State.CONNECTING || state == State.HANDSHAKING || state == State.NEW) {
      String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      fail(connection, (state == State.CONNECTING ? "connect: " : "handshake: ") + message);
    } else if (state == State.OPEN || state == State.CLOSING) {
      if (state == State.OPEN) {
        tally.ioErrors++;
        tally.serverClosed(1006);
      }
      finish(connection);
    }
  }

  private void fail(LoadConnection connection, String reason) {
    tally.fail(reason);
    run.settled.incrementAndGet();
    close(connection);
    connection.state = State.FAILED;
  }

  /** Closes an opened (or never opened) connection for good. */
  void finish(LoadConnection connection) {
    State state = connection.state;
    close(connection);
    connection.state = State.CLOSED;
    if (state == State.OPEN || state == State.CLOSING) {
      run.openClosed(connection);
    }
  }

  private static void close(LoadConnection connection) {
    connection.pending = null;
    connection.outbound = null;
    connection.fragments = null;
    if (connection.key != null) {
      connection.key.cancel();
    }
    if (connection.channel != null) {
      try {
        connection.channel.close();
      } catch (IOException ignored) {
        // already gone
      }
    }
  }
}
