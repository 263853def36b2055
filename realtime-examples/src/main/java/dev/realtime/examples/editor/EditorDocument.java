package dev.realtime.examples.editor;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.realtime.broker.ChannelListener;
import dev.realtime.broker.PresenceInfo;
import dev.realtime.broker.Publication;
import dev.realtime.broker.PublishOptions;
import dev.realtime.broker.StreamGap;
import dev.realtime.hub.Client;
import dev.realtime.ot.HistoryEntry;
import dev.realtime.ot.document.CatchUp;
import dev.realtime.ot.document.ServerDocument;
import dev.realtime.ot.text.Selection;
import dev.realtime.ot.text.TextOperation;
import dev.realtime.protocol.CloseCodes;
import dev.realtime.protocol.ErrorCodes;
import dev.realtime.protocol.Json;
import dev.realtime.protocol.ProtocolException;
import dev.realtime.transport.OutboundMessage;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One document open on this node: its {@link SharedDocument} copy, the participants on every node
 * with their cursors, and the frames this node's participants get.
 *
 * <p>Everything runs on the document's strand (a sequential executor), one task at a time: client
 * messages, the broker's events and presence changes. So a participant here sees operations in
 * revision order, each once, and a joining one sees each exactly once (in its snapshot or as a
 * frame). The broker channel carries committed operations and participant events to every node;
 * each event says the revision it was made at and waits until this node has caught up to it.
 *
 * <p>The document leaves memory once its last participant here left (the channel is unsubscribed,
 * the copy dropped); a connection arriving meanwhile gets a successor that starts once it is gone.
 */
final class EditorDocument implements ChannelListener, SharedDocument.Listener {
  /** The hub room of a document is this followed by its id. */
  static final String ROOM_PREFIX = "editor:";
  private static final Logger log = LoggerFactory.getLogger(EditorDocument.class);

  private final EditorService service;
  private final String id;
  private final String room;
  private final String channel;
  private final Executor strand;
  private final CompletableFuture<Void> predecessorGone;
  private final CompletableFuture<Void> gone = new CompletableFuture<>();
  private final SharedDocument shared;
  private final Map<Client, Participant> local = new LinkedHashMap<>();
  private final Map<String, Participant> everyone = new LinkedHashMap<>();
  private final ArrayDeque<DocumentEvent> held = new ArrayDeque<>();
  private boolean loaded;
  private boolean gapFillScheduled;
  private final Set<Client> reserved = new HashSet<>(); // guarded by this
  private boolean closed; // guarded by this

  EditorDocument(EditorService service, String id, Executor strand, CompletableFuture<Void> predecessorGone) {
    this.service = service;
    this.id = id;
    this.room = ROOM_PREFIX + id;
    this.channel = service.channelOf(id);
    this.strand = strand;
    this.predecessorGone = predecessorGone;
    this.shared = new SharedDocument(id, service.store(), service.maxHistory(), service.maxLength(),
        service.commitAttempts(), this);
  }

  /** Counts {@code client} on this document; false once it is closing (use a successor). */
  synchronized boolean reserve(Client client) {
    if (closed) {
      return false;
    }
    reserved.add(client);
    return true;
  }

  private synchronized boolean isReserved(Client client) {
    return reserved.contains(client);
  }

  /** Completes once the document has left memory. */
  CompletableFuture<Void> gone() {
    return gone;
  }

  /** The copy's server document (tests and monitoring), if loaded. */
  Optional<ServerDocument<String, TextOperation>> replica() {
    return Optional.ofNullable(shared.replica());
  }

  // ---- what the service hands over, from any thread ----

  void open(Client client, Participant joining, OptionalInt knownVersion) {
    strand.execute(() -> {
      try {
        joined(client, joining, knownVersion);
      } catch (RuntimeException e) {
        log.warn("cannot open document {} for {}", id, client, e);
        client.send(Json.error(ErrorCodes.UNAVAILABLE, "the document cannot be loaded now: try again", null));
        client.close(CloseCodes.TRY_AGAIN_LATER, "document unavailable");
      }
    });
  }

  void submit(Client client, long seq, int version, IntFunction<TextOperation> operationAt, JsonElement requestId) {
    run(client, requestId, () -> submitted(client, seq, version, operationAt));
  }

  void moveCursor(Client client, Selection cursor, OptionalInt version, JsonElement requestId) {
    run(client, requestId, () -> moved(client, cursor, version));
  }

  void resync(Client client, JsonElement requestId) {
    run(client, requestId, () -> sendResync(client, participant(client), null));
  }

  void close(Client client) {
    strand.execute(() -> left(client));
  }

