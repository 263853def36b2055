package dev.realtime.examples.editor;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.realtime.ot.DocumentSnapshot;
import dev.realtime.ot.document.ClientDocument;
import dev.realtime.ot.text.TextOperation;
import dev.realtime.ot.text.TextOperationCodec;
import dev.realtime.protocol.Json;
import dev.realtime.testing.transport.WsTestClient;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * One editing client over a real WebSocket, as the page behaves: a {@link ClientDocument} fed by
 * the test thread only, a session id kept across reconnects, and after a reconnect (with the
 * revision it has) the operation in flight resubmitted once the server says it caught up.
 */
final class EditorPeer implements AutoCloseable {
  private static final List<String> PIECES = List.of("a", "b", " ", "\n", "é", "\uD83D\uDE00", "\uD83C\uDF89x");

  private final String name;
  private final String doc;
  private WsTestClient client;
  private boolean catchingUp;
  private IntSupplier failover;
  private long retryAt = Long.MAX_VALUE;
  ClientDocument<String, TextOperation> document;
  /** Every seq the server acknowledged, to prove none is acknowledged twice with two revisions. */
  final List<Long> acked = new ArrayList<>();
  private final Set<Long> ackedOnce = new HashSet<>();
  int resyncs;
  /** The names in every user_left this peer got. */
  final List<String> usersLeft = new ArrayList<>();
  /** Operations sent again after commit_conflict or unavailable. */
  int retries;
  int reconnects;

  private EditorPeer(String name, String doc) {
    this.name = name;
    this.doc = doc;
  }

  /** Connects to the editor on {@code port} and waits for the document. */
  static EditorPeer connect(int port, String name, String doc) throws Exception {
    EditorPeer peer = new EditorPeer(name, doc);
    peer.client = WsTestClient.connect(port, peer.target(""));
    peer.awaitState();
    return peer;
  }

  private String target(String extra) {
    return "/editor?doc=" + doc + "&username=" + name + "&client=session-" + name + extra;
  }

  /** Connects again (to {@code port}, another node maybe) at its revision and catches up. */
  void reconnect(int port) throws Exception {
    client.close();
    reconnects++;
    client = WsTestClient.connect(port, target("&version=" + document.revision()));
    catchingUp = true;
    while (catchingUp) {
      handle(next(20_000));
    }
  }

  /** The user name (its session is {@code session-NAME}). */
  String name() {
    return name;
  }

  @Override
  public String toString() {
    return name;
  }

  /** Whether the server closed this connection (its node stopped or died). */
  boolean disconnected() {
    return client.closeCode.isDone();
  }

  private void awaitState() throws InterruptedException {
    while (document == null) {
      handle(next(20_000));
    }
  }

  /** Makes one random edit (an insert or a delete of one code point) and sends it if nothing is in flight. */
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
    apply(op);
  }

  /** Applies a local edit, sending it if nothing is in flight. */
  void apply(TextOperation op) {
    document.applyLocal(op).ifPresent(this::send);
  }

  /** Handles every frame that arrives within {@code millis}. */
  void drain(long millis) throws InterruptedException {
    retryIfDue();
    Object frame = client.messages.poll(millis, TimeUnit.MILLISECONDS);
    while (frame != null) {
      handle((String) frame);
      frame = client.messages.poll();
    }
  }

  /** Handles frames until nothing of this client's is in flight. */
  void awaitSynchronized() throws InterruptedException {
    while (document.state() != ClientDocument.State.SYNCHRONIZED) {
      handle(next(20_000));
    }
  }

  /** Handles frames until this client has seen {@code revision}. */
  void awaitRevision(int revision) throws InterruptedException {
    while (document.revision() < revision) {
      handle(next(20_000));
    }
  }

  private void retryIfDue() {
    if (System.nanoTime() - retryAt >= 0) {
      retryAt = Long.MAX_VALUE;
      document.pending().ifPresent(this::send);
    }
  }

  /** Where to reconnect when the node goes away while this peer waits for a frame (none: fail). */
  void failoverTo(IntSupplier port) {
    this.failover = port;
  }

  private String next(long millis) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (true) {
      retryIfDue();
      Object frame = client.messages.poll(50, TimeUnit.MILLISECONDS);
      if (frame != null) {
        return (String) frame;
      }
      if (disconnected() && failover != null && !catchingUp) {
        try {
          reconnect(failover.getAsInt());
        } catch (Exception e) {
          throw new AssertionError(name + ": cannot reconnect", e);
        }
        deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
      }
      assertThat(System.nanoTime() - deadline).as("%s: a frame within %d ms (closed: %s)", name, millis,
          client.closeCode.getNow(null)).isNegative();
    }
  }

  private void handle(String text) {
    JsonObject frame = Json.parseObject(text);
    switch (frame.get("type").getAsString()) {
      case "document_state" -> {
        DocumentSnapshot<String> state =
            new DocumentSnapshot<>(frame.get("version").getAsInt(), frame.get("content").getAsString());
        if (document == null) {
          document = ClientDocument.text(state);
        } else {
          resyncs++;
          document.resync(state);
        }
        catchingUp = false;
      }
      case "operation" -> {
        document.applyServer(TextOperationCodec.fromJson(frame.get("operation")));
        assertThat(document.revision()).as("%s: the revision of %s", name, text)
            .isEqualTo(frame.get("version").getAsInt());
      }
      case "ack" -> {
        long seq = frame.get("seq").getAsLong();
        if (document.outstandingSeq().orElse(-1) == seq) {
          assertThat(ackedOnce.add(seq)).as("%s: seq %d acknowledged once", name, seq).isTrue();
          acked.add(seq);
        }
        document.serverAck(seq).ifPresent(outgoing -> {
          if (!catchingUp) {
            send(outgoing);
          }
        });
      }
      case "user_left" -> usersLeft.add(frame.getAsJsonObject("user").get("username").getAsString());
      case "caught_up" -> {
        catchingUp = false;
        // What the old node never acknowledged goes again; the store recognises it if it got through.
        document.pending().ifPresent(this::send);
      }
      case "error" -> {
        String code = frame.get("code").getAsString();
        if (!code.equals("commit_conflict") && !code.equals("unavailable") && !code.equals("rate_limited")) {
          throw new AssertionError(name + ": the server refused: " + text);
        }
        // Nothing was applied: send it again in a moment, as the page does.
        retries++;
        retryAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(code.equals("rate_limited") ? 1000 : 50);
      }
      default -> { }
    }
  }

  /** Sends an operation as the page does. */
  void send(ClientDocument.Outgoing<TextOperation> outgoing) {
    if (disconnected()) {
      return; // resubmitted after the reconnect
    }
    JsonObject message = new JsonObject();
    message.addProperty("type", "operation");
    message.addProperty("version", outgoing.revision());
    message.addProperty("seq", outgoing.seq());
    message.add("operation", TextOperationCodec.toJson(outgoing.operation()));
    client.socket.sendText(Json.encode(message), true).exceptionally(e -> null).join();
  }

  /** Sends a raw frame. */
  void sendText(String text) throws Exception {
    client.send(text);
  }

  /** The next frame of {@code type} (others are handled on the way). */
  JsonObject nextOfType(String type) throws InterruptedException {
    while (true) {
      String text = next(20_000);
      JsonObject frame = Json.parseObject(text);
      boolean wanted = frame.get("type").getAsString().equals(type);
      if (!wanted || !type.equals("error")) {
        handle(text);
      }
      if (wanted) {
        return frame;
      }
    }
  }

  @Override
  public void close() {
    client.socket.sendClose(1000, "bye").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
  }
}
