package dev.realtime.hub;

import java.util.Objects;
import java.util.Set;

/** Runs once after a client disconnected and has left all its rooms. */
@FunctionalInterface
public interface DisconnectHandler {

  /** Reacts to the client having gone. */
  void handle(Context context) throws Exception;

  /**
   * What a disconnect handler gets.
   *
   * @param client the client that disconnected (no longer open, in no room)
   * @param rooms the rooms it was in when it disconnected
   * @param code the close code
   * @param reason the close reason, possibly empty
   * @param remote whether the peer closed (rather than this server)
   */
  record Context(Client client, Set<String> rooms, int code, String reason, boolean remote) {
    /** Rejects nulls and copies the rooms. */
    public Context {
      Objects.requireNonNull(client, "client");
      rooms = Set.copyOf(rooms);
      Objects.requireNonNull(reason, "reason");
    }

    /** The hub the client was connected to. */
    public Hub hub() {
      return client.hub();
    }
  }
}
