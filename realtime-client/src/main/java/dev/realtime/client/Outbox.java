package dev.realtime.client;

import java.net.http.WebSocket;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.ListIterator;

/**
 * The client's bounded outbound queue, and the one writer of its socket. The JDK's WebSocket takes
 * one send at a time (a second before the first completes throws), so messages wait here and the
 * completion of each write starts the next: callers never block and order is kept.
 *
 * <p>While no socket is attached the queue holds messages for the next connection. A message being
 * written when its connection ends is gone with it (TCP gives no receipt); those still queued are
 * sent on the next connection. Control frames (joins, heartbeats) bypass the limits, so a full
 * queue never stops the client from resuming its rooms. Thread-safe: one lock, held briefly.
 */
final class Outbox {
  private final int maxMessages;
  private final long maxChars;
  private final Deque<String> queue = new ArrayDeque<>();
  private long chars;
  private WebSocket socket;
  private boolean writing;
  private boolean closed;
  private Runnable whenDrained;

  Outbox(int maxMessages, long maxChars) {
    this.maxMessages = maxMessages;
    this.maxChars = maxChars;
  }

  /** Queues an application message, within the limits. */
  SendResult offer(String text) {
    return add(text, false);
  }

  /** Queues a frame of the client's own (join, leave, heartbeat), beyond the limits. */
  SendResult offerControl(String text) {
    return add(text, true);
  }

  private SendResult add(String text, boolean control) {
    WebSocket start;
    SendResult result;
    synchronized (this) {
      if (closed) {
        return SendResult.CLOSED;
      }
      if (!control && (queue.size() >= maxMessages || chars + text.length() > maxChars)) {
        return SendResult.QUEUE_FULL;
      }
      queue.addLast(text);
      chars += text.length();
      result = socket == null ? SendResult.QUEUED : SendResult.SENT;
      start = claimWrite();
    }
    write(start);
    return result;
  }

  /** Starts writing to {@code ws}: {@code first} (the room joins) ahead of everything queued. */
  void attach(WebSocket ws, List<String> first) {
    WebSocket start;
    synchronized (this) {
      socket = ws;
      writing = false;
      for (ListIterator<String> frames = first.listIterator(first.size()); frames.hasPrevious(); ) {
        String frame = frames.previous();
        queue.addFirst(frame);
        chars += frame.length();
      }
      start = claimWrite();
    }
    write(start);
  }

  /**
   * Stops writing: the connection ended. The message being written leaves with it (at most once:
   * it may have reached the server); what is queued waits for the next connection.
   */
  synchronized void detach() {
    if (writing) {
      String text = queue.pollFirst();
      chars -= text.length();
    }
    socket = null;
    writing = false;
    whenDrained = null;
  }

  /** Refuses every later message ({@link SendResult#CLOSED}); what is queued stays until {@link #drain}. */
  synchronized void refuseNew() {
    closed = true;
  }

  /**
   * Runs {@code then} once the attached socket has written everything queued (at once if nothing
   * is); with no socket attached, drops the queue instead. Returns how many messages were dropped.
   */
  int drain(Runnable then) {
    boolean now;
    int dropped = 0;
    synchronized (this) {
      if (socket == null) {
        dropped = queue.size();
        queue.clear();
        chars = 0;
      }
      now = socket == null || (!writing && queue.isEmpty());
      whenDrained = now ? null : then;
    }
    if (now) {
      then.run();
    }
    return dropped;
  }

  /** Messages waiting, including the one being written. */
  synchronized int size() {
    return queue.size();
  }

  /** Takes the writer's role if the socket is idle and something waits; the caller writes outside the lock. */
  private WebSocket claimWrite() {
    if (socket == null || writing || queue.isEmpty()) {
      return null;
    }
    writing = true;
    return socket;
  }

  private void write(WebSocket ws) {
    if (ws == null) {
      return;
    }
    String text;
    synchronized (this) {
      text = queue.peekFirst();
    }
    try {
      ws.sendText(text, true).whenComplete((done, failure) -> written(ws, failure));
    } catch (RuntimeException e) {
      written(ws, e);
    }
  }

  private void written(WebSocket ws, Throwable failure) {
    WebSocket next;
    Runnable drained = null;
    synchronized (this) {
      if (ws != socket) {
        return; // a connection that ended; its message left with it
      }
      String text = queue.pollFirst();
      if (text != null) {
        chars -= text.length();
      }
      writing = false;
      if (failure != null) {
        // The connection is failing; its listener reports that. Keep the rest for the next one.
        return;
      }
      next = claimWrite();
      if (next == null && queue.isEmpty() && whenDrained != null) {
        drained = whenDrained;
        whenDrained = null;
      }
    }
    if (drained != null) {
      drained.run();
    }
    write(next);
  }
}
