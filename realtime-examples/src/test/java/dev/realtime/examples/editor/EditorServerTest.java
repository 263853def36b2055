package dev.realtime.examples.editor;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.realtime.examples.ExampleServer;
import dev.realtime.examples.LaunchOptions;
import dev.realtime.ot.DocumentSnapshot;
import dev.realtime.ot.document.ClientDocument;
import dev.realtime.ot.text.TextOperation;
import dev.realtime.ot.text.TextOperationCodec;
import dev.realtime.protocol.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The editor on the real transport: two Java clients running the OT client state machine edit at once. */
class EditorServerTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final List<String> PIECES = List.of("a", "b", " ", "\n", "é", "\uD83D\uDE00", "\uD83C\uDF89x");
  private ExampleServer server;

  @BeforeEach
  void start() throws Exception {
    server = ExampleServer.start(LaunchOptions.ephemeral("editor"), new EditorExample());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void twoClientsEditingConcurrentlyConvergeWithTheServer() throws Exception {
    Random random = new Random(42);
    try (Peer alice = Peer.connect(server.wsPort(), "alice");
         Peer bob = Peer.connect(server.wsPort(), "bob")) {
      alice.awaitState();
      bob.awaitState();
      for (int round = 0; round < 150; round++) {
        for (Peer peer : List.of(alice, bob)) {
          peer.edit(random);
          peer.drain(round % 3);
        }
      }
      for (Peer peer : List.of(alice, bob)) {
        peer.awaitSynchronized();
      }
      // Both are synchronized, so any frame still in flight can only be the other's operation.
      while (alice.document.revision() != bob.document.revision()) {
        (alice.document.revision() < bob.document.revision() ? alice : bob).drain(10);
      }
      assertThat(alice.document.content()).isEqualTo(bob.document.content());
      // Edits made while one is in flight are composed, so there are fewer revisions than edits.
      assertThat(alice.document.revision()).isGreaterThan(10);

      try (Peer carol = Peer.connect(server.wsPort(), "carol")) {
        carol.awaitState();
        assertThat(carol.document.content()).isEqualTo(alice.document.content());
        assertThat(carol.document.revision()).isEqualTo(alice.document.revision());
      }
    }
  }

  @Test
  void aLargePasteIsAcceptedUpToTheDocumentBound() throws Exception {
    try (Peer alice = Peer.connect(server.wsPort(), "alice")) {
      alice.awaitState();
      String paste = "0123456789\n".repeat(30_000);
      alice.document.applyLocal(TextOperation.insert(0, 0, paste)).ifPresent(alice::send);
      alice.awaitSynchronized();
      assertThat(alice.document.revision()).isEqualTo(1);

      String tooMuch = "x".repeat(EditorService.MAX_DOCUMENT_LENGTH);
      alice.send(new ClientDocument.Outgoing<>(2, 1, TextOperation.insert(paste.length(), 0, tooMuch)));
      JsonObject error = Json.parseObject(alice.next(10_000));
      assertThat(error.get("code").getAsString()).isEqualTo("document_too_large");
    }
  }

  /** One editing client: a ClientDocument fed from a queue by the test thread only. */
  private static final class Peer implements WebSocket.Listener, AutoCloseable {
    private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;
    ClientDocument<String, TextOperation> document;

    static Peer connect(int port, String name) throws Exception {
      Peer peer = new Peer();
      peer.socket = HTTP.newWebSocketBuilder()
          .buildAsync(URI.create("ws://127.0.0.1:" + port + "/editor?doc=race&username=" + name
              + "&client=session-" + name), peer)
          .get(10, TimeUnit.SECONDS);
      return peer;
    }

    void awaitState() throws InterruptedException {
      while (document == null) {
        handle(next(10_000));
      }
    }

    void edit(Random random) {
      String text = document.content();
      int[] boundaries = text.codePoints().map(Character::charCount).toArray();
      int units = 0;
      int at = random.nextInt(boundaries.length + 1);
      for (int i = 0; i < at; i++) {
        units += boundaries[i];
      }
      TextOperation op;
      if (at < boundaries.length && random.nextInt(3) == 0) {
        op = TextOperation.delete(text.length(), units, boundaries[at]);
      } else {
        op = TextOperation.insert(text.length(), units, PIECES.get(random.nextInt(PIECES.size())));
      }
      document.applyLocal(op).ifPresent(this::send);
    }

    /** Handles every frame that arrives within {@code millis}. */
    void drain(long millis) throws InterruptedException {
      String frame = frames.poll(millis, TimeUnit.MILLISECONDS);
      while (frame != null) {
        handle(frame);
        frame = frames.poll();
      }
    }

    void awaitSynchronized() throws InterruptedException {
      while (document.state() != ClientDocument.State.SYNCHRONIZED) {
        handle(next(10_000));
      }
    }

    private String next(long millis) throws InterruptedException {
      String frame = frames.poll(millis, TimeUnit.MILLISECONDS);
      assertThat(frame).as("a frame within %d ms", millis).isNotNull();
      return frame;
    }

    private void handle(String text) {
      JsonObject frame = Json.parseObject(text);
      switch (frame.get("type").getAsString()) {
        case "document_state" -> document = ClientDocument.text(
            new DocumentSnapshot<>(frame.get("version").getAsInt(), frame.get("content").getAsString()));
        case "operation" -> {
          document.applyServer(TextOperationCodec.fromJson(frame.get("operation")));
          assertThat(document.revision()).isEqualTo(frame.get("version").getAsInt());
        }
        case "ack" -> document.serverAck(frame.get("seq").getAsLong()).ifPresent(this::send);
        case "error" -> throw new AssertionError("server refused: " + text);
        default -> { }
      }
    }

    private void send(ClientDocument.Outgoing<TextOperation> outgoing) {
      JsonObject message = new JsonObject();
      message.addProperty("type", "operation");
      message.addProperty("version", outgoing.revision());
      message.addProperty("seq", outgoing.seq());
      message.add("operation", TextOperationCodec.toJson(outgoing.operation()));
      socket.sendText(Json.encode(message), true).join();
    }

    @Override
    public void onOpen(WebSocket webSocket) {
      webSocket.request(Long.MAX_VALUE);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        frames.add(partial.toString());
        partial.setLength(0);
      }
      return null;
    }

    @Override
    public void close() {
      socket.sendClose(1000, "bye").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
    }
  }
}
