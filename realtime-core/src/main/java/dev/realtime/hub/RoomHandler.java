package dev.realtime.hub;

import java.util.Objects;

/** Runs after a client joined a room ({@link Hub.Builder#onJoin}) or left one ({@link Hub.Builder#onLeave}). */
@FunctionalInterface
public interface RoomHandler {

  /** Reacts to the membership change. */
  void handle(Context context) throws Exception;

  /**
   * What a room handler gets.
   *
   * @param client the client that joined or left
   * @param room the room it joined or left
   */
  record Context(Client client, Room room) {
    /** Rejects nulls. */
    public Context {
      Objects.requireNonNull(client, "client");
      Objects.requireNonNull(room, "room");
    }

    /** The hub of the room. */
    public Hub hub() {
      return client.hub();
    }
  }
}
