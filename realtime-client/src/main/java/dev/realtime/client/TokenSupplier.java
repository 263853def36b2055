package dev.realtime.client;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.realtime.protocol.Json;
import dev.realtime.protocol.ProtocolException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Where a client gets the token of its next connection: asked before every attempt, so a
 * reconnect after an expired session (close code 4002) or a server restart carries a fresh one.
 * The client sends it as a query parameter ({@code ?token=}, {@link RealtimeClient.Builder#tokenParameter}).
 */
@FunctionalInterface
public interface TokenSupplier {

  /**
   * The token for the next attempt, or empty to connect without one. Called on the client's event
   * thread: must not block (answer a stage that completes later); a failed stage fails the attempt,
   * which is retried after a backoff delay.
   */
  CompletionStage<Optional<String>> token();

  /** No token: the default. */
  static TokenSupplier none() {
    return () -> CompletableFuture.completedFuture(Optional.empty());
  }

  /** The same token every time. */
  static TokenSupplier of(String token) {
    Objects.requireNonNull(token, "token");
    return () -> CompletableFuture.completedFuture(Optional.of(token));
  }

  /**
   * A token fetched from {@code endpoint} before every attempt: {@code GET} answering 200 and a
   * JSON object with a string {@code "token"} (the chat's development {@code /token?username=U}).
   * Any other answer fails the attempt; the failure never contains the token.
   */
  static TokenSupplier fromEndpoint(HttpClient http, URI endpoint) {
    Objects.requireNonNull(http, "http");
    Objects.requireNonNull(endpoint, "endpoint");
    return () -> http.sendAsync(HttpRequest.newBuilder(endpoint).GET().header("Accept", "application/json").build(),
            HttpResponse.BodyHandlers.ofString())
        .thenApply(response -> {
          if (response.statusCode() != 200) {
            throw new TokenException("the token endpoint answered HTTP " + response.statusCode());
          }
          JsonObject body;
          try {
            body = Json.parseObject(response.body());
          } catch (ProtocolException e) {
            throw new TokenException("the token endpoint answered something other than a JSON object");
          }
          JsonElement token = body.get("token");
          if (token == null || !token.isJsonPrimitive() || !token.getAsJsonPrimitive().isString()) {
            throw new TokenException("the token endpoint's answer has no string \"token\"");
          }
          return Optional.of(token.getAsString());
        });
  }

  /** A token endpoint answered something that is not a token. */
  final class TokenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A failure saying what was wrong, never the token. */
    public TokenException(String message) {
      super(message, null, false, false);
    }
  }
}
