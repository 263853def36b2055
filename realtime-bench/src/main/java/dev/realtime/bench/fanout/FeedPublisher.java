package dev.realtime.bench.fanout;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The producer of the analytics run: {@code PUBLISH analytics:events EVENT} on the nodes' Redis at
 * a fixed rate, from one thread, over one Lettuce connection (commands pipelined, each flushed at
 * once). {@code PUBLISH} answers how many subscribers took the message; the feed's ingest leader
 * is the only one, so 1 means a node took the event, 0 that none did (then no client can receive
 * it, and it is not expected).
 */
final class FeedPublisher {
  static final String CHANNEL = "analytics:events";

  private final RunState run;
  private final InetSocketAddress redis;
  private RedisClient client;
  private StatefulRedisConnection<String, byte[]> connection;
  private RedisAsyncCommands<String, byte[]> commands;
  private Thread publisher;
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

  FeedPublisher(RunState run, InetSocketAddress redis) {
    this.run = run;
    this.redis = redis;
  }

  /** Connects and waits (at most {@code timeout}) until a node follows the channel. */
  void connect(long timeoutNanos) throws IOException, InterruptedException {
    client = RedisClient.create(RedisURI.Builder.redis(redis.getHostString(), redis.getPort())
        .withTimeout(Duration.ofSeconds(5)).build());
    try {
      connection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
    } catch (RuntimeException e) {
      client.shutdown();
      throw new IOException("cannot connect to Redis at " + redis + ": " + e.getMessage(), e);
    }
    commands = connection.async();
    long deadline = System.nanoTime() + timeoutNanos;
    while (connection.sync().pubsubNumsub(CHANNEL).getOrDefault(CHANNEL, 0L) < 1) {
      if (System.nanoTime() > deadline) {
        throw new IOException("no node follows " + CHANNEL + " on " + redis + " (is the analytics example running with --redis?)");
      }
      TimeUnit.MILLISECONDS.sleep(50); // polling Redis for the ingest leader's subscription
    }
  }

  /** Starts publishing at {@code --rate} events per second (warm-up until {@link #measure}). */
  void start() {
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
    connection.close();
    client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
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

  private void publish() {
    double rate = Math.max(run.options.rate(), 1e-9);
    long start = System.nanoTime();
    long n = 0;
    while (!stopping) {
      long due = start + (long) (n * 1e9 / rate);
      long wait;
      while ((wait = due - System.nanoTime()) > 0 && !stopping) {
        LockSupport.parkNanos(wait);
      }
      if (stopping) {
        break;
      }
      long seq = next.getAndIncrement();
      byte[] event = FeedEvents.event(seq, run.nanos(), Instant.now().toEpochMilli(), seq == run.options.corruptSeq());
      commands.publish(CHANNEL, event).whenComplete((receivers, failure) -> answered(seq, receivers, failure));
      n++;
    }
  }

  private void answered(long seq, Long receivers, Throwable failure) {
    if (failure != null) {
      if (!stopping) {
        errors.incrementAndGet();
      }
    } else if (receivers > 0) {
      if (seq >= measureFrom) {
        takenMeasured.incrementAndGet();
      }
    } else {
      notTaken.incrementAndGet();
    }
    answered.incrementAndGet();
  }
}
