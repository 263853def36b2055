package dev.realtime.examples.editor;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.realtime.hub.Hub;
import dev.realtime.ot.document.ServerDocument;
import dev.realtime.ot.store.DocumentStore;
import dev.realtime.ot.store.InMemoryDocumentStore;
import dev.realtime.ot.store.StoredDocument;
import dev.realtime.ot.text.PlainText;
import dev.realtime.ot.text.TextOperation;
import dev.realtime.ot.text.TextOperationCodec;
import dev.realtime.protocol.Json;
import dev.realtime.testing.InMemoryTransport;
import dev.realtime.testing.TestConnection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The editor's handlers, driven through the in-memory transport: no sockets, no sleeps. */
class EditorServiceTest {
  private EditorService editor = new EditorService(Hub.builder());
  private InMemoryTransport transport = new InMemoryTransport(editor.hub());

  private void useService(int maxHistory, int maxLength) {
    editor = new EditorService(Hub.builder(), new InMemoryDocumentStore<>(PlainText.INSTANCE), maxHistory, maxLength);
    transport = new InMemoryTransport(editor.hub());
  }

  private TestConnection open(String user, String session) {
    return transport.connect("/editor?username=" + user + "&doc=notes&client=" + session);
  }

  private static String operation(int version, long seq, String ops) {
    return "{\"type\":\"operation\",\"version\":" + version + ",\"seq\":" + seq + ",\"operation\":" + ops + "}";
  }

  private ServerDocument<String, TextOperation> server() {
    return editor.document("notes").orElseThrow();
  }

  private static JsonObject last(TestConnection connection, String type) {
    List<JsonObject> frames = connection.receivedOfType(type);
    assertThat(frames).as("frames of type %s", type).isNotEmpty();
    return frames.get(frames.size() - 1);
  }

  @Test
  void aNewClientGetsTheDocumentStateWithTheUsers() {
    TestConnection alice = open("alice", "s-alice");
    TestConnection bob = open("bob", "s-bob");

    JsonObject state = last(bob, "document_state");
    assertThat(state.get("content").getAsString()).isEmpty();
    assertThat(state.get("version").getAsInt()).isZero();
    assertThat(state.get("title").getAsString()).isEqualTo("notes");
    assertThat(state.getAsJsonArray("users")).hasSize(2);
    assertThat(state.getAsJsonObject("you").get("username").getAsString()).isEqualTo("bob");
    assertThat(state.has("resync")).isFalse();
    JsonObject joined = last(alice, "user_joined").getAsJsonObject("user");
    assertThat(joined.get("username").getAsString()).isEqualTo("bob");
    assertThat(joined.get("color").getAsString()).startsWith("#");
    assertThat(bob.receivedOfType("user_joined")).isEmpty();
  }

  @Test
  void theAuthorGetsAnAckAndTheOthersTheOperationWithTheRevisionItProduced() {
    TestConnection alice = open("alice", "s-alice");
    TestConnection bob = open("bob", "s-bob");

    alice.send(operation(0, 1, "[\"hello\"]"));

    JsonObject ack = last(alice, "ack");
    assertThat(ack.get("version").getAsInt()).isEqualTo(1);
    assertThat(ack.get("seq").getAsLong()).isEqualTo(1);
    assertThat(alice.receivedOfType("operation")).isEmpty();
    JsonObject broadcast = last(bob, "operation");
    assertThat(broadcast.get("operation").toString()).isEqualTo("[\"hello\"]");
    assertThat(broadcast.get("version").getAsInt()).isEqualTo(1);
    assertThat(broadcast.get("author").getAsString()).isEqualTo("alice");
    assertThat(server().content()).isEqualTo("hello");
  }

  @Test
  void theSeedsPositionalOperationIsAcceptedToo() {
    TestConnection alice = open("alice", "s-alice");
    alice.send(operation(0, 1, "{\"type\":\"insert\",\"position\":0,\"content\":\"abc\"}"));
    alice.send(operation(1, 2, "{\"type\":\"delete\",\"position\":1,\"length\":1}"));
    assertThat(server().content()).isEqualTo("ac");
    assertThat(last(alice, "ack").get("version").getAsInt()).isEqualTo(2);
  }

