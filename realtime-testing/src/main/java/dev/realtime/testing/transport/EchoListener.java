package dev.realtime.testing.transport;

import dev.realtime.transport.Connection;
import dev.realtime.transport.ConnectionListener;
import dev.realtime.transport.OutboundMessage;
import java.nio.ByteBuffer;

/**
 * A bare listener that echoes every message and records nothing: the server side of an
 * Autobahn|Testsuite run (no rate limit, no hub, nothing kept per message).
 */
public final class EchoListener implements ConnectionListener {

  @Override
  public void onOpen(Connection connection) {}

  @Override
  public void onText(Connection connection, String text) {
    connection.send(OutboundMessage.text(text));
  }

  @Override
  public void onBinary(Connection connection, ByteBuffer data) {
    connection.send(OutboundMessage.binary(data));
  }

  @Override
  public void onClose(Connection connection, int code, String reason, boolean remote) {}

  @Override
  public void onError(Connection connection, Throwable error) {}
}
