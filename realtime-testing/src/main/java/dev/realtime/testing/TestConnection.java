package dev.realtime.testing;

import com.google.gson.JsonObject;
import dev.realtime.protocol.Json;
import dev.realtime.transport.Connection;
import dev.realtime.transport.ConnectionListener;
import dev.realtime.transport.Handshake;
import dev.realtime.transport.OutboundMessage;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An in-memory connection: the hub sees a {@link Connection}, the test drives the client side.
 *
 * <p>Messages the hub sends are "read" at once unless {@link #pauseReading()} makes them wait in
 * the outbound queue, which lets tests exercise slow-consumer policies. Thread-safe.
 */
public final class TestConnection implements Connection {
  private final String id;
  private final Handshake handshake;
  private final Optional<String> subprotocol;
  private final ConnectionListener listener;
  private final InMemoryTransport transport;
  private final Object inbound = new Object();
  private final List<OutboundMessage> received = new ArrayList<>();
  private final ArrayDeque<OutboundMessage> queue = new ArrayDeque<>();
  private long queuedBytes;
  private boolean paused;
  private boolean open = true;
  private Integer closeCode;
  private String closeReason;
  private volatile Object attachment;

  TestConnection(
      String id, Handshake handshake, Optional<String> subprotocol, ConnectionListener listener,
      InMemoryTransport transport) {
    this.id = id;
    this.handshake = handshake;
    this.subprotocol = subprotocol;
    this.listener = listener;
    this.transport = transport;
  }

  // ---- the client side, driven by tests ----

  /** Sends a text frame to the server; handlers run before this returns. */
  public void send(String text) {
    inbound(() -> listener.onText(this, text));
  }

  /** Sends a JSON object as a text frame. */
  public void send(JsonObject message) {
    send(Json.encode(message));
  }

  /** Sends a binary frame to the server. */
  public void sendBinary(byte[] data) {
    inbound(() -> listener.onBinary(this, ByteBuffer.wrap(data.clone()).asReadOnlyBuffer()));
  }

  /** Closes from the client side, as a browser closing the tab would. */
  public void disconnect(int code, String reason) {
    boolean wasOpen;
    synchronized (this) {
      wasOpen = open;
      open = false;
      if (wasOpen) {
        closeCode = code;
        closeReason = reason;
      }
    }
    if (wasOpen) {
      transport.drive(() -> listener.onClose(this, code, reason, true));
    }
  }

  /** Stops reading: messages from now on wait in the outbound queue. */
  public synchronized void pauseReading() {
    paused = true;
  }

  /** Reads everything queued and resumes reading as messages arrive. */
  public synchronized void resumeReading() {
    paused = false;
    received.addAll(queue);
    queue.clear();
    queuedBytes = 0;
  }

  /** The text messages read so far. */
  public synchronized List<String> received() {
    List<String> texts = new ArrayList<>();
    for (OutboundMessage message : received) {
      if (message.isText()) {
        texts.add(message.text());
      }
    }
    return texts;
  }

  /** The text messages read so far, parsed as JSON objects. */
  public List<JsonObject> receivedJson() {
    List<JsonObject> objects = new ArrayList<>();
    for (String text : received()) {
      objects.add(Json.parseObject(text));
    }
    return objects;
  }

  /** The JSON messages read so far whose {@code type} is {@code type}. */
  public List<JsonObject> receivedOfType(String type) {
    List<JsonObject> matching = new ArrayList<>();
    for (JsonObject message : receivedJson()) {
      if (message.has("type") && type.equals(message.get("type").getAsString())) {
        matching.add(message);
      }
    }
    return matching;
  }

  /** The last JSON message read, if any. */
  public Optional<JsonObject> lastJson() {
    List<JsonObject> all = receivedJson();
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
  }

  /** Every message read so far, text and binary. */
  public synchronized List<OutboundMessage> receivedMessages() {
    return List.copyOf(received);
  }

  /** Forgets the messages read so far. */
  public synchronized void clearReceived() {
    received.clear();
  }

  /** The subprotocol the endpoint chose at the handshake, if any. */
  public Optional<String> subprotocol() {
    return subprotocol;
  }

  /** The close code, once closed by either side. */
  public synchronized OptionalInt closeCode() {
    return closeCode == null ? OptionalInt.empty() : OptionalInt.of(closeCode);
  }

  /** The close reason, once closed by either side. */
  public synchronized Optional<String> closeReason() {
    return Optional.ofNullable(closeReason);
  }

  // ---- the server side, used by the hub ----

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
    if (!open) {
      return false;
    }
    if (paused) {
      queue.add(message);
      queuedBytes += message.size();
    } else {
      received.add(message);
    }
    return true;
  }

  @Override
  public void close(int code, String reason) {
    synchronized (this) {
      if (!open) {
        return;
      }
      open = false;
      closeCode = code;
      closeReason = reason;
    }
    transport.deliverClose(() -> listener.onClose(this, code, reason, false));
  }

  @Override
  public synchronized boolean isOpen() {
    return open;
  }

  @Override
  public synchronized long queuedBytes() {
    return queuedBytes;
  }

  @Override
  public synchronized int queuedMessages() {
    return queue.size();
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

  private void inbound(Runnable callback) {
    synchronized (this) {
      if (!open) {
        throw new IllegalStateException("connection " + id + " is closed");
      }
    }
    // One inbound callback at a time per connection, as real transports guarantee.
    synchronized (inbound) {
      transport.drive(callback);
    }
  }

  @Override
  public String toString() {
    return "TestConnection[" + id + ", " + handshake.path() + "]";
  }
}