  /** Connections that vanished from the room's presence (a node that died says nothing else). */
  void presenceLeft(List<PresenceInfo> left) {
    strand.execute(() -> {
      for (PresenceInfo info : left) {
        Participant gone = everyone.get(info.clientId());
        if (gone != null && local.values().stream().noneMatch(p -> p.userId().equals(gone.userId()))) {
          everyone.remove(gone.userId());
          toLocal(EditorFrames.userLeft(gone), null);
        }
      }
    });
  }

  @Override
  public void onPublication(Publication publication) {
    DocumentEvent event;
    try {
      event = DocumentEvent.decode(publication.payloadText());
    } catch (RuntimeException e) {
      log.warn("ignoring an unreadable event on {}", channel, e);
      return;
    }
    strand.execute(() -> heard(event));
  }

  @Override
  public void onUnrecoverableGap(StreamGap gap) {
    strand.execute(this::fillGap);
  }

  private void run(Client client, JsonElement requestId, Runnable task) {
    strand.execute(() -> {
      try {
        task.run();
      } catch (ProtocolException e) {
        client.send(Json.error(e.code(), e.getMessage(), requestId));
      } catch (RuntimeException e) {
        log.warn("document {}: the store failed for {}", id, client, e);
        client.send(Json.error(ErrorCodes.UNAVAILABLE,
            "the document store cannot be reached: resubmit in a moment", requestId));
      }
    });
  }

  // ---- on the strand ----

  private void joined(Client client, Participant joining, OptionalInt knownVersion) {
    if (!isReserved(client)) {
      return; // it closed before its turn came
    }
    boolean first = ensureLoaded();
    if (!client.join(room)) {
      release(client); // gone before it could open the document
      return;
    }
    if (first && service.clustered()) {
      mergePresence();
    }
    Participant me = joining.withCursor(clamp(joining.cursor()));
    local.put(client, me);
    everyone.put(me.userId(), me);
    shared.author(me.sessionId(), me.username(), me.userId());
    if (knownVersion.isPresent()) {
      catchUp(client, me, knownVersion.getAsInt());
    } else {
      client.send(EditorFrames.documentState(id, shared.revision(), shared.replica().content(), everyone.values(), me,
          false, null));
    }
    toLocal(EditorFrames.userJoined(me), client);
    publish(new DocumentEvent.Joined(service.nodeId(), shared.revision(), me, false));
  }

  /** Subscribes first, then loads (ShareDB's order), so nothing committed in between is missed. */
  private boolean ensureLoaded() {
    if (loaded) {
      return false;
    }
    await(predecessorGone, "the previous copy to leave");
    await(service.broker().subscribe(channel, this), "the subscription to " + channel);
    try {
      shared.load();
    } catch (RuntimeException e) {
      // Leave the channel free for the copy that tries again.
      await(service.broker().unsubscribe(channel), "the unsubscription of " + channel);
      throw e;
    }
    loaded = true;
    publish(new DocumentEvent.Hello(service.nodeId(), shared.revision()));
    return true;
  }

  private void mergePresence() {
    try {
      for (PresenceInfo info : service.hub().room(room).presence().toCompletableFuture()
          .get(EditorService.WAIT.toMillis(), TimeUnit.MILLISECONDS).clients()) {
        everyone.putIfAbsent(info.clientId(), new Participant(info.clientId(), info.user(),
            EditorService.colorOf(info.user()), "", Selection.caret(0)));
      }
    } catch (Exception e) {
      log.debug("document {}: presence unavailable, participants elsewhere appear as they act", id, e);
    }
  }

  private void catchUp(Client client, Participant me, int knownVersion) {
    if (knownVersion > shared.revision()) {
      reloadedIfNeeded(shared.catchUpOrReload());
    }
    Optional<List<HistoryEntry<TextOperation>>> missed = knownVersion >= 0 && knownVersion <= shared.revision()
        ? shared.since(knownVersion) : Optional.empty();
    if (missed.isEmpty()) {
      sendResync(client, me, null);
      return;
    }
    for (HistoryEntry<TextOperation> entry : missed.get()) {
      // The client's own operations come back as acks, so its state machine confirms them.
      String[] author = shared.authorOf(entry);
      client.send(entry.clientId().equals(me.sessionId())
          ? EditorFrames.ack(entry.revision() + 1, entry.seq())
          : EditorFrames.operation(entry.operation(), entry.revision() + 1, author[0], author[1]));
    }
    client.send(EditorFrames.caughtUp(id, shared.revision(), everyone.values(), me));
  }

