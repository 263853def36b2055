package dev.realtime.testing.ot;

import dev.realtime.ot.DocumentSnapshot;
import dev.realtime.ot.HistoryEntry;
import dev.realtime.ot.OperationTransformer;
import dev.realtime.ot.document.CatchUp;
import dev.realtime.ot.document.ClientDocument;
import dev.realtime.ot.document.ReceiveResult;
import dev.realtime.ot.document.ResyncRequired;
import dev.realtime.ot.document.ServerDocument;
import dev.realtime.testing.ot.SimulationReport.Event;
import dev.realtime.testing.ot.TransformerLaws.LawBroken;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One seeded run: two to eight clients and one server exchange operations over per-client FIFO
 * queues delivered in random order, with random disconnects (queues lost), reconnects (catch-up
 * or resync, then resubmission), and a history short enough in half the runs to force resyncs.
 */
final class ConvergenceSimulation<S, O> {

  private static final int TRACE_LINES = 40;

  private sealed interface ToClient<S, O> permits Broadcast, Ack, Resync {}

  private record Broadcast<S, O>(HistoryEntry<O> entry) implements ToClient<S, O> {}

  private record Ack<S, O>(long seq, int revision) implements ToClient<S, O> {}

  /** {@code answersSeq} is the rejected submission, or -1 when the reconnect handshake asks for it. */
  private record Resync<S, O>(long answersSeq, DocumentSnapshot<S> snapshot) implements ToClient<S, O> {}

  private record Submit<O>(long seq, int revision, O operation) {}

  private static final class Peer<S, O> {
    final String id;
    final ClientDocument<S, O> document;
    final ArrayDeque<Submit<O>> up = new ArrayDeque<>();
    final ArrayDeque<ToClient<S, O>> down = new ArrayDeque<>();
    boolean connected = true;

    Peer(String id, ClientDocument<S, O> document) {
      this.id = id;
      this.document = document;
    }

    void send(ClientDocument.Outgoing<O> outgoing) {
      if (connected) {
        up.add(new Submit<>(outgoing.seq(), outgoing.revision(), outgoing.operation()));
      }
    }
  }

  private final BiFunction<Random, S, O> operations;
  private final Random random;
  private final List<String> trace;
  private final SimulationReport.Counter counter;
  private final ServerDocument<S, O> server;
  private final List<Peer<S, O>> peers = new ArrayList<>();
  private final Set<String> applied = new HashSet<>();

  ConvergenceSimulation(OperationTransformer<S, O> transformer, Function<Random, S> contents,
      BiFunction<Random, S, O> operations, Random random, List<String> trace, SimulationReport.Counter counter) {
    this.operations = operations;
    this.random = random;
    this.trace = trace;
    this.counter = counter;
    int maxHistory = random.nextBoolean() ? 1_000 : 1 + random.nextInt(8);
    S start = contents.apply(random);
    server = ServerDocument.of(transformer, new DocumentSnapshot<>(0, start), maxHistory);
    int clients = 2 + random.nextInt(7);
    trace.add("start: content " + TransformerLaws.describe(start) + ", " + clients + " clients, history of "
        + maxHistory);
    for (int i = 0; i < clients; i++) {
      peers.add(new Peer<>("client-" + i, new ClientDocument<>(transformer, server.snapshot())));
    }
  }

  void run() {
    int steps = 40 + random.nextInt(120);
    for (int step = 0; step < steps; step++) {
      Peer<S, O> peer = peers.get(random.nextInt(peers.size()));
      int action = random.nextInt(100);
      if (action < 30) {
        localEdit(peer);
      } else if (action < 60) {
        deliverUp();
      } else if (action < 92) {
        deliverDown();
      } else if (action < 96) {
        disconnect(peer);
      } else if (!peer.connected) {
        reconnect(peer);
      }
    }
    drain();
    checkConverged();
  }

  private void checkConverged() {
    S content = server.content();
    for (Peer<S, O> peer : peers) {
      check(peer.document.state() == ClientDocument.State.SYNCHRONIZED,
          peer.id + " still has unacknowledged edits after the network drained");
      check(peer.document.content().equals(content), peer.id + " ends with " + TransformerLaws.describe(
          peer.document.content()) + " but the server with " + TransformerLaws.describe(content));
      check(peer.document.revision() == server.revision(),
          peer.id + " ends at revision " + peer.document.revision() + " but the server at " + server.revision());
    }
    DocumentSnapshot<S> base = server.baseSnapshot();
    S replayed = base.content();
    int revision = base.revision();
    for (HistoryEntry<O> entry : server.history()) {
      check(entry.revision() == revision++, "history entry at revision " + entry.revision() + " out of order");
      replayed = server.transformer().apply(replayed, entry.operation());
    }
    check(replayed.equals(content), "replaying the server's history gives " + TransformerLaws.describe(replayed)
        + " but the server holds " + TransformerLaws.describe(content));
  }

  private void localEdit(Peer<S, O> peer) {
    O edit = operations.apply(random, peer.document.content());
    note(peer.id + " edits " + edit);
    peer.document.applyLocal(edit).ifPresent(peer::send);
  }

