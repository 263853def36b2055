package dev.realtime.examples.chat;

import com.google.gson.JsonObject;
import dev.realtime.protocol.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A JDK WebSocket client for chat tests: queues every JSON frame and remembers how it closed. */
final class ChatSocket {
  /** How the server closed the connection. */
  record Closed(int code, String reason) {}

  final WebSocket socket;
  final BlockingQueue<JsonObject> inbox;
  final CompletableFuture<Closed> closed;

  private ChatSocket(WebSocket socket, BlockingQueue<JsonObject> inbox, CompletableFuture<Closed> closed) {
    this.socket = socket;
    this.inbox = inbox;
    this.closed = closed;
  }

  /** Connects to {@code ws://127.0.0.1:port/ws?query}, offering {@code subprotocols} if any. */
  static ChatSocket open(HttpClient http, int port, String query, String... subprotocols) throws Exception {
    BlockingQueue<JsonObject> inbox = new LinkedBlockingQueue<>();
    CompletableFuture<Closed> closed = new CompletableFuture<>();
    WebSocket.Builder builder = http.newWebSocketBuilder();
    if (subprotocols.length > 0) {
      builder.subprotocols(subprotocols[0], java.util.Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
    }
    WebSocket socket = builder
        .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws" + (query.isEmpty() ? "" : "?" + query)),
            new WebSocket.Listener() {
              private final StringBuilder text = new StringBuilder();

              @Override
              public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                  inbox.add(Json.parseObject(text.toString()));
                  text.setLength(0);
                }
                webSocket.request(1);
                return null;
              }

              @Override
              public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                closed.complete(new Closed(statusCode, reason));
                return null;
              }

              @Override
              public void onError(WebSocket webSocket, Throwable error) {
                closed.completeExceptionally(error);
              }
            })
        .get(10, TimeUnit.SECONDS);
    return new ChatSocket(socket, inbox, closed);
  }

  /** The next frame of {@code type}, skipping others; fails after 10 s. */
  JsonObject next(String type) throws InterruptedException {
    return next(type, message -> true);
  }

  /** The next frame of {@code type} that {@code matches}, skipping others; fails after 10 s. */
  JsonObject next(String type, Predicate<JsonObject> matches) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      JsonObject message = inbox.poll(100, TimeUnit.MILLISECONDS);
      if (message != null && type.equals(message.get("type").getAsString()) && matches.test(message)) {
        return message;
      }
    }
    throw new AssertionError("no matching '" + type + "' frame within 10 s");
  }

  /** Sends one text frame and waits until it is written. */
  void send(String text) throws Exception {
    socket.sendText(text, true).get(5, TimeUnit.SECONDS);
  }

  /** Waits up to 10 s for the server to close the connection. */
  Closed awaitClose() throws Exception {
    return closed.get(10, TimeUnit.SECONDS);
  }
}