  private void submitted(Client client, long seq, int version, IntFunction<TextOperation> operationAt) {
    Participant author = participant(client);
    int before = shared.revision();
    SharedDocument.Outcome outcome = shared.submit(author.sessionId(), seq, version, operationAt);
    if (outcome instanceof SharedDocument.Committed committed) {
      // The listener already acknowledged it here and sent it to the others here.
      HistoryEntry<TextOperation> entry = committed.entry();
      publishCommitted(entry, author.username(), author.userId(), 0);
      service.snapshotIfDue(id, shared.replica());
    } else if (outcome instanceof SharedDocument.AlreadyCommitted again) {
      client.send(EditorFrames.ack(again.revision(), seq));
    } else {
      if (shared.revision() < before) {
        reloaded();
      }
      sendResync(client, author, seq);
    }
  }

  private void moved(Client client, Selection cursor, OptionalInt version) {
    Participant mover = participant(client);
    Selection current = version.isPresent() && version.getAsInt() <= shared.revision()
        ? movedSince(cursor, version.getAsInt()) : cursor;
    Participant moved = mover.withCursor(clamp(current));
    local.put(client, moved);
    everyone.put(moved.userId(), moved);
    toLocal(EditorFrames.cursor(moved), client);
    publish(new DocumentEvent.Moved(service.nodeId(), shared.revision(), moved.userId(), moved.cursor()));
  }

  private void left(Client client) {
    Participant gone = local.remove(client);
    if (gone != null) {
      everyone.remove(gone.userId());
      toLocal(EditorFrames.userLeft(gone), null);
      publish(new DocumentEvent.Left(service.nodeId(), shared.revision(), gone.userId()));
    }
    release(client);
  }

  private void release(Client client) {
    synchronized (this) {
      if (!reserved.remove(client) || !reserved.isEmpty() || !local.isEmpty()) {
        return;
      }
      closed = true;
    }
    // Nobody here has it open: leave memory.
    if (!loaded) {
      service.forget(id, this);
      gone.complete(null);
      return;
    }
    loaded = false;
    held.clear();
    everyone.clear();
    shared.unload();
    await(service.broker().unsubscribe(channel), "the unsubscription of " + channel);
    service.forget(id, this);
    gone.complete(null);
  }

  private void heard(DocumentEvent event) {
    if (!loaded) {
      return; // not loaded yet or left memory: a load reads the store anyway
    }
    if (event instanceof DocumentEvent.Committed committed) {
      if (shared.heard(committed)) {
        scheduleGapFill();
      }
      releaseHeld();
      return;
    }
    if (event.node().equals(service.nodeId())) {
      return; // this node's own participant events took effect when they were made
    }
    held.add(event);
    releaseHeld();
  }

  /** Participant events wait, in the order heard, until this copy has the revision they were made at. */
  private void releaseHeld() {
    while (!held.isEmpty() && held.peek().revision() <= shared.revision()) {
      DocumentEvent event = held.poll();
      if (event instanceof DocumentEvent.Joined joined) {
        Participant participant = joined.participant();
        Participant there = participant.withCursor(clamp(movedSince(participant.cursor(), joined.revision())));
        shared.author(there.sessionId(), there.username(), there.userId());
        boolean known = everyone.put(there.userId(), there) != null;
        toLocal(known ? EditorFrames.cursor(there) : EditorFrames.userJoined(there), null);
      } else if (event instanceof DocumentEvent.Moved moved) {
        Participant mover = everyone.get(moved.userId());
        if (mover != null) {
          Participant there = mover.withCursor(clamp(movedSince(moved.cursor(), moved.revision())));
          everyone.put(there.userId(), there);
          toLocal(EditorFrames.cursor(there), null);
        }
      } else if (event instanceof DocumentEvent.Left leaving) {
        Participant gone = everyone.remove(leaving.userId());
        if (gone != null) {
          toLocal(EditorFrames.userLeft(gone), null);
        }
      } else if (event instanceof DocumentEvent.Hello) {
        for (Participant here : local.values()) {
          publish(new DocumentEvent.Joined(service.nodeId(), shared.revision(), here, true));
        }
      }
    }
  }

  private void scheduleGapFill() {
    if (!gapFillScheduled) {
      gapFillScheduled = true;
      // An operation heard early usually has its predecessor right behind it; wait a moment for it.
      service.schedule(() -> strand.execute(this::fillGap), EditorService.GAP_WAIT);
    }
  }

  private void fillGap() {
    gapFillScheduled = false;
    if (!loaded) {
      return;
    }
    try {
      reloadedIfNeeded(shared.catchUpOrReload());
    } catch (RuntimeException e) {
      log.warn("document {}: cannot fill a gap from the store, retrying", id, e);
      scheduleGapFill();
    }
    releaseHeld();
  }

