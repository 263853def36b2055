package dev.realtime.ot.document;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.ot.DocumentSnapshot;
import dev.realtime.ot.text.TextOperation;
import java.util.ArrayDeque;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Replays the sequential editing traces; each must end with exactly its {@code endContent}. */
class SequentialTraceReplayTest {

  @ParameterizedTest
  @ValueSource(strings = {"automerge-paper", "seph-blog1"})
  void serverAloneEndsWithTheTracesText(String name) {
    EditingTrace trace = EditingTrace.load(name);
    boolean convert = trace.hasSupplementaryCharacters();
    ServerDocument<String, TextOperation> server = ServerDocument.text(new DocumentSnapshot<>(0, trace.startContent()), 1_000);
    boolean[] clamped = new boolean[1];
    long seq = 0;
    for (EditingTrace.Transaction transaction : trace.transactions()) {
      for (EditingTrace.Patch patch : transaction.patches()) {
        TextOperation operation = EditingTrace.operation(patch, server.size(), convert ? server.content() : null, clamped);
        ReceiveResult<String, TextOperation> result = server.receive("author", ++seq, server.revision(), operation);
        assertThat(result).isInstanceOf(ReceiveResult.Applied.class);
      }
    }
    assertThat(clamped[0]).as("a sequential trace never needs clamping").isFalse();
    assertThat(server.content()).isEqualTo(trace.endContent());
    assertThat(server.revision()).isEqualTo(seq);
  }

  /** The author's edits reach the server in batches (buffered while one is in flight); an observer follows. */
  @ParameterizedTest
  @ValueSource(strings = {"automerge-paper", "seph-blog1"})
  void clientAndServerEndWithTheTracesText(String name) {
    EditingTrace trace = EditingTrace.load(name);
    boolean convert = trace.hasSupplementaryCharacters();
    ServerDocument<String, TextOperation> server = ServerDocument.text(new DocumentSnapshot<>(0, trace.startContent()), 1_000);
    ClientDocument<String, TextOperation> author = ClientDocument.text(server.snapshot());
    ClientDocument<String, TextOperation> observer = ClientDocument.text(server.snapshot());
    ArrayDeque<TextOperation> toObserver = new ArrayDeque<>();
    Optional<ClientDocument.Outgoing<TextOperation>> inFlight = Optional.empty();
    boolean[] clamped = new boolean[1];
    int step = 0;
    for (EditingTrace.Transaction transaction : trace.transactions()) {
      for (EditingTrace.Patch patch : transaction.patches()) {
        TextOperation operation = EditingTrace.operation(patch, author.size(), convert ? author.content() : null, clamped);
        Optional<ClientDocument.Outgoing<TextOperation>> sent = author.applyLocal(operation);
        if (sent.isPresent()) {
          inFlight = sent;
        }
        // Every few keystrokes the network catches up, so edits made meanwhile are composed in the buffer.
        if (++step % 7 == 0 && inFlight.isPresent()) {
          inFlight = deliver(server, author, inFlight.get(), toObserver);
        }
        if (step % 11 == 0) {
          toObserver.forEach(observer::applyServer);
          toObserver.clear();
        }
      }
    }
    while (inFlight.isPresent()) {
      inFlight = deliver(server, author, inFlight.get(), toObserver);
    }
    toObserver.forEach(observer::applyServer);
    assertThat(clamped[0]).isFalse();
    assertThat(author.content()).isEqualTo(trace.endContent());
    assertThat(server.content()).isEqualTo(trace.endContent());
    assertThat(observer.content()).isEqualTo(trace.endContent());
    assertThat(observer.revision()).isEqualTo(server.revision());
    assertThat(author.revision()).isEqualTo(server.revision());
  }

  private static Optional<ClientDocument.Outgoing<TextOperation>> deliver(ServerDocument<String, TextOperation> server,
      ClientDocument<String, TextOperation> author, ClientDocument.Outgoing<TextOperation> outgoing, ArrayDeque<TextOperation> toObserver) {
    ReceiveResult<String, TextOperation> result = server.receive("author", outgoing.seq(), outgoing.revision(), outgoing.operation());
    ReceiveResult.Applied<String, TextOperation> applied = (ReceiveResult.Applied<String, TextOperation>) result;
    toObserver.add(applied.operation());
    return author.serverAck(outgoing.seq());
  }
}
