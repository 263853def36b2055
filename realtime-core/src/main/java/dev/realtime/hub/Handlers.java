package dev.realtime.hub;

import com.google.gson.JsonObject;

/** The callback types a hub dispatches to; each runs on a transport thread and must not block. */
public final class Handlers {
  private Handlers() {}

  /** Handles one JSON message of a registered {@code type}. */
  @FunctionalInterface
  public interface MessageHandler {
    /** Handles {@code message} from {@code client}; throw {@code ProtocolException} to answer an error. */
    void handle(Client client, JsonObject message) throws Exception;
  }

  /** Handles raw text frames for protocols that are not JSON. */
  @FunctionalInterface
  public interface TextHandler {
    /** Handles a text frame from {@code client}. */
    void handle(Client client, String text) throws Exception;
  }

  /** Handles binary frames. */
  @FunctionalInterface
  public interface BinaryHandler {
    /** Handles a binary frame from {@code client}; the buffer is valid only during the call. */
    void handle(Client client, java.nio.ByteBuffer data) throws Exception;
  }

  /** Runs when a client connects, before any of its messages. */
  @FunctionalInterface
  public interface ConnectHandler {
    /** Sets up {@code client}: name it, join rooms, greet it, or close it. */
    void connected(Client client) throws Exception;
  }

  /** Runs once after a client disconnected and left all its rooms. */
  @FunctionalInterface
  public interface DisconnectHandler {
    /** Reacts to {@code client} leaving; {@code rooms} are the rooms it was in. */
    void disconnected(Client client, java.util.Set<String> rooms, int code, String reason)
        throws Exception;
  }

  /** Runs after a room's membership changed (a join or a leave). */
  @FunctionalInterface
  public interface MembershipHandler {
    /** Reacts to {@code client} having joined ({@code joined}) or left {@code room}. */
    void changed(Room room, Client client, boolean joined) throws Exception;
  }
}
