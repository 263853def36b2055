package dev.realtime.hub;

import com.google.gson.JsonObject;
import dev.realtime.protocol.Json;
import dev.realtime.transport.Connection;
import dev.realtime.transport.Handshake;
import dev.realtime.transport.OutboundMessage;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A connection for hub tests without a transport: it records what is sent while open, lets the
 * test set whether it is open (as a transport's own thread would), and keeps an attachment or, as
 * transports may, keeps none.
 */
final class StubConnection implements Connection {
  private final String id;
  private final boolean attaches;
  private final Handshake handshake =
      Handshake.of("/ws", Map.of(), InetSocketAddress.createUnresolved("127.0.0.1", 40000));
  final List<OutboundMessage> sent = new CopyOnWriteArrayList<>();
  volatile boolean open = true;
  private volatile Object attachment;

  StubConnection(String id, boolean attaches) {
    this.id = id;
    this.attaches = attaches;
  }

  List<JsonObject> ofType(String type) {
    return sent.stream()
        .filter(OutboundMessage::isText)
        .map(message -> Json.parseObject(message.text()))
        .filter(message -> type.equals(message.get("type").getAsString()))
        .toList();
  }

  @Override
  public boolean attach(Object attachment) {
    if (attaches) {
      this.attachment = attachment;
    }
    return attaches;
  }

  @Override
  public Object attachment() {
    return attachment;
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
    if (!open) {
      return false;
    }
    sent.add(message);
    return true;
  }

  @Override
  public void close(int code, String reason) {
    open = false;
  }

  @Override
  public boolean isOpen() {
    return open;
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
