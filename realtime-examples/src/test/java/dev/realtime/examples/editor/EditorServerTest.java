package dev.realtime.examples.editor;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.realtime.examples.ExampleServer;
import dev.realtime.examples.ExampleServers;
import dev.realtime.examples.LaunchOptions;
import dev.realtime.ot.document.ClientDocument;
import dev.realtime.ot.text.TextOperation;
import dev.realtime.testing.junit.ServerExtension;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The editor on the real transport: two Java clients running the OT client state machine edit at once. */
class EditorServerTest {
  @RegisterExtension
  final ServerExtension<ExampleServer> server =
      ExampleServers.extension(LaunchOptions.ephemeral("editor"), new EditorExample());

  @Test
  void twoClientsEditingConcurrentlyConvergeWithTheServer() throws Exception {
    Random random = new Random(42);
    try (EditorPeer alice = EditorPeer.connect(server.webSocketPort(), "alice", "race");
         EditorPeer bob = EditorPeer.connect(server.webSocketPort(), "bob", "race")) {
      for (int round = 0; round < 150; round++) {
        for (EditorPeer peer : List.of(alice, bob)) {
          peer.edit(random);
          peer.drain(round % 3);
        }
      }
      for (EditorPeer peer : List.of(alice, bob)) {
        peer.awaitSynchronized();
      }
      // Both are synchronized, so any frame still in flight can only be the other's operation.
      while (alice.document.revision() != bob.document.revision()) {
        (alice.document.revision() < bob.document.revision() ? alice : bob).drain(10);
      }
      assertThat(alice.document.content()).isEqualTo(bob.document.content());
      // Edits made while one is in flight are composed, so there are fewer revisions than edits.
      assertThat(alice.document.revision()).isGreaterThan(10);

      try (EditorPeer carol = EditorPeer.connect(server.webSocketPort(), "carol", "race")) {
        assertThat(carol.document.content()).isEqualTo(alice.document.content());
        assertThat(carol.document.revision()).isEqualTo(alice.document.revision());
      }
    }
  }

  @Test
  void aLargePasteIsAcceptedUpToTheDocumentBound() throws Exception {
    try (EditorPeer alice = EditorPeer.connect(server.webSocketPort(), "alice", "race")) {
      String paste = "0123456789\n".repeat(30_000);
      alice.apply(TextOperation.insert(0, 0, paste));
      alice.awaitSynchronized();
      assertThat(alice.document.revision()).isEqualTo(1);

      String tooMuch = "x".repeat(EditorService.MAX_DOCUMENT_LENGTH);
      alice.send(new ClientDocument.Outgoing<>(2, 1, TextOperation.insert(paste.length(), 0, tooMuch)));
      JsonObject error = alice.nextOfType("error");
      assertThat(error.get("code").getAsString()).isEqualTo("document_too_large");
    }
  }
}