  @Test
  void concurrentOperationsAtTheSameRevisionConvergeOnEveryClient() {
    TestConnection alice = open("alice", "s-alice");
    TestConnection bob = open("bob", "s-bob");
    alice.send(operation(0, 1, "[\"hello\"]"));

    // Both edit revision 1 at the same spot, neither having seen the other's edit.
    TextOperation fromAlice = TextOperationCodec.fromJson("[5,\"A\"]");
    TextOperation fromBob = TextOperationCodec.fromJson("[5,\"B\"]");
    alice.send(operation(1, 2, TextOperationCodec.toJsonString(fromAlice)));
    bob.send(operation(1, 1, TextOperationCodec.toJsonString(fromBob)));

    String aliceText = TextOperationCodec.fromJson(last(alice, "operation").get("operation")).apply("helloA");
    TextOperation bobsView = TextOperationCodec.fromJson(last(bob, "operation").get("operation"));
    // Bob's outstanding op is transformed past Alice's as the client state machine does.
    String bobText = TextOperation.transformBoth(fromBob, bobsView).bPrime().apply("helloB");
    assertThat(server().content()).isEqualTo("helloBA").isEqualTo(aliceText).isEqualTo(bobText);
    assertThat(last(bob, "ack").get("version").getAsInt()).isEqualTo(3);
  }

  @Test
  void aResubmissionAfterAReconnectIsAcknowledgedButNotAppliedTwice() {
    TestConnection alice = open("alice", "s-alice");
    TestConnection bob = open("bob", "s-bob");
    alice.send(operation(0, 1, "[\"hello\"]"));
    bob.send(operation(1, 1, "[5,\" world\"]"));
    alice.disconnect(1006, "lost");

    // Alice comes back at revision 0 (she never saw her ack) with the same session.
    TestConnection again = transport.connect("/editor?username=alice&doc=notes&client=s-alice&version=0");
    List<String> types = again.receivedJson().stream().map(f -> f.get("type").getAsString()).toList();
    assertThat(types).containsExactly("ack", "operation", "caught_up");
    assertThat(again.receivedOfType("ack").get(0).get("seq").getAsLong()).isEqualTo(1);
    assertThat(again.receivedOfType("operation").get(0).get("author").getAsString()).isEqualTo("bob");
    assertThat(last(again, "caught_up").get("version").getAsInt()).isEqualTo(2);

    again.send(operation(0, 1, "[\"hello\"]"));
    assertThat(last(again, "ack").get("version").getAsInt()).isEqualTo(1);
    assertThat(server().content()).isEqualTo("hello world");
    assertThat(server().revision()).isEqualTo(2);
  }

  @Test
  void aClientTooFarBehindIsToldToResynchronise() {
    useService(2, EditorService.MAX_DOCUMENT_LENGTH);
    TestConnection alice = open("alice", "s-alice");
    TestConnection bob = open("bob", "s-bob");
    for (int i = 0; i < 4; i++) {
      alice.send(operation(i, i + 1, i == 0 ? "[\"x\"]" : "[" + i + ",\"x\"]"));
    }

    bob.send(operation(0, 1, "[\"late\"]"));
    JsonObject resync = last(bob, "document_state");
    assertThat(resync.get("resync").getAsBoolean()).isTrue();
    assertThat(resync.get("seq").getAsLong()).isEqualTo(1);
    assertThat(resync.get("content").getAsString()).isEqualTo("xxxx");
    assertThat(resync.get("version").getAsInt()).isEqualTo(4);
    assertThat(server().content()).isEqualTo("xxxx");

    TestConnection carol = transport.connect("/editor?username=carol&doc=notes&client=s-carol&version=1");
    assertThat(carol.receivedJson().get(0).get("type").getAsString()).isEqualTo("document_state");
    assertThat(carol.receivedJson().get(0).get("resync").getAsBoolean()).isTrue();
  }

