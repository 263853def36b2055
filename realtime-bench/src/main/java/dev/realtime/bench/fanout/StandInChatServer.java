package dev.realtime.bench.fanout;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.realtime.examples.server.IoModes;
import dev.realtime.hub.Client;
import dev.realtime.hub.Hub;
import dev.realtime.hub.MessageHandler;
import dev.realtime.protocol.ErrorCodes;
import dev.realtime.protocol.ProtocolException;
import dev.realtime.transport.javaws.JavaWsServer;
import dev.realtime.transport.netty.IoMode;
import dev.realtime.transport.netty.NettyServer;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.function.Consumer;

/**
 * A minimal chat server with the chat example's wire format, for testing the load tool before the
 * real example exists: join the room from the query, broadcast {@code message} frames to it.
 *
 * <p>It leaves out the example's extras (several rooms per connection, {@code users} frames,
 * {@code /stats}), so figures measured against it are a lower bound of the real server's cost.
 */
public final class StandInChatServer {
  /** The server underneath, whichever transport it is. */
  private interface Running {
    int port();

    void stop(Duration timeout) throws InterruptedException;
  }

  private final Running server;

  private StandInChatServer(Running server) {
    this.server = server;
  }

  /** Starts a stand-in on Java-WebSocket on {@code host:port} (0 for an ephemeral port) serving {@code /ws}. */
  public static StandInChatServer start(String host, int port, Duration heartbeat) throws IOException {
    return start(host, port, heartbeat, "javaws");
  }

  /** Starts a stand-in on {@code transport} ({@code javaws} or {@code netty}). */
  public static StandInChatServer start(String host, int port, Duration heartbeat, String transport)
      throws IOException {
    return start(host, port, heartbeat, transport, netty -> { });
  }

  /** Starts a stand-in on {@code transport}; on Netty, {@code nettyOptions} tunes the builder first. */
  public static StandInChatServer start(
      String host, int port, Duration heartbeat, String transport, Consumer<NettyServer.Builder> nettyOptions)
      throws IOException {
    Hub hub =
        Hub.builder()
            .name("chat")
            .onConnect(
                ctx -> {
                  Client client = ctx.client();
                  String user = client.handshake().query("username").orElse("anonymous");
                  String room = client.handshake().query("room").orElse("general");
                  client.setUser(user);
                  client.setAttribute("room", room);
                  client.join(room);
                  broadcastSystem(client, room, "join", user + " joined the room");
                })
            .onDisconnect(
                ctx -> {
                  String user = ctx.client().user().orElse("anonymous");
                  for (String room : ctx.rooms()) {
                    ctx.hub().room(room).broadcast(chatFrame("leave", user + " left the room", "system", room));
                  }
                })
            .on("message", StandInChatServer::message)
            .build();
    if (transport.equals("netty")) {
      NettyServer.Builder builder = NettyServer.builder().host(host).port(port).heartbeatInterval(heartbeat).route("/ws", hub);
      nettyOptions.accept(builder);
      NettyServer netty = builder.build().start();
      return new StandInChatServer(new Running() {
        @Override
        public int port() {
          return netty.port();
        }

        @Override
        public void stop(Duration timeout) throws InterruptedException {
          netty.stop(timeout);
        }
      });
    }
    if (!transport.equals("javaws")) {
      throw new IllegalArgumentException("transport must be javaws or netty: " + transport);
    }
    JavaWsServer javaws =
        JavaWsServer.builder().host(host).port(port).heartbeatInterval(heartbeat).route("/ws", hub).build().start();
    return new StandInChatServer(new Running() {
      @Override
      public int port() {
        return javaws.port();
      }

      @Override
      public void stop(Duration timeout) throws InterruptedException {
        javaws.stop(timeout);
      }
    });
  }

  private static void message(MessageHandler.Context ctx) {
    Client client = ctx.client();
    JsonElement content = ctx.message().get("content");
    if (content == null || !content.isJsonPrimitive()) {
      throw new ProtocolException(ErrorCodes.INVALID_MESSAGE, "content must be a string");
    }
    String room = client.<String>attribute("room").orElseThrow();
    String user = client.user().orElse("anonymous");
    // Room.broadcast(JsonElement) encodes once and shares the bytes with every member.
    client.hub().room(room).broadcast(chatFrame("message", content.getAsString(), user, room));
  }

  private static void broadcastSystem(Client client, String room, String type, String text) {
    client.hub().room(room).broadcast(chatFrame(type, text, "system", room));
  }

  private static JsonObject chatFrame(String type, String content, String user, String room) {
    JsonObject frame = new JsonObject();
    frame.addProperty("type", type);
    frame.addProperty("content", content);
    frame.addProperty("username", user);
    frame.addProperty("timestamp", DateTimeFormatter.ISO_INSTANT.format(Instant.now()));
    frame.addProperty("room", room);
    return frame;
  }

  /** The port actually bound. */
  public int port() {
    return server.port();
  }

  /** Stops gracefully within {@code timeout}. */
  public void stop(Duration timeout) throws InterruptedException {
    server.stop(timeout);
  }

  /**
   * Runs the stand-in until interrupted: {@code [--host 127.0.0.1] [--port 8081] [--transport
   * javaws|netty] [--write-coalescing-ms N] [--io-threads N] [--io-mode auto|nio|epoll|io_uring]}
   * (the last three Netty only; default Netty's own).
   */
  public static void main(String[] args) throws Exception {
    String host = "127.0.0.1";
    int port = 8081;
    String transport = "javaws";
    Consumer<NettyServer.Builder> netty = builder -> { };
    for (int i = 0; i + 1 < args.length; i += 2) {
      String value = args[i + 1];
      switch (args[i]) {
        case "--host" -> host = args[i + 1];
        case "--port" -> port = Integer.parseInt(args[i + 1]);
        case "--transport" -> transport = args[i + 1];
        case "--write-coalescing-ms" -> netty = netty.andThen(
            builder -> builder.writeCoalescing(Duration.ofMillis(Long.parseLong(value))));
        case "--io-threads" -> netty = netty.andThen(builder -> builder.ioThreads(Integer.parseInt(value)));
        case "--io-mode" -> {
          IoMode mode = IoModes.named(value).orElseThrow(() -> new IllegalArgumentException(
              "--io-mode must be " + IoModes.names() + ", got '" + value + "'"));
          netty = netty.andThen(builder -> builder.io(mode));
        }
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    StandInChatServer chat = start(host, port, Duration.ofSeconds(30), transport, netty);
    System.out.println("stand-in chat (" + transport + ") listening on ws://" + host + ":" + chat.port() + "/ws (pid "
        + ProcessHandle.current().pid() + ")");
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        chat.stop(Duration.ofSeconds(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }));
    Thread.currentThread().join();
  }
}
