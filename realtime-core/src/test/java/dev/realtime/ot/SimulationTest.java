package dev.realtime.ot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Seeded randomized simulation: 2–8 clients and one server exchange operations over per-client
 * FIFO queues delivered in random order, with random disconnects, reconnects and resubmissions.
 * Raise the number of seeds with {@code -Dot.seeds=N}; a failure names its seed.
 */
class SimulationTest {

  private sealed interface ToClient permits Broadcast, Ack, Resync {}

  private record Broadcast(HistoryEntry entry) implements ToClient {}

  private record Ack(long seq, int revision) implements ToClient {}

  /** {@code answersSeq} is the rejected submission, or -1 when the reconnect handshake asks for it. */
  private record Resync(long answersSeq, DocumentSnapshot snapshot) implements ToClient {}

  private record Submit(long seq, int revision, TextOperation operation) {}

  private static final class Peer {
    final String id;
    final ClientDocument document;
    final ArrayDeque<Submit> up = new ArrayDeque<>();
    final ArrayDeque<ToClient> down = new ArrayDeque<>();
    boolean connected = true;

    Peer(String id, DocumentSnapshot snapshot) {
      this.id = id;
      this.document = new ClientDocument(snapshot);
    }

    void send(ClientDocument.Outgoing outgoing) {
      if (connected) {
        up.add(new Submit(outgoing.seq(), outgoing.revision(), outgoing.operation()));
      }
    }
  }

  @Test
  void everyClientConvergesOnTheServersText() {
    int seeds = Integer.getInteger("ot.seeds", 2_000);
    java.util.Map<String, Integer> events = new java.util.TreeMap<>();
    for (int seed = 0; seed < seeds; seed++) {
      try {
        new Run(seed, events).run();
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError("OT simulation failed for seed " + seed + ": " + e, e);
      }
    }
    if (seeds >= 500) {
      // Guards the simulation itself: every recovery path must actually be exercised.
      assertThat(events).as("simulation events").containsKeys(
          "applied", "duplicate", "catch-up ack", "handshake resync", "submission resync");
    }
  }

  private static final class Run {
    final Random random;
    final ServerDocument server;
    final List<Peer> peers = new ArrayList<>();
    final Set<String> applied = new HashSet<>();
    final java.util.Map<String, Integer> events;

    Run(long seed, java.util.Map<String, Integer> events) {
      this.events = events;
      random = RandomEdits.random(seed);
      int maxHistory = random.nextBoolean() ? 1_000 : 1 + random.nextInt(8);
      server = ServerDocument.of(new DocumentSnapshot(0, RandomEdits.text(random, 10)), maxHistory);
      int clients = 2 + random.nextInt(7);
      for (int i = 0; i < clients; i++) {
        peers.add(new Peer("client-" + i, server.snapshot()));
      }
    }

    void run() {
      int steps = 40 + random.nextInt(120);
      for (int step = 0; step < steps; step++) {
        Peer peer = peers.get(random.nextInt(peers.size()));
        int action = random.nextInt(100);
        if (action < 30) {
          localEdit(peer);
        } else if (action < 60) {
          deliverUp();
        } else if (action < 92) {
          deliverDown();
        } else if (action < 96) {
          if (peer.connected) {
            peer.connected = false;
            peer.up.clear();
            peer.down.clear();
          }
        } else if (!peer.connected) {
          reconnect(peer);
        }
      }
      drain();
      String text = server.text();
      for (Peer peer : peers) {
        assertThat(peer.document.state()).as(peer.id).isEqualTo(ClientDocument.State.SYNCHRONIZED);
        assertThat(peer.document.text()).as(peer.id).isEqualTo(text);
        assertThat(peer.document.revision()).as(peer.id).isEqualTo(server.revision());
      }
      DocumentSnapshot base = server.baseSnapshot();
      String replayed = base.text();
      int revision = base.revision();
      for (HistoryEntry entry : server.history()) {
        assertThat(entry.revision()).isEqualTo(revision++);
        replayed = entry.operation().apply(replayed);
      }
      assertThat(replayed).as("history replay").isEqualTo(text);
      assertThat(revision).isEqualTo(server.revision());
    }

