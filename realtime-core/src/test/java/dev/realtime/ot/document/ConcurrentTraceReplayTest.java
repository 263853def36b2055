package dev.realtime.ot.document;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.ot.DocumentSnapshot;
import dev.realtime.ot.HistoryEntry;
import dev.realtime.ot.text.TextOperation;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays the concurrent traces with one {@link ClientDocument} per author, as the traces' README
 * describes: before an author makes an edit, the edits of others it depends on are flushed to the
 * server and delivered to it; patch positions are clamped to the author's current text.
 */
class ConcurrentTraceReplayTest {

  @ParameterizedTest
  @ValueSource(strings = {"friendsforever", "clownschool"})
  void everyAuthorConvergesWithTheServer(String name) {
    new Replay(EditingTrace.load(name)).run();
  }

  private sealed interface Message permits Remote, Ack {}

  /** An operation of another author, carrying how many of that author's transactions it completes. */
  private record Remote(TextOperation operation, int agent, int ownCount) implements Message {}

  private record Ack(long seq) implements Message {}

  private static final class Author {
    final String id;
    final ClientDocument<String, TextOperation> document;
    final ArrayDeque<Message> down = new ArrayDeque<>();
    final int[] seen;
    ClientDocument.Outgoing<TextOperation> inFlight;
    List<Integer> inFlightTransactions = new ArrayList<>();
    List<Integer> bufferTransactions = new ArrayList<>();
    int made;

    Author(int agent, int agents, DocumentSnapshot<String> snapshot) {
      this.id = "agent-" + agent;
      this.document = ClientDocument.text(snapshot);
      this.seen = new int[agents];
    }

    void sending(ClientDocument.Outgoing<TextOperation> outgoing) {
      inFlight = outgoing;
      inFlightTransactions = bufferTransactions;
      bufferTransactions = new ArrayList<>();
    }
  }

  private static final class Replay {
    final EditingTrace trace;
    final List<EditingTrace.Transaction> transactions;
    final boolean convert;
    final ServerDocument<String, TextOperation> server;
    final Author[] authors;
    final int[] ownIndex;
    final int[][] versions;
    final int[] appliedAt;
    final boolean[] clamped = new boolean[1];
    boolean exact = true;

    Replay(EditingTrace trace) {
      this.trace = trace;
      this.transactions = trace.transactions();
      this.convert = trace.hasSupplementaryCharacters();
      this.server = ServerDocument.text(new DocumentSnapshot<>(0, trace.startContent()), Integer.MAX_VALUE);
      int agents = 1 + transactions.stream().mapToInt(EditingTrace.Transaction::agent).max().orElse(0);
      authors = new Author[agents];
      for (int agent = 0; agent < agents; agent++) {
        authors[agent] = new Author(agent, agents, server.snapshot());
      }
      int count = transactions.size();
      ownIndex = new int[count];
      versions = new int[count][];
      appliedAt = new int[count];
      Arrays.fill(appliedAt, -1);
      int[] made = new int[agents];
      for (int t = 0; t < count; t++) {
        EditingTrace.Transaction transaction = transactions.get(t);
        ownIndex[t] = made[transaction.agent()]++;
        // The parents' version vector: how many of each author's transactions this one builds on.
        int[] version = new int[agents];
        for (int parent : transaction.parents()) {
          for (int agent = 0; agent < agents; agent++) {
            version[agent] = Math.max(version[agent], versions[parent][agent]);
          }
          int parentAgent = transactions.get(parent).agent();
          version[parentAgent] = Math.max(version[parentAgent], ownIndex[parent] + 1);
        }
        versions[t] = version;
      }
    }

