package dev.realtime.examples.chat;

import com.google.gson.JsonObject;
import dev.realtime.protocol.Json;
import dev.realtime.testing.transport.WsTestClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** The kit's WebSocket client seen as a chat client: JSON frames picked by type, how it closed. */
final class ChatSocket {
  /** How the server closed the connection. */
  record Closed(int code, String reason) {}

  private final WsTestClient client;
  /** The JDK socket underneath, for its subprotocol or a raw send. */
  final WebSocket socket;
  /** The close code, once closed. */
  final CompletableFuture<Integer> closed;
  private volatile JsonObject welcome;

  private ChatSocket(WsTestClient client) {
    this.client = client;
    this.socket = client.socket;
    this.closed = client.closeCode;
  }

  /** Connects to {@code ws://127.0.0.1:port/ws?query}, offering {@code subprotocols} if any. */
  static ChatSocket open(int port, String query, String... subprotocols) throws Exception {
    String target = "/ws" + (query.isEmpty() ? "" : "?" + query);
    return new ChatSocket(WsTestClient.connect(port, target, List.of(subprotocols)));
  }

  /** The next frame, whatever its type; null if none comes within {@code timeout}. */
  JsonObject poll(Duration timeout) throws InterruptedException {
    Object frame = client.messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (frame == null) {
      return null;
    }
    JsonObject message = Json.parseObject((String) frame);
    if (welcome == null && message.has("type") && message.get("type").getAsString().equals("welcome")) {
      welcome = message;
    }
    return message;
  }

  /** The connection's welcome frame (its client id and node), once it was read; waits up to 10 s for it. */
  JsonObject welcome() throws InterruptedException {
    return welcome != null ? welcome : next("welcome");
  }

  /** The next frame of {@code type}, skipping others; fails after 10 s. */
  JsonObject next(String type) throws InterruptedException {
    return next(type, message -> true);
  }

  /** The next frame of {@code type} that {@code matches}, skipping others; fails after 10 s. */
  JsonObject next(String type, Predicate<JsonObject> matches) throws InterruptedException {
    return next(type, matches, Duration.ofSeconds(10));
  }

  /** The next frame of {@code type} that {@code matches}, skipping others; fails after {@code timeout}. */
  JsonObject next(String type, Predicate<JsonObject> matches, Duration timeout) throws InterruptedException {
    return next(message -> type.equals(message.get("type").getAsString()) && matches.test(message), timeout,
        "'" + type + "'");
  }

  /** The next frame of any of {@code types}, skipping others; fails after 10 s. */
  JsonObject nextOf(String... types) throws InterruptedException {
    List<String> wanted = List.of(types);
    return next(message -> wanted.contains(message.get("type").getAsString()), Duration.ofSeconds(10),
        String.join(" or ", wanted));
  }

  private JsonObject next(Predicate<JsonObject> matches, Duration timeout, String what) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      JsonObject message = poll(Duration.ofMillis(100));
      if (message != null && matches.test(message)) {
        return message;
      }
    }
    throw new AssertionError("no matching " + what + " frame within " + timeout.toMillis() + " ms");
  }

  /** Sends one text frame and waits until it is written. */
  void send(String text) throws Exception {
    client.send(text);
  }

  /** Waits up to 10 s for the server to close the connection. */
  Closed awaitClose() throws Exception {
    return new Closed(closed.get(10, TimeUnit.SECONDS), client.closeReason.get(10, TimeUnit.SECONDS));
  }
}
