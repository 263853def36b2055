package dev.realtime.testing.transport;

import dev.realtime.transport.Admission;
import dev.realtime.transport.Connection;
import dev.realtime.transport.ConnectionListener;
import dev.realtime.transport.Handshake;
import dev.realtime.transport.OutboundMessage;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * A bare {@link ConnectionListener} (its own endpoint) that records every callback, for transport
 * tests; what it answers is configurable.
 */
public final class RecordingListener implements ConnectionListener {

  /** What a callback was. */
  public enum Kind { OPEN, TEXT, BINARY, CLOSE, ERROR }

  /**
   * One recorded callback.
   *
   * @param kind which callback
   * @param connection the connection it was about
   * @param text the text (TEXT), the close reason (CLOSE) or the error (ERROR); else empty
   * @param data the payload of a binary message; else empty
   * @param code the close code (CLOSE); else 0
   * @param remote whether the peer closed (CLOSE)
   */
  public record Event(Kind kind, Connection connection, String text, byte[] data, int code, boolean remote) {}

  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final List<Connection> connections = new CopyOnWriteArrayList<>();
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicInteger violations = new AtomicInteger();
  private volatile Function<Handshake, Admission> admission = handshake -> Admission.accept();
  private volatile BiConsumer<Connection, String> onText = (connection, text) -> {};
  private volatile BiConsumer<Connection, ByteBuffer> onBinary = (connection, data) -> {};
  private final Map<Connection, Boolean> closed = new ConcurrentHashMap<>();

  /** A listener that records and answers nothing. */
  public RecordingListener() {}

  /** A listener that echoes every text and binary message back to its sender. */
  public static RecordingListener echo() {
    return new RecordingListener()
        .onText((connection, text) -> connection.send(OutboundMessage.text(text)))
        .onBinary((connection, data) -> connection.send(OutboundMessage.binary(data)));
  }

  /** Runs {@code handler} for each text message (after recording it). */
  public RecordingListener onText(BiConsumer<Connection, String> handler) {
    this.onText = Objects.requireNonNull(handler);
    return this;
  }

  /** Runs {@code handler} for each binary message (after recording it). */
  public RecordingListener onBinary(BiConsumer<Connection, ByteBuffer> handler) {
    this.onBinary = Objects.requireNonNull(handler);
    return this;
  }

  /** Decides handshakes with {@code decision} (default: accept). */
  public RecordingListener admitting(Function<Handshake, Admission> decision) {
    this.admission = Objects.requireNonNull(decision);
    return this;
  }

  @Override
  public Admission admit(Handshake handshake) {
    return admission.apply(handshake);
  }

  @Override
  public void onOpen(Connection connection) {
    open.incrementAndGet();
    connections.add(connection);
    events.add(new Event(Kind.OPEN, connection, "", new byte[0], 0, false));
  }

  @Override
  public void onText(Connection connection, String text) {
    checkOpen(connection);
    events.add(new Event(Kind.TEXT, connection, text, new byte[0], 0, false));
    onText.accept(connection, text);
  }

  @Override
  public void onBinary(Connection connection, ByteBuffer data) {
    checkOpen(connection);
    byte[] copy = new byte[data.remaining()];
    data.duplicate().get(copy);
    events.add(new Event(Kind.BINARY, connection, "", copy, 0, false));
    onBinary.accept(connection, data);
  }

  @Override
  public void onClose(Connection connection, int code, String reason, boolean remote) {
    if (closed.put(connection, Boolean.TRUE) != null || !connections.contains(connection)) {
      violations.incrementAndGet(); // a second onClose, or one without onOpen
    }
    open.decrementAndGet();
    events.add(new Event(Kind.CLOSE, connection, reason, new byte[0], code, remote));
  }

  @Override
  public void onError(Connection connection, Throwable error) {
    events.add(new Event(Kind.ERROR, connection, String.valueOf(error), new byte[0], 0, false));
  }

  private void checkOpen(Connection connection) {
    if (!connections.contains(connection) || closed.containsKey(connection)) {
      violations.incrementAndGet(); // a message outside open..close
    }
  }

  /** Connections opened and not yet closed. */
  public int openCount() {
    return open.get();
  }

  /** Callbacks that broke the contract (a message or close without open, a second close). */
  public int violations() {
    return violations.get();
  }

  /** Waits for the next event of {@code kind}, dropping others; fails after {@code timeout}. */
  public Event next(Kind kind, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Event event = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (event == null) {
        throw new AssertionError("no " + kind + " event within " + timeout);
      }
      if (event.kind() == kind) {
        return event;
      }
    }
  }

  /** Waits for the close of {@code connection}; fails after {@code timeout}. */
  public Event closeOf(Connection connection, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<Event> others = new ArrayList<>();
    try {
      while (true) {
        Event event = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (event == null) {
          throw new AssertionError("no close of " + connection + " within " + timeout);
        }
        if (event.kind() == Kind.CLOSE && event.connection() == connection) {
          return event;
        }
        others.add(event);
      }
    } finally {
      events.addAll(others);
    }
  }

  /** Every event recorded so far for {@code connection}, in order, removing none. */
  public List<Event> eventsOf(Connection connection) {
    List<Event> of = new ArrayList<>();
    for (Event event : events) {
      if (event.connection() == connection) {
        of.add(event);
      }
    }
    return of;
  }

  /** Forgets recorded events (not connections). */
  public void clearEvents() {
    events.clear();
  }

  /** Waits until {@link #openCount()} is {@code count}; fails after {@code timeout}. */
  public void awaitOpenCount(int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (open.get() != count) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("open connections: expected " + count + ", have " + open.get());
      }
      TimeUnit.MILLISECONDS.sleep(5);
    }
  }
}