  @Test
  void cursorsAreBroadcastAndMovedThroughLaterOperationsForLateJoiners() {
    TestConnection alice = open("alice", "s-alice");
    TestConnection bob = open("bob", "s-bob");
    alice.send(operation(0, 1, "[\"hello world\"]"));
    bob.send("{\"type\":\"cursor\",\"cursor\":{\"position\":6,\"selection_end\":11}}");

    JsonObject cursor = last(alice, "cursor");
    assertThat(cursor.get("username").getAsString()).isEqualTo("bob");
    assertThat(cursor.get("position").getAsInt()).isEqualTo(6);
    assertThat(cursor.get("selection_end").getAsInt()).isEqualTo(11);
    assertThat(cursor.get("color").getAsString()).startsWith("#");
    assertThat(cursor.get("user_id").getAsString()).isNotEmpty();
    assertThat(cursor.getAsJsonObject("cursor").get("position").getAsInt()).isEqualTo(6);
    assertThat(bob.receivedOfType("cursor")).isEmpty();

    alice.send(operation(1, 2, "[\">> \",11]"));
    TestConnection carol = open("carol", "s-carol");
    JsonObject bobSeen = last(carol, "document_state").getAsJsonArray("users").asList().stream()
        .map(u -> u.getAsJsonObject())
        .filter(u -> u.get("username").getAsString().equals("bob"))
        .findFirst().orElseThrow();
    assertThat(bobSeen.get("position").getAsInt()).isEqualTo(9);
    assertThat(bobSeen.get("selection_end").getAsInt()).isEqualTo(14);
  }

  @Test
  void aCursorWithItsVersionIsMovedThroughTheOperationsSince() {
    TestConnection alice = open("alice", "s-alice");
    TestConnection bob = open("bob", "s-bob");
    alice.send(operation(0, 1, "[\"hello\"]"));
    alice.send(operation(1, 2, "[\"ab\",5]"));
    // Bob put his caret after "hello" at version 1, before he saw Alice's "ab".
    bob.send("{\"type\":\"cursor\",\"version\":1,\"cursor\":{\"position\":5,\"selection_end\":2}}");
    JsonObject cursor = last(alice, "cursor");
    assertThat(cursor.get("position").getAsInt()).isEqualTo(7);
    assertThat(cursor.get("selection_end").getAsInt()).isEqualTo(4);
  }

  @Test
  void aCursorBeyondTheTextIsClampedToIt() {
    TestConnection alice = open("alice", "s-alice");
    TestConnection bob = open("bob", "s-bob");
    bob.send("{\"type\":\"cursor\",\"cursor\":{\"position\":50}}");
    assertThat(last(alice, "cursor").get("position").getAsInt()).isZero();
  }

  @Test
  void joinsAndLeavesAreAnnounced() {
    TestConnection alice = open("alice", "s-alice");
    TestConnection bob = open("bob", "s-bob");
    String bobId = last(alice, "user_joined").getAsJsonObject("user").get("id").getAsString();
    bob.disconnect(1000, "bye");
    JsonObject left = last(alice, "user_left").getAsJsonObject("user");
    assertThat(left.get("id").getAsString()).isEqualTo(bobId);
    assertThat(left.get("username").getAsString()).isEqualTo("bob");
    TestConnection carol = open("carol", "s-carol");
    assertThat(last(carol, "document_state").getAsJsonArray("users")).hasSize(2);
  }

  @Test
  void withoutASessionIdTheConnectionIdIsUsed() {
    TestConnection alice = transport.connect("/editor?username=alice&doc=notes");
    alice.send(operation(0, 1, "[\"a\"]"));
    TestConnection bob = transport.connect("/editor?username=bob&doc=notes");
    bob.send(operation(1, 1, "[1,\"b\"]"));
    assertThat(server().content()).isEqualTo("ab");
  }

