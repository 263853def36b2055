package dev.realtime.client;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.realtime.broker.StreamPosition;
import dev.realtime.hub.Client;
import dev.realtime.hub.Hub;
import dev.realtime.protocol.Json;
import dev.realtime.transport.Admission;
import dev.realtime.transport.Connection;
import dev.realtime.transport.ConnectionListener;
import dev.realtime.transport.Handshake;
import dev.realtime.transport.netty.NettyServer;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * A real server speaking the chat's room convention with the hub's recovery, on Netty and port 0:
 * {@code /ws?username=U&room=R[&since=N&epoch=E]} joins R (resuming it), {@code join_room} and
 * {@code leave_room} with {@code metadata.room} (and {@code since}/{@code epoch}), {@code message}
 * broadcast to the sender's room. Tests can refuse handshakes, silence pings, and record what
 * every connection asked for.
 */
final class RoomServer implements AutoCloseable {
  /** What one handshake asked for. */
  record Handshaken(String target, Optional<String> token) {}

  final Hub hub;
  final NettyServer server;
  /** While true, handshakes are refused with 503. */
  final AtomicBoolean refusing = new AtomicBoolean();
  /** While true, application pings get no answer (a server that stopped responding). */
  final AtomicBoolean silent = new AtomicBoolean();
  final AtomicInteger pings = new AtomicInteger();
  /** Every handshake that reached the server, refused or not. */
  final AtomicInteger attempts = new AtomicInteger();
  final List<Handshaken> handshakes = new CopyOnWriteArrayList<>();
  /** Connections whose connect handler has run: they are in their room. */
  final AtomicInteger welcomed = new AtomicInteger();
  final List<String> received = new CopyOnWriteArrayList<>();
  final List<Integer> closeCodes = new CopyOnWriteArrayList<>();

  private RoomServer(int port, UnaryOperator<Hub.Builder> tuning) throws IOException {
    this.hub = tuning.apply(Hub.builder()
            .onConnect(ctx -> {
              Client client = ctx.client();
              client.setUser(client.handshake().query("username").orElse("anonymous"));
              String room = client.handshake().query("room").orElse("general");
              client.setAttribute("home", room);
              Optional<StreamPosition> since = position(client.handshake().query("since"), client.handshake().query("epoch"));
              if (since.isPresent()) {
                client.join(room, since.get());
              } else {
                client.join(room);
              }
              welcomed.incrementAndGet();
            })
            .on("join_room", ctx -> {
              JsonObject metadata = ctx.message().getAsJsonObject("metadata");
              String room = metadata.get("room").getAsString();
              Optional<StreamPosition> since = position(text(metadata.get("since")), text(metadata.get("epoch")));
              if (since.isPresent()) {
                ctx.client().join(room, since.get());
              } else {
                ctx.client().join(room);
              }
            })
            .on("leave_room", ctx -> ctx.client().leave(ctx.message().getAsJsonObject("metadata").get("room").getAsString()))
            .on("message", ctx -> {
              received.add(ctx.message().get("content").getAsString());
              String room = ctx.client().<String>attribute("home").orElseThrow();
              ctx.hub().room(room).broadcast(message(room, ctx.client().user().orElseThrow(),
                  ctx.message().get("content").getAsString()));
            })
            .on("ping", ctx -> {
              pings.incrementAndGet();
              if (!silent.get()) {
                JsonObject pong = new JsonObject();
                pong.addProperty("type", "pong");
                pong.add("id", ctx.message().get("id"));
                ctx.client().send(pong);
              }
            })
            .onDisconnect(ctx -> closeCodes.add(ctx.code())))
        .build();
    ConnectionListener hubListener = hub.listener();
    ConnectionListener gate = new ConnectionListener() {
      @Override
      public Admission admit(Handshake handshake) {
        attempts.incrementAndGet();
        if (refusing.get()) {
          return Admission.refuse(503, "not now");
        }
        handshakes.add(new Handshaken(handshake.path() + query(handshake), handshake.query("token")));
        return hubListener.admit(handshake);
      }

      @Override
      public void onOpen(Connection connection) {
        hubListener.onOpen(connection);
      }

      @Override
      public void onText(Connection connection, String text) {
        hubListener.onText(connection, text);
      }

      @Override
      public void onBinary(Connection connection, ByteBuffer data) {
        hubListener.onBinary(connection, data);
      }

      @Override
      public void onClose(Connection connection, int code, String reason, boolean remote) {
        hubListener.onClose(connection, code, reason, remote);
      }

      @Override
      public void onError(Connection connection, Throwable error) {
        hubListener.onError(connection, error);
      }
    };
    this.server = NettyServer.builder().host("127.0.0.1").port(port).route("/ws", gate).build().start();
  }

  /** A server on a free port. */
  static RoomServer start() throws IOException {
    return start(0, UnaryOperator.identity());
  }

  /** A server on {@code port} (0: a free one) with a hub tuned by {@code tuning}. */
  static RoomServer start(int port, UnaryOperator<Hub.Builder> tuning) throws IOException {
    return new RoomServer(port, tuning);
  }

  int port() {
    return server.port();
  }

  URI uri(String query) {
    return URI.create("ws://127.0.0.1:" + port() + "/ws" + (query.isEmpty() ? "" : "?" + query));
  }

  /** Broadcasts a chat message to {@code room} from the server's side: done when this returns. */
  void publish(String room, String content) {
    hub.room(room).broadcast(message(room, "server", content));
  }

  /**
   * Closes every connection of {@code user} with {@code code}, as a server would; waits until the
   * hub has registered one (a client hears "open" before the hub has run its connect handler).
   */
  void kick(String user, int code) {
    Await.until(user + " on the server", () -> !hub.clientsOf(user).isEmpty());
    hub.clientsOf(user).forEach(client -> client.close(code, "kicked"));
  }

  /**
   * Waits until every connection admitted so far is in its room: a client hears "open" before the
   * server has run its connect handler, so a frame published at once could miss it.
   */
  void awaitSettled() {
    Await.until("every connection in its room", () -> welcomed.get() == handshakes.size());
  }

  @Override
  public void close() {
    try {
      server.stop(Duration.ofSeconds(2));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      hub.close();
    }
  }

  static JsonObject message(String room, String user, String content) {
    JsonObject frame = new JsonObject();
    frame.addProperty("type", "message");
    frame.addProperty("content", content);
    frame.addProperty("username", user);
    frame.addProperty("room", room);
    return frame;
  }

  private static String query(Handshake handshake) {
    StringBuilder text = new StringBuilder();
    handshake.queryParameters().forEach((name, values) -> values.forEach(value ->
        text.append(text.length() == 0 ? "?" : "&").append(name).append('=').append(value)));
    return text.toString();
  }

  private static Optional<String> text(JsonElement element) {
    return element == null || element.isJsonNull() ? Optional.empty() : Optional.of(element.getAsString());
  }

  private static Optional<StreamPosition> position(Optional<String> since, Optional<String> epoch) {
    if (since.isEmpty() || epoch.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new StreamPosition(Long.parseLong(since.get()), epoch.get()));
  }

  /** For assertions: the JSON of a frame. */
  static String encode(JsonObject frame) {
    return Json.encode(frame);
  }
}
