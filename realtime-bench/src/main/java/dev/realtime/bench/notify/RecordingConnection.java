package dev.realtime.bench.notify;

import dev.realtime.transport.Connection;
import dev.realtime.transport.Handshake;
import dev.realtime.transport.OutboundMessage;
import java.net.InetSocketAddress;
import java.util.Map;

/**
 * A connection that writes nothing and remembers when it was last handed a notification: the
 * moment the hub queued it, which is where a real transport takes over.
 */
final class RecordingConnection implements Connection {
  private final String id;
  private final Handshake handshake;
  private volatile long lastNotificationNanos;
  private volatile int notifications;

  RecordingConnection(int index, String requestTarget) {
    this.id = "bench-" + index;
    this.handshake =
        Handshake.of(requestTarget, Map.of(), InetSocketAddress.createUnresolved("127.0.0.1", 40000));
  }

  /** When the latest notification was queued, by {@link System#nanoTime()}. */
  long lastNotificationNanos() {
    return lastNotificationNanos;
  }

  /** How many notifications were queued so far. */
  int notifications() {
    return notifications;
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
  public boolean send(OutboundMessage message) {
    // Notifications are the only frames starting with their id; the rest are command answers.
    if (message.isText() && message.text().startsWith("{\"id\"")) {
      lastNotificationNanos = System.nanoTime();
      notifications++;
    }
    return true;
  }

  @Override
  public void close(int code, String reason) {}

  @Override
  public boolean isOpen() {
    return true;
  }

  @Override
  public long queuedBytes() {
    return 0;
  }

  @Override
  public int queuedMessages() {
    return 0;
  }
}