  @Test
  void aMalformedSessionIdIsRefused() {
    TestConnection bad = transport.connect("/editor?username=alice&doc=notes&client=%3Cscript%3E");
    assertThat(bad.closeCode()).hasValue(1008);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"type\":\"operation\",\"version\":9,\"seq\":2,\"operation\":[3,\"x\"]}", // from the future
      "{\"type\":\"operation\",\"version\":1,\"seq\":2,\"operation\":[5,\"x\"]}", // wrong base length
      "{\"type\":\"operation\",\"version\":1,\"seq\":2,\"operation\":[1,-1,1]}", // splits the emoji
      "{\"type\":\"operation\",\"version\":1,\"seq\":2,\"operation\":[\"\\uDE00\",3]}", // lone low surrogate
      "{\"type\":\"operation\",\"version\":1,\"seq\":2,\"operation\":[[1],2]}", // nested array
      "{\"type\":\"operation\",\"version\":1,\"seq\":2,\"operation\":[0,3]}", // zero
      "{\"type\":\"operation\",\"version\":1,\"seq\":2,\"operation\":[true,3]}", // boolean
      "{\"type\":\"operation\",\"version\":1,\"seq\":2,\"operation\":[1.5,2]}", // fraction
      "{\"type\":\"operation\",\"version\":1,\"seq\":2,\"operation\":[1e20]}", // huge retain
      "{\"type\":\"operation\",\"version\":1,\"seq\":2,\"operation\":\"abc\"}", // a string
      "{\"type\":\"operation\",\"version\":1,\"seq\":2}", // no operation
      "{\"type\":\"operation\",\"version\":\"1\",\"seq\":2,\"operation\":[3,\"x\"]}", // version as string
      "{\"type\":\"operation\",\"version\":1e30,\"seq\":2,\"operation\":[3,\"x\"]}", // huge version
      "{\"type\":\"operation\",\"version\":-1,\"seq\":2,\"operation\":[3,\"x\"]}", // negative version
      "{\"type\":\"operation\",\"version\":1,\"seq\":0,\"operation\":[3,\"x\"]}", // seq zero
      "{\"type\":\"operation\",\"version\":1,\"seq\":1.5,\"operation\":[3,\"x\"]}", // fractional seq
      "{\"type\":\"operation\",\"version\":1,\"seq\":99999999999999999999,\"operation\":[3,\"x\"]}", // huge seq
      "{\"type\":\"operation\",\"version\":1,\"seq\":2,\"operation\":{\"type\":\"insert\",\"position\":9,\"content\":\"x\"}}",
      "{\"type\":\"operation\",\"version\":1,\"seq\":2,\"operation\":{\"type\":\"move\",\"position\":0}}",
      "{\"type\":\"operation\",\"version\":1,\"seq\":2,\"operation\":[3,\"0123456789\"]}", // too large
      "{\"type\":\"cursor\",\"cursor\":{\"position\":\"x\"}}",
      "{\"type\":\"cursor\",\"cursor\":{\"position\":-4}}",
      "{\"type\":\"cursor\",\"cursor\":7}",
      "{\"type\":\"cursor\",\"version\":\"x\",\"cursor\":{\"position\":1}}",
  })
  void aBadMessageAnswersAnErrorAndLeavesTheDocumentUnchanged(String message) {
    useService(ServerDocument.DEFAULT_MAX_HISTORY, 12);
    TestConnection alice = open("alice", "s-alice");
    TestConnection bob = open("bob", "s-bob");
    alice.send(operation(0, 1, Json.encode(TextOperationCodec.toJson(TextOperation.insert(0, 0, "a\uD83D\uDE00")))));
    bob.clearReceived();
    alice.clearReceived();

    alice.send(message);

    assertThat(alice.receivedOfType("error")).hasSize(1);
    assertThat(alice.receivedOfType("ack")).isEmpty();
    assertThat(bob.receivedOfType("operation")).isEmpty();
    assertThat(server().content()).isEqualTo("a\uD83D\uDE00");
    assertThat(server().revision()).isEqualTo(1);
    assertThat(alice.closeCode()).isEmpty();
  }

  @Test
  void anOperationWithTooManyComponentsIsRefused() {
    TestConnection alice = open("alice", "s-alice");
    StringBuilder ops = new StringBuilder("[");
    for (int i = 0; i <= EditorService.MAX_OPERATION_COMPONENTS; i++) {
      ops.append(i == 0 ? "" : ",").append(i % 2 == 0 ? "\"a\"" : "-1");
    }
    alice.send(operation(0, 1, ops.append(']').toString()));
    assertThat(last(alice, "error").get("message").getAsString()).contains("components");
    assertThat(server().revision()).isZero();
  }

  @Test
  void aDocumentNobodyHasOpenLeavesMemoryAndComesBackFromTheStore() {
    TestConnection alice = open("alice", "s-alice");
    TestConnection bob = open("bob", "s-bob");
    alice.send(operation(0, 1, "[\"hello\"]"));
    assertThat(editor.openDocuments()).isEqualTo(1);

    alice.disconnect(1000, "bye");
    assertThat(editor.openDocuments()).as("bob still has it open").isEqualTo(1);
    bob.disconnect(1000, "bye");
    assertThat(editor.openDocuments()).isZero();
    assertThat(editor.document("notes")).isEmpty();

    TestConnection carol = open("carol", "s-carol");
    JsonObject state = last(carol, "document_state");
    assertThat(state.get("content").getAsString()).isEqualTo("hello");
    assertThat(state.get("version").getAsInt()).isEqualTo(1);
    assertThat(state.getAsJsonArray("users")).hasSize(1);
    // Alice's session is still recognised: her resubmission is acknowledged, not applied again.
    TestConnection again = transport.connect("/editor?username=alice&doc=notes&client=s-alice&version=0");
    again.send(operation(0, 1, "[\"hello\"]"));
    assertThat(last(again, "ack").get("version").getAsInt()).isEqualTo(1);
    assertThat(server().content()).isEqualTo("hello");
  }

  @Test
  void aDocumentTheStoreCannotLoadClosesWithTryAgainLaterAndTheNextConnectionLoadsIt() {
    AtomicBoolean down = new AtomicBoolean(true);
    DocumentStore<String, TextOperation> flaky =
        new DelegatingDocumentStore(new InMemoryDocumentStore<>(PlainText.INSTANCE)) {
          @Override
          public Optional<StoredDocument<String, TextOperation>> load(String id) {
            if (down.get()) {
              throw new IllegalStateException("store down");
            }
            return super.load(id);
          }
        };
    editor = new EditorService(Hub.builder(), flaky, ServerDocument.DEFAULT_MAX_HISTORY, EditorService.MAX_DOCUMENT_LENGTH);
    transport = new InMemoryTransport(editor.hub());

    TestConnection refused = open("alice", "s-alice");
    assertThat(last(refused, "error").get("code").getAsString()).isEqualTo("unavailable");
    assertThat(refused.closeCode()).hasValue(1013);
    assertThat(editor.openDocuments()).isZero();

    down.set(false);
    TestConnection admitted = open("alice", "s-alice2");
    assertThat(last(admitted, "document_state").get("version").getAsInt()).isZero();
    admitted.send(operation(0, 1, "[\"ok\"]"));
    assertThat(server().content()).isEqualTo("ok");
  }

  @Test
  void aClientAsksForTheStateAgainWithResync() {
    TestConnection alice = open("alice", "s-alice");
    alice.send(operation(0, 1, "[\"abc\"]"));
    alice.send("{\"type\":\"resync\"}");
    JsonObject state = last(alice, "document_state");
    assertThat(state.get("resync").getAsBoolean()).isTrue();
    assertThat(state.get("content").getAsString()).isEqualTo("abc");
  }
}
