package dev.realtime.hub;

import java.util.Objects;

/** Handles every text frame raw, for protocols that are not routed by a JSON {@code type}. */
@FunctionalInterface
public interface TextHandler {

  /** Handles one text frame; a {@code ProtocolException} answers an error frame. */
  void handle(Context context) throws Exception;

  /**
   * What a text handler gets.
   *
   * @param client the client that sent the frame
   * @param text the frame's text, as sent
   */
  record Context(Client client, String text) {
    /** Rejects nulls. */
    public Context {
      Objects.requireNonNull(client, "client");
      Objects.requireNonNull(text, "text");
    }

    /** The hub the frame arrived at. */
    public Hub hub() {
      return client.hub();
    }
  }
}
