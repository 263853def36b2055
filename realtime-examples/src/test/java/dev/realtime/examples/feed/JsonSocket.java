package dev.realtime.examples.feed;

import com.google.gson.JsonObject;
import dev.realtime.protocol.Json;
import dev.realtime.testing.transport.WsTestClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A real WebSocket client reading JSON frames, and plain HTTP, for the feed examples' tests. */
public final class JsonSocket implements AutoCloseable {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** The underlying client (binary frames, close codes). */
  public final WsTestClient client;

  private JsonSocket(WsTestClient client) {
    this.client = client;
  }

  /** Connects to {@code ws://127.0.0.1:port + target}, offering {@code subprotocols}. */
  public static JsonSocket open(int port, String target, String... subprotocols) throws Exception {
    return new JsonSocket(WsTestClient.connect(port, target, List.of(subprotocols)));
  }

  /** The next text frame, or null if none comes within {@code timeout}. */
  public JsonObject poll(Duration timeout) throws InterruptedException {
    Object frame = client.messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    return frame == null ? null : Json.parseObject((String) frame);
  }

  /** The next frame of {@code type}, skipping others; fails after 10 s. */
  public JsonObject next(String type) throws InterruptedException {
    return next(type, frame -> true);
  }

  /** The next frame of {@code type} that {@code matches}, skipping others; fails after 10 s. */
  public JsonObject next(String type, Predicate<JsonObject> matches) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      JsonObject frame = poll(Duration.ofMillis(100));
      if (frame != null && type.equals(frame.get("type").getAsString()) && matches.test(frame)) {
        return frame;
      }
    }
    throw new AssertionError("no matching '" + type + "' frame within 10 s");
  }

  /** Every text frame that arrives within {@code window}. */
  public List<JsonObject> drain(Duration window) throws InterruptedException {
    List<JsonObject> frames = new ArrayList<>();
    long deadline = System.nanoTime() + window.toNanos();
    while (System.nanoTime() < deadline) {
      JsonObject frame = poll(Duration.ofMillis(20));
      if (frame != null) {
        frames.add(frame);
      }
    }
    return frames;
  }

  /** Sends a text frame. */
  public void send(String text) throws Exception {
    client.send(text);
  }

  @Override
  public void close() {
    client.close();
  }

  /** {@code METHOD http://127.0.0.1:port + path} with a JSON body (or none). */
  public static HttpResponse<String> http(int port, String method, String path, String body, String... headers)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(10))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