    void localEdit(Peer peer) {
      String text = peer.document.text();
      TextOperation edit = RandomEdits.edit(random, text);
      if (text.length() > 60 && edit.targetLength() > edit.baseLength()) {
        int end = text.offsetByCodePoints(0, Math.min(4, text.codePointCount(0, text.length())));
        edit = TextOperation.delete(text.length(), 0, end);
      }
      peer.document.applyLocal(edit).ifPresent(peer::send);
    }

    void deliverUp() {
      List<Peer> ready = peers.stream().filter(p -> !p.up.isEmpty()).toList();
      if (ready.isEmpty()) {
        return;
      }
      Peer peer = ready.get(random.nextInt(ready.size()));
      Submit submit = peer.up.poll();
      ReceiveResult result = server.receive(peer.id, submit.seq(), submit.revision(), submit.operation());
      events.merge(result instanceof ReceiveResult.Applied ? "applied"
          : result instanceof ReceiveResult.AlreadyApplied ? "duplicate" : "submission resync", 1, Integer::sum);
      if (result instanceof ReceiveResult.Applied done) {
        assertThat(applied.add(peer.id + "#" + submit.seq())).as("applied twice").isTrue();
        HistoryEntry entry = new HistoryEntry(peer.id, submit.seq(), done.revision() - 1, done.operation());
        for (Peer other : peers) {
          if (other != peer && other.connected) {
            other.down.add(new Broadcast(entry));
          }
        }
        peer.down.add(new Ack(submit.seq(), done.revision()));
      } else if (result instanceof ReceiveResult.AlreadyApplied again) {
        peer.down.add(new Ack(submit.seq(), again.revision()));
      } else {
        peer.down.add(new Resync(submit.seq(), ((ResyncRequired) result).snapshot()));
      }
    }

    void deliverDown() {
      List<Peer> ready = peers.stream().filter(p -> !p.down.isEmpty()).toList();
      if (ready.isEmpty()) {
        return;
      }
      Peer peer = ready.get(random.nextInt(ready.size()));
      ToClient message = peer.down.poll();
      ClientDocument document = peer.document;
      if (message instanceof Broadcast broadcast) {
        assertThat(broadcast.entry().revision()).as("broadcast order").isEqualTo(document.revision());
        document.applyServer(broadcast.entry().operation());
      } else if (message instanceof Ack ack) {
        boolean current = document.outstandingSeq().orElse(-1) == ack.seq();
        document.serverAck(ack.seq()).ifPresent(peer::send);
        if (current) {
          assertThat(document.revision()).as("ack revision").isEqualTo(ack.revision());
        }
      } else if (message instanceof Resync resync) {
        // A rejection that answers an older submission is stale: the client already moved on.
        if (resync.answersSeq() < 0) {
          document.resync(resync.snapshot());
        } else if (!document.resyncIfOutstanding(resync.answersSeq(), resync.snapshot())) {
          events.merge("stale resync ignored", 1, Integer::sum);
        }
      }
    }

    void reconnect(Peer peer) {
      peer.connected = true;
      CatchUp catchUp = server.historySince(peer.document.revision());
      if (catchUp instanceof CatchUp.Missed missed) {
        for (HistoryEntry entry : missed.entries()) {
          if (entry.clientId().equals(peer.id)) {
            events.merge("catch-up ack", 1, Integer::sum);
          }
          peer.down.add(entry.clientId().equals(peer.id)
              ? new Ack(entry.seq(), entry.revision() + 1)
              : new Broadcast(entry));
        }
        peer.document.pending().ifPresent(peer::send);
      } else {
        events.merge("handshake resync", 1, Integer::sum);
        peer.down.add(new Resync(-1, ((ResyncRequired) catchUp).snapshot()));
      }
    }

    void drain() {
      for (Peer peer : peers) {
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
      throw new AssertionError("network did not drain");
    }
  }
}
