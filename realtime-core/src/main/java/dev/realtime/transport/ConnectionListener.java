package dev.realtime.transport;

import java.nio.ByteBuffer;

/**
 * The callbacks a transport adapter drives, one connection at a time.
 *
 * <p>For a given connection the adapter calls {@link #onOpen} first, then any number of {@link
 * #onText} and {@link #onBinary} in arrival order and never concurrently, then {@link #onClose}
 * exactly once. {@link #onError} may come at any time and is followed by {@link #onClose} if the
 * connection ends. Implementations must not block: the calling thread serves other connections.
 * {@link #admit} comes before all of them, at the handshake, and may refuse it.
 */
public interface ConnectionListener extends Endpoint {

  /**
   * Decides, before the upgrade, whether to accept a handshake; the default accepts. Called on a
   * transport thread for every handshake routed here, so it must be fast and must not block.
   */
  default Admission admit(Handshake handshake) {
    return Admission.accept();
  }

  /** A connection completed its handshake. */
  void onOpen(Connection connection);

  /** A complete text message arrived. */
  void onText(Connection connection, String text);

  /** A complete binary message arrived; the buffer is only valid during the call. */
  void onBinary(Connection connection, ByteBuffer data);

  /** The connection closed; {@code remote} tells whether the peer initiated it. */
  void onClose(Connection connection, int code, String reason, boolean remote);

  /** The transport hit an error on this connection. */
  void onError(Connection connection, Throwable error);

  /** A listener is its own endpoint. */
  @Override
  default ConnectionListener listener() {
    return this;
  }
}
