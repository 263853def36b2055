package dev.realtime.hub;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.realtime.broker.BrokerUnavailableException;
import dev.realtime.broker.StreamPosition;
import dev.realtime.protocol.ErrorCodes;
import dev.realtime.protocol.Json;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

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

    /**
     * Broadcasts {@code frame} to {@code room} on every node and, if that fails, answers the
     * sender {@code {"type":"error","code":"unavailable","message":…,"id":…}} with this message's
     * id (see {@link #reportFailure}).
     */
    public CompletionStage<StreamPosition> broadcast(String room, JsonElement frame) {
      return reportFailure(hub().room(room).broadcast(frame));
    }

    /** Broadcasts {@code frame} to {@code room} as {@code options} say, telling the sender if it fails. */
    public CompletionStage<StreamPosition> broadcast(String room, JsonElement frame, BroadcastOptions options) {
      return reportFailure(hub().room(room).broadcast(frame, options));
    }

    /**
     * Answers the sender with an error frame carrying this message's id if {@code send} fails:
     * {@code unavailable} when the broker could not be reached, {@code internal_error} otherwise.
     * Returns {@code send}, for chaining.
     */
    public <T> CompletionStage<T> reportFailure(CompletionStage<T> send) {
      Objects.requireNonNull(send, "send");
      send.whenComplete((ignored, failure) -> {
        if (failure == null) {
          return;
        }
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause() : failure;
        client.hub().metrics().error();
        if (cause instanceof BrokerUnavailableException) {
          client.send(Json.error(ErrorCodes.UNAVAILABLE,
              "not delivered: the service is unavailable right now; try again", id().orElse(null)));
        } else {
          Dispatcher.log.warn("a send for {} failed", client, cause);
          client.send(Json.error(ErrorCodes.INTERNAL_ERROR, "not delivered: the server failed", id().orElse(null)));
        }
      });
      return send;
    }
  }
}
