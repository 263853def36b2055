package dev.realtime.testing.transport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real WebSocket client (the JDK's) that records what it receives, for integration tests.
 *
 * <p>Text arrives as {@code String}, binary as {@code ByteBuffer}, each once complete.
 */
public final class WsTestClient implements WebSocket.Listener, AutoCloseable {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** Complete messages received: {@code String} for text, {@code ByteBuffer} for binary. */
  public final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();
  /** The close code, once closed (1006 on an error). */
  public final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
  /** The close reason, once closed. */
  public final CompletableFuture<String> closeReason = new CompletableFuture<>();
  private final StringBuilder text = new StringBuilder();
  private ByteBuffer binary = ByteBuffer.allocate(0);
  private final boolean autoRead;
  /** The underlying JDK socket. */
  public WebSocket socket;
  /** Free for tests that track a sequence. */
  public int expectedNext;

  private WsTestClient(boolean autoRead) {
    this.autoRead = autoRead;
  }

  /** Connects to {@code ws://127.0.0.1:port + target} and reads everything. */
  public static WsTestClient connect(int port, String target) throws Exception {
    return connect(port, target, true);
  }

  /** Connects; with {@code autoRead} false the client reads nothing until {@link #read}. */
  public static WsTestClient connect(int port, String target, boolean autoRead) throws Exception {
    return connect(port, target, autoRead, List.of());
  }

  /**
   * Connects offering {@code subprotocols}, most preferred first, and reads everything; {@code
   * socket.getSubprotocol()} tells which one the server chose.
   */
  public static WsTestClient connect(int port, String target, List<String> subprotocols) throws Exception {
    return connect(port, target, true, subprotocols);
  }

  private static WsTestClient connect(int port, String target, boolean autoRead, List<String> subprotocols)
      throws Exception {
    WsTestClient client = new WsTestClient(autoRead);
    WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
    if (!subprotocols.isEmpty()) {
      builder.subprotocols(subprotocols.get(0),
          subprotocols.subList(1, subprotocols.size()).toArray(String[]::new));
    }
    client.socket =
        builder.buildAsync(URI.create("ws://127.0.0.1:" + port + target), client).get(10, TimeUnit.SECONDS);
    return client;
  }

  @Override
  public void onOpen(WebSocket webSocket) {
    if (autoRead) {
      webSocket.request(Long.MAX_VALUE);
    }
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    text.append(data);
    if (last) {
      messages.add(text.toString());
      text.setLength(0);
    }
    return null;
  }

  @Override
  public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
    ByteBuffer joined = ByteBuffer.allocate(binary.remaining() + data.remaining());
    joined.put(binary).put(data).flip();
    binary = joined;
    if (last) {
      messages.add(binary);
      binary = ByteBuffer.allocate(0);
    }
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    closeCode.complete(statusCode);
    closeReason.complete(reason);
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    closeCode.complete(1006);
    closeReason.complete(String.valueOf(error));
  }

  /** Asks for {@code messages} more messages (for clients made with autoRead false). */
  public void read(long messages) {
    socket.request(messages);
  }

  /** Sends a text message and waits until it is written. */
  public void send(String message) throws Exception {
    socket.sendText(message, true).get(10, TimeUnit.SECONDS);
  }

  /** The next message, waiting up to 10 s; fails if none came. */
  public Object next() throws InterruptedException {
    Object message = messages.poll(10, TimeUnit.SECONDS);
    if (message == null) {
      throw new AssertionError("no message within 10 s");
    }
    return message;
  }

  /** The next message as text, waiting up to 10 s. */
  public String nextText() throws InterruptedException {
    return (String) next();
  }

  /** Waits up to 15 s for the close and returns its code. */
  public int awaitClose() throws Exception {
    return closeCode.get(15, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    socket.abort();
  }
}