    void run() {
      for (int t = 0; t < transactions.size(); t++) {
        make(t);
      }
      drain();
      String text = server.content();
      Set<String> seqs = new HashSet<>();
      String replayed = trace.startContent();
      for (HistoryEntry<TextOperation> entry : server.history()) {
        assertThat(seqs.add(entry.clientId() + "#" + entry.seq())).as("applied twice").isTrue();
        replayed = entry.operation().apply(replayed);
      }
      assertThat(replayed).as("history replay").isEqualTo(text);
      assertThat(appliedAt).as("every transaction reached the server").doesNotContain(-1);
      for (Author author : authors) {
        assertThat(author.document.state()).isEqualTo(ClientDocument.State.SYNCHRONIZED);
        assertThat(author.document.content()).as(author.id).isEqualTo(text);
        assertThat(author.document.revision()).isEqualTo(server.revision());
      }
      if (exact && !clamped[0]) {
        assertThat(text).as("an exact replay ends with endContent").isEqualTo(trace.endContent());
      }
    }

    void make(int t) {
      EditingTrace.Transaction transaction = transactions.get(t);
      Author author = authors[transaction.agent()];
      for (int parent : transaction.parents()) {
        if (transactions.get(parent).agent() != transaction.agent()) {
          ensureSeen(author, parent);
        }
      }
      for (int agent = 0; agent < authors.length; agent++) {
        int expected = agent == transaction.agent() ? ownIndex[t] : author.seen[agent];
        exact &= versions[t][agent] == expected;
      }
      TextOperation operation = null;
      int length = author.document.size();
      String text = convert ? author.document.content() : null;
      for (EditingTrace.Patch patch : transaction.patches()) {
        TextOperation step = EditingTrace.operation(patch, length, text, clamped);
        operation = operation == null ? step : operation.compose(step);
        length = step.targetLength();
        text = text == null ? null : step.apply(text);
      }
      author.bufferTransactions.add(t);
      author.made++;
      if (operation != null) {
        author.document.applyLocal(operation).ifPresent(author::sending);
      }
    }

    /** Gets transaction {@code parent} applied at the server and delivered to {@code author}. */
    void ensureSeen(Author author, int parent) {
      Author other = authors[transactions.get(parent).agent()];
      while (appliedAt[parent] < 0) {
        if (other.inFlight != null) {
          serverReceive(other);
        } else {
          assertThat(other.down).as("an ack must be on its way").isNotEmpty();
          deliverOne(other);
        }
      }
      while (author.document.revision() <= appliedAt[parent]) {
        deliverOne(author);
      }
    }

    void serverReceive(Author author) {
      ClientDocument.Outgoing<TextOperation> outgoing = author.inFlight;
      author.inFlight = null;
      ReceiveResult<String, TextOperation> result = server.receive(author.id, outgoing.seq(), outgoing.revision(), outgoing.operation());
      ReceiveResult.Applied<String, TextOperation> applied = (ReceiveResult.Applied<String, TextOperation>) result;
      int ownCount = 0;
      for (int t : author.inFlightTransactions) {
        assertThat(appliedAt[t]).as("transaction %d applied twice", t).isEqualTo(-1);
        appliedAt[t] = applied.revision() - 1;
        ownCount = ownIndex[t] + 1;
      }
      author.inFlightTransactions = new ArrayList<>();
      int agent = Arrays.asList(authors).indexOf(author);
      for (Author other : authors) {
        if (other != author) {
          other.down.add(new Remote(applied.operation(), agent, ownCount));
        }
      }
      author.down.add(new Ack(outgoing.seq()));
    }

    void deliverOne(Author author) {
      Message message = author.down.poll();
      if (message instanceof Remote remote) {
        author.document.applyServer(remote.operation());
        author.seen[remote.agent()] = Math.max(author.seen[remote.agent()], remote.ownCount());
      } else if (message instanceof Ack ack) {
        author.document.serverAck(ack.seq()).ifPresent(author::sending);
      } else {
        throw new AssertionError("expected a message from the server");
      }
    }

    void drain() {
      boolean busy = true;
      while (busy) {
        busy = false;
        for (Author author : authors) {
          if (author.inFlight != null) {
            serverReceive(author);
            busy = true;
          }
          while (!author.down.isEmpty()) {
            deliverOne(author);
            busy = true;
          }
        }
      }
    }
  }
}
