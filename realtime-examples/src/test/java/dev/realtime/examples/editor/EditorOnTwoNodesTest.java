package dev.realtime.examples.editor;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.realtime.broker.memory.InMemoryBroker;
import dev.realtime.hub.Hub;
import dev.realtime.ot.document.ServerDocument;
import dev.realtime.ot.store.InMemoryDocumentStore;
import dev.realtime.ot.text.PlainText;
import dev.realtime.ot.text.TextOperation;
import dev.realtime.testing.InMemoryTransport;
import dev.realtime.testing.TestConnection;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two editor nodes over one in-memory broker cluster and one store, driven through the in-memory
 * transport: participants, cursors and operations cross nodes; the store orders the operations.
 */
class EditorOnTwoNodesTest {
  private final InMemoryBroker cluster = InMemoryBroker.builder().build();
  private final InMemoryDocumentStore<String, TextOperation> store = new InMemoryDocumentStore<>(PlainText.INSTANCE, 100);
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final EditorService one = node("one");
  private final EditorService two = node("two");
  private final InMemoryTransport toOne = new InMemoryTransport(one.hub());
  private final InMemoryTransport toTwo = new InMemoryTransport(two.hub());

  private EditorService node(String id) {
    return new EditorService(Hub.builder().name("editor"), store, cluster.newNode(id), Runnable::run, scheduler,
        ServerDocument.DEFAULT_MAX_HISTORY, EditorService.MAX_DOCUMENT_LENGTH);
  }

  @AfterEach
  void stop() {
    one.close();
    two.close();
    scheduler.shutdownNow();
  }

  private static TestConnection open(InMemoryTransport node, String user) {
    return node.connect("/editor?username=" + user + "&doc=notes&client=s-" + user);
  }

  private static String operation(int version, long seq, String ops) {
    return "{\"type\":\"operation\",\"version\":" + version + ",\"seq\":" + seq + ",\"operation\":" + ops + "}";
  }

  private static List<String> usernames(JsonObject frame, String field) {
    return frame.getAsJsonArray(field).asList().stream().map(JsonElement::getAsJsonObject)
        .map(user -> user.get("username").getAsString()).toList();
  }

  private static boolean knows(TestConnection connection, String user) {
    return connection.receivedOfType("user_joined").stream()
        .anyMatch(f -> f.getAsJsonObject("user").get("username").getAsString().equals(user))
        || connection.receivedOfType("document_state").stream().anyMatch(f -> usernames(f, "users").contains(user));
  }

  @Test
  void participantsCursorsAndOperationsCrossNodes() {
    TestConnection ann = open(toOne, "ann");
    TestConnection bob = open(toTwo, "bob");

    assertThat(knows(ann, "bob")).as("ann hears bob joined on the other node").isTrue();
    assertThat(knows(bob, "ann")).as("bob learns ann is there").isTrue();

    ann.send(operation(0, 1, "[\"hello world\"]"));
    JsonObject op = bob.receivedOfType("operation").get(0);
    assertThat(op.get("version").getAsInt()).isEqualTo(1);
    assertThat(op.get("author").getAsString()).isEqualTo("ann");

    bob.send("{\"type\":\"cursor\",\"version\":1,\"cursor\":{\"position\":6,\"selection_end\":11}}");
    JsonObject cursor = ann.receivedOfType("cursor").get(ann.receivedOfType("cursor").size() - 1);
    assertThat(cursor.get("username").getAsString()).isEqualTo("bob");
    assertThat(cursor.get("position").getAsInt()).isEqualTo(6);

    // Both edit revision 1 at once: node two commits second, transformed past node one's.
    ann.send(operation(1, 2, "[\"A\",11]"));
    bob.send(operation(1, 1, "[11,\"B\"]"));
    assertThat(one.document("notes").orElseThrow().content()).isEqualTo("Ahello worldB");
    assertThat(two.document("notes").orElseThrow().content()).isEqualTo("Ahello worldB");
    assertThat(store.entriesSince("notes", 0).orElseThrow()).hasSize(3);

    // A late joiner on node one sees bob with his cursor moved past ann's "A".
    TestConnection carol = open(toOne, "carol");
    JsonObject state = carol.receivedOfType("document_state").get(0);
    assertThat(usernames(state, "users")).contains("ann", "bob", "carol");
    JsonObject bobThere = state.getAsJsonArray("users").asList().stream().map(JsonElement::getAsJsonObject)
        .filter(user -> user.get("username").getAsString().equals("bob")).findFirst().orElseThrow();
    assertThat(bobThere.get("position").getAsInt()).isEqualTo(7);

    bob.disconnect(1000, "bye");
    assertThat(ann.receivedOfType("user_left")).extracting(f -> f.getAsJsonObject("user").get("username").getAsString())
        .containsExactly("bob");
  }
}
