package dev.realtime.examples.editor;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.realtime.examples.ExampleServer;
import dev.realtime.examples.ExampleServers;
import dev.realtime.examples.LaunchOptions;
import dev.realtime.ot.DocumentSnapshot;
import dev.realtime.ot.document.ClientDocument;
import dev.realtime.ot.text.TextOperation;
import dev.realtime.ot.text.TextOperationCodec;
import dev.realtime.protocol.Json;
import dev.realtime.testing.junit.ServerExtension;
import dev.realtime.testing.transport.WsTestClient;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The editor on the real transport: two Java clients running the OT client state machine edit at once. */
class EditorServerTest {
  private static final List<String> PIECES = List.of("a", "b", " ", "\n", "é", "\uD83D\uDE00", "\uD83C\uDF89x");

  @RegisterExtension
  final ServerExtension<ExampleServer> server =
      ExampleServers.extension(LaunchOptions.ephemeral("editor"), new EditorExample());

  @Test
  void twoClientsEditingConcurrentlyConvergeWithTheServer() throws Exception {
    Random random = new Random(42);
    try (Peer alice = Peer.connect(server.webSocketPort(), "alice");
         Peer bob = Peer.connect(server.webSocketPort(), "bob")) {
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

      try (Peer carol = Peer.connect(server.webSocketPort(), "carol")) {
        carol.awaitState();
        assertThat(carol.document.content()).isEqualTo(alice.document.content());
        assertThat(carol.document.revision()).isEqualTo(alice.document.revision());
      }
    }
  }

  @Test
  void aLargePasteIsAcceptedUpToTheDocumentBound() throws Exception {
    try (Peer alice = Peer.connect(server.webSocketPort(), "alice")) {
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

  /** One editing client: a ClientDocument fed from the client's queue by the test thread only. */
  private static final class Peer implements AutoCloseable {
    private final WsTestClient client;
    ClientDocument<String, TextOperation> document;

    private Peer(WsTestClient client) {
      this.client = client;
    }

    static Peer connect(int port, String name) throws Exception {
      return new Peer(WsTestClient.connect(port, "/editor?doc=race&username=" + name + "&client=session-" + name));
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
      Object frame = client.messages.poll(millis, TimeUnit.MILLISECONDS);
      while (frame != null) {
        handle((String) frame);
        frame = client.messages.poll();
      }
    }

    void awaitSynchronized() throws InterruptedException {
      while (document.state() != ClientDocument.State.SYNCHRONIZED) {
        handle(next(10_000));
      }
    }

    private String next(long millis) throws InterruptedException {
      Object frame = client.messages.poll(millis, TimeUnit.MILLISECONDS);
      assertThat(frame).as("a frame within %d ms", millis).isNotNull();
      return (String) frame;
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
      client.socket.sendText(Json.encode(message), true).join();
    }

    @Override
    public void close() {
      client.socket.sendClose(1000, "bye").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
    }
  }
}
