package dev.realtime.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One connection attempt and, once open, the connection: the JDK {@link WebSocket.Listener} that
 * reassembles text messages and hands every event to the {@link Session}. The JDK calls a
 * listener's methods one at a time; each event is passed on to the session's event thread.
 *
 * <p>Receiving is flow-controlled: at most {@link #WINDOW} messages are requested ahead of the
 * application, so a slow handler leaves frames in the TCP buffer instead of in memory.
 */
final class Link implements WebSocket.Listener {
  /** Messages requested ahead of the event thread. */
  static final int WINDOW = 64;

  private final Session session;
  private final int maxMessageChars;
  private final StringBuilder partial = new StringBuilder();
  /** Every frame part and ping received: the heartbeat's sign of life, counted on the JDK's thread. */
  private final AtomicLong life = new AtomicLong();
  private volatile WebSocket socket;
  private boolean discardingBinary;

  Link(Session session, int maxMessageChars) {
    this.session = session;
    this.maxMessageChars = maxMessageChars;
  }

  /** Starts the opening handshake; the stage fails if it cannot open. */
  CompletableFuture<WebSocket> open(HttpClient http, URI uri, Map<String, List<String>> headers, Duration timeout) {
    WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(timeout);
    headers.forEach((name, values) -> values.forEach(value -> builder.header(name, value)));
    return builder.buildAsync(uri, this);
  }

  /** The socket, once open. */
  WebSocket socket() {
    return socket;
  }

  /** How many signs of life arrived so far. */
  long life() {
    return life.get();
  }

  /** Drops the connection at once, without a close handshake. */
  void abort() {
    WebSocket ws = socket;
    if (ws != null) {
      ws.abort();
    }
  }

  @Override
  public void onOpen(WebSocket webSocket) {
    socket = webSocket;
    session.opened(this, webSocket);
    webSocket.request(WINDOW);
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    life.incrementAndGet();
    if (partial.length() + data.length() > maxMessageChars) {
      partial.setLength(0);
      session.tooBig(this, maxMessageChars);
      return null;
    }
    partial.append(data);
    if (!last) {
      webSocket.request(1);
      return null;
    }
    String text = partial.toString();
    partial.setLength(0);
    session.received(this, text, () -> webSocket.request(1));
    return null;
  }

  @Override
  public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
    life.incrementAndGet();
    if (!discardingBinary) {
      session.binaryIgnored(this);
    }
    discardingBinary = !last;
    webSocket.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
    life.incrementAndGet(); // the JDK answers with a pong by itself
    webSocket.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
    life.incrementAndGet();
    webSocket.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    session.closed(this, statusCode, reason);
    return null; // the JDK answers the close at once
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    session.failed(this, error);
  }
}
