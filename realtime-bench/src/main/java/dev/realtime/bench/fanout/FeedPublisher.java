package dev.realtime.bench.fanout;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.BitSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The producer of the analytics run: {@code PUBLISH analytics:events EVENT} on the nodes' Redis at
 * a fixed rate, over one pipelined connection in plain RESP, from one thread; a second thread
 * reads the answers in order. {@code PUBLISH} answers how many subscribers took the message; the
 * feed's ingest leader is the only one, so 1 means a node took the event, 0 that none did (then
 * no client can receive it, and it is not expected).
 */
final class FeedPublisher {
  static final String CHANNEL = "analytics:events";
  private static final byte[] CHANNEL_BYTES = CHANNEL.getBytes(StandardCharsets.US_ASCII);

  private final RunState run;
  private final InetSocketAddress redis;
  private final Socket socket = new Socket();
  private OutputStream out;
  private InputStream in;
  private Thread publisher;
  private Thread reader;
  private volatile boolean stopping;
  /** The sequence number of the first measured event; events before it are the warm-up's. */
  private volatile long measureFrom = Long.MAX_VALUE;
  /** The first sequence number not measured (set when publishing stops). */
  private volatile long measureTo = Long.MAX_VALUE;
  private final AtomicLong next = new AtomicLong();
  private final AtomicLong answered = new AtomicLong();
  private final AtomicLong takenMeasured = new AtomicLong();
  private final AtomicLong notTaken = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();
  /** Which events a node took; the reader thread writes it, read after {@link #stop}. */
  private final BitSet taken = new BitSet();
  private volatile long lastPublishNanos;

  FeedPublisher(RunState run, InetSocketAddress redis) {
    this.run = run;
    this.redis = redis;
  }

  /** Connects and waits (at most {@code timeout}) until a node follows the channel. */
  void connect(long timeoutNanos) throws IOException, InterruptedException {
    socket.setTcpNoDelay(true);
    socket.connect(redis, 5_000);
    out = socket.getOutputStream();
    in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
    long deadline = System.nanoTime() + timeoutNanos;
    while (subscribers() < 1) {
      if (System.nanoTime() > deadline) {
        throw new IOException("no node follows " + CHANNEL + " on " + redis + " (is the analytics example running with --redis?)");
      }
      TimeUnit.MILLISECONDS.sleep(50); // polling Redis for the ingest leader's subscription
    }
  }

  private long subscribers() throws IOException {
    out.write(command("PUBSUB", "NUMSUB", CHANNEL));
    out.flush();
    // *2 $16 analytics:events :N
    expect('*');
    line();
    expect('$');
    line();
    line();
    expect(':');
    return Long.parseLong(line());
  }

  /** Starts publishing at {@code --rate} events per second (warm-up until {@link #measure}). */
  void start() {
    reader = new Thread(this::readAnswers, "analytics-publish-answers");
    reader.setDaemon(true);
    reader.start();
    publisher = new Thread(this::publish, "analytics-publisher");
    publisher.setDaemon(true);
    publisher.start();
  }

  /** Events published from now on are measured. */
  void measure() {
    measureFrom = next.get();
  }

  /** Stops publishing and waits for every answer (at most {@code timeout}). */
  void stop(long timeoutNanos) throws InterruptedException {
    stopping = true;
    publisher.join();
    measureTo = next.get();
    long deadline = System.nanoTime() + timeoutNanos;
    while (answered.get() < measureTo && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(5); // the answers of the last pipelined PUBLISHes
    }
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    reader.join(1_000);
  }

  long measureFrom() {
    return measureFrom;
  }

  /** Measured events published. */
  long published() {
    return Math.max(0, Math.min(next.get(), measureTo) - measureFrom);
  }

  /** Measured events a node took: each is due to every client. */
  long taken() {
    return takenMeasured.get();
  }

  /** Events no node took (PUBLISH answered 0), warm-up included. */
  long notTaken() {
    return notTaken.get();
  }

  long errors() {
    return errors.get();
  }

  /** When the last event was published, in {@link RunState#nanos()} time. */
  long lastPublishNanos() {
    return lastPublishNanos;
  }

  /** Whether measured event {@code seq} was taken by a node; valid after {@link #stop}. */
  boolean takenMeasured(long seq) {
    synchronized (taken) {
      return seq >= measureFrom && seq < measureTo && taken.get((int) seq);
    }
  }

  private void publish() {
    double rate = Math.max(run.options.rate(), 1e-9);
    long start = System.nanoTime();
    long n = 0;
    try {
      while (!stopping) {
        long due = start + (long) (n * 1e9 / rate);
        long wait;
        while ((wait = due - System.nanoTime()) > 0 && !stopping) {
          LockSupport.parkNanos(wait);
        }
        if (stopping) {
          break;
        }
        long seq = next.get();
        long sent = run.nanos();
        byte[] event = FeedEvents.event(seq, sent, Instant.now().toEpochMilli(), seq == run.options.corruptSeq());
        out.write(publishCommand(event));
        // Flushed at once: a buffered event would be timed from before it left.
        out.flush();
        lastPublishNanos = sent;
        next.incrementAndGet();
        n++;
      }
    } catch (IOException e) {
      if (!stopping) {
        errors.incrementAndGet();
        System.err.println("fanout: publishing failed: " + e);
      }
    }
  }

  private void readAnswers() {
    try {
      while (true) {
        int kind = in.read();
        if (kind < 0) {
          return;
        }
        String line = line();
        long seq = answered.get();
        if (kind == ':' && Long.parseLong(line) > 0) {
          synchronized (taken) {
            taken.set((int) seq);
          }
          if (seq >= measureFrom) {
            takenMeasured.incrementAndGet();
          }
        } else if (kind == ':') {
          notTaken.incrementAndGet();
        } else {
          errors.incrementAndGet();
        }
        answered.incrementAndGet();
      }
    } catch (IOException | RuntimeException e) {
      if (!stopping) {
        errors.incrementAndGet();
      }
    }
  }

  private void expect(char kind) throws IOException {
    int got = in.read();
    if (got != kind) {
      throw new IOException("unexpected answer from Redis: " + (char) got + line());
    }
  }

  /** One RESP line without its CRLF. */
  private String line() throws IOException {
    StringBuilder text = new StringBuilder();
    int b;
    while ((b = in.read()) >= 0 && b != '\r') {
      text.append((char) b);
    }
    in.read(); // the \n
    return text.toString();
  }

  private static byte[] command(String... parts) {
    StringBuilder text = new StringBuilder("*").append(parts.length).append("\r\n");
    for (String part : parts) {
      text.append('$').append(part.length()).append("\r\n").append(part).append("\r\n");
    }
    return text.toString().getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] publishCommand(byte[] event) {
    byte[] head = ("*3\r\n$7\r\nPUBLISH\r\n$" + CHANNEL_BYTES.length + "\r\n").getBytes(StandardCharsets.US_ASCII);
    byte[] length = ("\r\n$" + event.length + "\r\n").getBytes(StandardCharsets.US_ASCII);
    byte[] command = new byte[head.length + CHANNEL_BYTES.length + length.length + event.length + 2];
    int at = 0;
    System.arraycopy(head, 0, command, at, head.length);
    at += head.length;
    System.arraycopy(CHANNEL_BYTES, 0, command, at, CHANNEL_BYTES.length);
    at += CHANNEL_BYTES.length;
    System.arraycopy(length, 0, command, at, length.length);
    at += length.length;
    System.arraycopy(event, 0, command, at, event.length);
    at += event.length;
    command[at] = '\r';
    command[at + 1] = '\n';
    return command;
  }
}
