package dev.realtime.hub;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Handles one JSON message whose {@code type} it was registered for with {@link Hub.Builder#on}. */
@FunctionalInterface
public interface MessageHandler {

  /**
   * Handles a message; throw {@code ProtocolException} to answer an error frame that carries the
   * request's {@code id}. Runs on a transport thread and must not block.
   */
  void handle(Context context) throws Exception;

  /**
   * What a message handler gets: the sender, the message's type and the decoded message.
   *
   * @param client the client that sent the message
   * @param type the message's {@code type}
   * @param message the whole decoded message, {@code type} included
   */
  record Context(Client client, String type, JsonObject message) {
    /** Rejects nulls. */
    public Context {
      Objects.requireNonNull(client, "client");
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(message, "message");
    }

    /** The request id the client put in {@code id}, if any; answers and errors echo it. */
    public Optional<JsonElement> id() {
      JsonElement id = message.get("id");
      return id == null || id.isJsonNull() ? Optional.empty() : Optional.of(id);
    }

    /**
     * Sends {@code answer} to the sender; an object answer that sets no {@code id} carries the
     * request's. Returns whether it was queued.
     */
    public boolean reply(JsonElement answer) {
      Objects.requireNonNull(answer, "answer");
      Optional<JsonElement> id = id();
      if (id.isEmpty() || !answer.isJsonObject() || answer.getAsJsonObject().has("id")) {
        return client.send(answer);
      }
      JsonObject withId = new JsonObject();
      for (Map.Entry<String, JsonElement> field : answer.getAsJsonObject().entrySet()) {
        withId.add(field.getKey(), field.getValue());
      }
      withId.add("id", id.get());
      return client.send(withId);
    }

    /** The hub the message arrived at. */
    public Hub hub() {
      return client.hub();
    }
  }
}