  private void disconnect(Peer<S, O> peer) {
    if (peer.connected) {
      note(peer.id + " disconnects");
      peer.connected = false;
      peer.up.clear();
      peer.down.clear();
    }
  }

  private void deliverUp() {
    List<Peer<S, O>> ready = peers.stream().filter(p -> !p.up.isEmpty()).toList();
    if (ready.isEmpty()) {
      return;
    }
    Peer<S, O> peer = ready.get(random.nextInt(ready.size()));
    Submit<O> submit = peer.up.poll();
    ReceiveResult<S, O> result = server.receive(peer.id, submit.seq(), submit.revision(), submit.operation());
    note("server receives " + peer.id + "#" + submit.seq() + " at revision " + submit.revision() + ": " + result);
    if (result instanceof ReceiveResult.Applied<S, O> done) {
      counter.add(Event.APPLIED);
      check(applied.add(peer.id + "#" + submit.seq()), peer.id + "#" + submit.seq() + " applied twice");
      HistoryEntry<O> entry = new HistoryEntry<>(peer.id, submit.seq(), done.revision() - 1, done.operation());
      for (Peer<S, O> other : peers) {
        if (other != peer && other.connected) {
          other.down.add(new Broadcast<>(entry));
        }
      }
      peer.down.add(new Ack<>(submit.seq(), done.revision()));
    } else if (result instanceof ReceiveResult.AlreadyApplied<S, O> again) {
      counter.add(Event.DUPLICATE);
      peer.down.add(new Ack<>(submit.seq(), again.revision()));
    } else if (result instanceof ResyncRequired<S, O> resync) {
      counter.add(Event.SUBMISSION_RESYNC);
      peer.down.add(new Resync<>(submit.seq(), resync.snapshot()));
    }
  }

  private void deliverDown() {
    List<Peer<S, O>> ready = peers.stream().filter(p -> !p.down.isEmpty()).toList();
    if (ready.isEmpty()) {
      return;
    }
    Peer<S, O> peer = ready.get(random.nextInt(ready.size()));
    ToClient<S, O> message = peer.down.poll();
    ClientDocument<S, O> document = peer.document;
    note(peer.id + " gets " + message);
    if (message instanceof Broadcast<S, O> broadcast) {
      check(broadcast.entry().revision() == document.revision(), peer.id + " got revision "
          + broadcast.entry().revision() + " while at " + document.revision());
      document.applyServer(broadcast.entry().operation());
    } else if (message instanceof Ack<S, O> ack) {
      boolean current = document.outstandingSeq().orElse(-1) == ack.seq();
      document.serverAck(ack.seq()).ifPresent(peer::send);
      check(!current || document.revision() == ack.revision(), peer.id + " is at revision "
          + document.revision() + " after the ack of revision " + ack.revision());
    } else if (message instanceof Resync<S, O> resync) {
      // A rejection that answers an older submission is stale: the client already moved on.
      if (resync.answersSeq() < 0) {
        document.resync(resync.snapshot());
      } else if (!document.resyncIfOutstanding(resync.answersSeq(), resync.snapshot())) {
        counter.add(Event.STALE_RESYNC_IGNORED);
      }
    }
  }

  private void reconnect(Peer<S, O> peer) {
    peer.connected = true;
    CatchUp<S, O> catchUp = server.historySince(peer.document.revision());
    note(peer.id + " reconnects at revision " + peer.document.revision());
    if (catchUp instanceof CatchUp.Missed<S, O> missed) {
      for (HistoryEntry<O> entry : missed.entries()) {
        boolean own = entry.clientId().equals(peer.id);
        if (own) {
          counter.add(Event.CATCH_UP_ACK);
        }
        peer.down.add(own ? new Ack<>(entry.seq(), entry.revision() + 1) : new Broadcast<>(entry));
      }
      peer.document.pending().ifPresent(peer::send);
    } else if (catchUp instanceof ResyncRequired<S, O> resync) {
      counter.add(Event.HANDSHAKE_RESYNC);
      peer.down.add(new Resync<>(-1, resync.snapshot()));
    }
  }

  private void drain() {
    for (Peer<S, O> peer : peers) {
      if (!peer.connected) {
        reconnect(peer);
      }
    }
    for (int guard = 0; guard < 1_000_000; guard++) {
      boolean up = peers.stream().anyMatch(p -> !p.up.isEmpty());
      boolean down = peers.stream().anyMatch(p -> !p.down.isEmpty());
      if (!up && !down) {
        return;
      }
      if (up && (!down || random.nextBoolean())) {
        deliverUp();
      } else {
        deliverDown();
      }
    }
    throw new LawBroken("the network did not drain");
  }

  /** Keeps the last steps in the trace, so a failure shows how it came about. */
  private void note(String step) {
    if (trace.size() >= TRACE_LINES) {
      trace.remove(1);
    }
    trace.add(step);
  }

  private static void check(boolean condition, String failure) {
    if (!condition) {
      throw new LawBroken(failure);
    }
  }
}
