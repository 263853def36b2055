package dev.realtime.hub;

import java.nio.ByteBuffer;
import java.util.Objects;

/** Handles binary frames; a hub without one closes a client that sends binary with 1003. */
@FunctionalInterface
public interface BinaryHandler {

  /** Handles one binary frame; a {@code ProtocolException} answers an error frame. */
  void handle(Context context) throws Exception;

  /**
   * What a binary handler gets.
   *
   * @param client the client that sent the frame
   * @param data the payload, valid only during the call (copy what you keep)
   */
  record Context(Client client, ByteBuffer data) {
    /** Rejects nulls. */
    public Context {
      Objects.requireNonNull(client, "client");
      Objects.requireNonNull(data, "data");
    }

    /** The hub the frame arrived at. */
    public Hub hub() {
      return client.hub();
    }
  }
}
