package dev.realtime.hub;

import java.util.Objects;

/** Runs when a client connects, before any of its messages: name it, join rooms, greet or close it. */
@FunctionalInterface
public interface ConnectHandler {

  /** Sets up the connecting client; a {@code ProtocolException} refuses it (error frame, close 1008). */
  void handle(Context context) throws Exception;

  /**
   * What a connect handler gets.
   *
   * @param client the client that connected
   */
  record Context(Client client) {
    /** Rejects a null client. */
    public Context {
      Objects.requireNonNull(client, "client");
    }

    /** The hub the client connected to. */
    public Hub hub() {
      return client.hub();
    }
  }
}
