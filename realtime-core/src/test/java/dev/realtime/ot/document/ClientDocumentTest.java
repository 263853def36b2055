package dev.realtime.ot.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.realtime.ot.DocumentSnapshot;
import dev.realtime.ot.InvalidOperationException;
import dev.realtime.ot.text.TextOperation;
import org.junit.jupiter.api.Test;

class ClientDocumentTest {

  @Test
  void sendsOneOperationAndBuffersTheRest() {
    ClientDocument<String, TextOperation> client = ClientDocument.text(new DocumentSnapshot<>(4, "ab"));
    assertThat(client.state()).isEqualTo(ClientDocument.State.SYNCHRONIZED);
    ClientDocument.Outgoing<TextOperation> first = client.applyLocal(TextOperation.insert(2, 2, "c")).orElseThrow();
    assertThat(first).isEqualTo(new ClientDocument.Outgoing<>(1, 4, TextOperation.insert(2, 2, "c")));
    assertThat(client.state()).isEqualTo(ClientDocument.State.AWAITING_CONFIRM);
    assertThat(client.applyLocal(TextOperation.insert(3, 3, "d"))).isEmpty();
    assertThat(client.applyLocal(TextOperation.insert(4, 4, "e"))).isEmpty();
    assertThat(client.state()).isEqualTo(ClientDocument.State.AWAITING_WITH_BUFFER);
    assertThat(client.content()).isEqualTo("abcde");
    assertThat(client.pending()).contains(first);
    assertThat(client.outstandingSeq()).hasValue(1);

    ClientDocument.Outgoing<TextOperation> second = client.serverAck(1).orElseThrow();
    assertThat(second).isEqualTo(new ClientDocument.Outgoing<>(2, 5, TextOperation.insert(3, 3, "de")));
    assertThat(client.serverAck(1)).as("a repeated ack is ignored").isEmpty();
    assertThat(client.revision()).isEqualTo(5);
    assertThat(client.serverAck(2)).isEmpty();
    assertThat(client.state()).isEqualTo(ClientDocument.State.SYNCHRONIZED);
    assertThat(client.revision()).isEqualTo(6);
    assertThat(client.pending()).isEmpty();
  }

  @Test
  void transformsServerOperationsPastOutstandingAndBuffer() {
    ClientDocument<String, TextOperation> client = ClientDocument.text(new DocumentSnapshot<>(0, "ab"));
    client.applyLocal(TextOperation.insert(2, 1, "X"));
    client.applyLocal(TextOperation.insert(3, 3, "Y"));
    TextOperation applied = client.applyServer(TextOperation.insert(2, 1, "S"));
    // The client's own insert at the same position stays first, as the server will order it.
    assertThat(client.content()).isEqualTo("aXSbY");
    assertThat(applied).isEqualTo(TextOperation.insert(4, 2, "S"));
    assertThat(client.revision()).isEqualTo(1);
    assertThat(client.pending().orElseThrow().operation()).isEqualTo(TextOperation.insert(3, 1, "X"));
  }

  @Test
  void rejectsLocalAndServerOperationsThatDoNotFit() {
    ClientDocument<String, TextOperation> client = ClientDocument.text(new DocumentSnapshot<>(0, "a😀"));
    assertThatThrownBy(() -> client.applyLocal(TextOperation.insert(3, 2, "x")))
        .isInstanceOf(InvalidOperationException.class);
    assertThatThrownBy(() -> client.applyServer(TextOperation.identity(2)))
        .isInstanceOf(InvalidOperationException.class);
    assertThat(client.content()).isEqualTo("a😀");
    assertThat(client.revision()).isZero();
    assertThat(client.state()).isEqualTo(ClientDocument.State.SYNCHRONIZED);
  }

  @Test
  void resyncDropsUnacknowledgedEdits() {
    ClientDocument<String, TextOperation> client = ClientDocument.text(new DocumentSnapshot<>(0, ""));
    client.applyLocal(TextOperation.insert(0, 0, "lost"));
    client.resync(new DocumentSnapshot<>(9, "server"));
    assertThat(client.content()).isEqualTo("server");
    assertThat(client.size()).isEqualTo(6);
    assertThat(client.revision()).isEqualTo(9);
    assertThat(client.state()).isEqualTo(ClientDocument.State.SYNCHRONIZED);
    assertThat(client.applyLocal(TextOperation.insert(6, 6, "!")).orElseThrow().seq()).isEqualTo(2);
  }

  @Test
  void ignoresAStaleResyncAnswer() {
    ClientDocument<String, TextOperation> client = ClientDocument.text(new DocumentSnapshot<>(0, ""));
    long first = client.applyLocal(TextOperation.insert(0, 0, "a")).orElseThrow().seq();
    assertThat(client.resyncIfOutstanding(first, new DocumentSnapshot<>(3, "abc"))).isTrue();
    long second = client.applyLocal(TextOperation.insert(3, 3, "d")).orElseThrow().seq();
    assertThat(client.resyncIfOutstanding(first, new DocumentSnapshot<>(5, "vwxyz"))).isFalse();
    assertThat(client.content()).isEqualTo("abcd");
    assertThat(client.outstandingSeq()).hasValue(second);
  }
}