  private void reloadedIfNeeded(boolean reloaded) {
    if (reloaded) {
      reloaded();
    }
  }

  /** The copy started over from a snapshot: every participant here must too. */
  private void reloaded() {
    for (Map.Entry<Client, Participant> participant : local.entrySet()) {
      sendResync(participant.getKey(), participant.getValue(), null);
    }
  }

  @Override
  public void applied(HistoryEntry<TextOperation> entry, String author, String userId, boolean fromStore) {
    int revision = entry.revision() + 1;
    OutboundMessage operation = null;
    for (Map.Entry<Client, Participant> participant : local.entrySet()) {
      if (participant.getValue().sessionId().equals(entry.clientId())) {
        participant.getKey().send(EditorFrames.ack(revision, entry.seq()));
      } else {
        if (operation == null) {
          operation = Json.message(EditorFrames.operation(entry.operation(), revision, author, userId));
        }
        participant.getKey().send(operation);
      }
    }
    // Cursors move with the text, so late joiners see them where they belong.
    everyone.replaceAll((key, p) -> p.withCursor(p.cursor().transform(entry.operation())));
    local.replaceAll((client, p) -> everyone.getOrDefault(p.userId(), p));
    if (fromStore) {
      // Read from the store, not heard: its committer may have died before publishing it.
      publishCommitted(entry, author, userId, 0);
    }
  }

  private void publishCommitted(HistoryEntry<TextOperation> entry, String author, String userId, int attempt) {
    byte[] payload = DocumentEvent.encode(new DocumentEvent.Committed(service.nodeId(), entry, author, userId));
    // One key per revision: a copy published twice (a retry, a republish) is delivered once.
    PublishOptions options = PublishOptions.defaults().withIdempotencyKey("op:" + entry.revision());
    service.broker().publish(channel, payload, options).whenComplete((position, failure) -> {
      if (failure != null && attempt < EditorService.PUBLISH_ATTEMPTS) {
        log.debug("document {}: publishing revision {} failed, retrying", id, entry.revision() + 1, failure);
        service.schedule(() -> publishCommitted(entry, author, userId, attempt + 1),
            Duration.ofMillis(100L << attempt));
      } else if (failure != null) {
        // Other nodes still get it: from the store, at their next gap or commit.
        log.warn("document {}: revision {} not published", id, entry.revision() + 1, failure);
      }
    });
  }

  private void publish(DocumentEvent event) {
    service.broker().publish(channel, DocumentEvent.encode(event), PublishOptions.defaults())
        .whenComplete((position, failure) -> {
          if (failure != null) {
            log.debug("document {}: an event was not published", id, failure);
          }
        });
  }

  private void sendResync(Client client, Participant participant, Long seq) {
    client.send(EditorFrames.documentState(id, shared.revision(), shared.replica().content(), everyone.values(),
        participant, true, seq));
  }

  /** Sends {@code frame} to this node's participants but {@code excluded}, encoded once. */
  private void toLocal(JsonObject frame, Client excluded) {
    OutboundMessage message = null;
    for (Client client : local.keySet()) {
      if (client != excluded) {
        if (message == null) {
          message = Json.message(frame);
        }
        client.send(message);
      }
    }
  }

  private Participant participant(Client client) {
    Participant participant = local.get(client);
    if (participant == null) {
      throw new ProtocolException("not_joined", "this connection has no open document");
    }
    return participant;
  }

  /** A cursor made at {@code revision} moved through every operation since, as far as this copy's history reaches. */
  private Selection movedSince(Selection cursor, int revision) {
    Selection current = cursor;
    ServerDocument<String, TextOperation> replica = shared.replica();
    if (revision >= replica.baseSnapshot().revision() && revision <= replica.revision()
        && replica.historySince(revision) instanceof CatchUp.Missed<String, TextOperation> missed) {
      for (HistoryEntry<TextOperation> entry : missed.entries()) {
        int length = entry.operation().baseLength();
        current = new Selection(Math.min(current.position(), length), Math.min(current.selectionEnd(), length))
            .transform(entry.operation());
      }
    }
    return current;
  }

  private Selection clamp(Selection cursor) {
    int length = shared.replica().size();
    return new Selection(Math.min(cursor.position(), length), Math.min(cursor.selectionEnd(), length));
  }

  private void await(CompletableFuture<?> future, String what) {
    try {
      future.get(EditorService.WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      // A subscription that failed stays registered and goes live when the broker is back.
      log.debug("document {}: {} did not complete", id, what, e);
    }
  }
}
