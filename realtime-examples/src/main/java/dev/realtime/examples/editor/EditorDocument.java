package dev.realtime.examples.editor;

import com.google.gson.JsonObject;
import dev.realtime.hub.Client;
import dev.realtime.hub.Hub;
import dev.realtime.ot.HistoryEntry;
import dev.realtime.ot.InvalidOperationException;
import dev.realtime.ot.document.CatchUp;
import dev.realtime.ot.document.ReceiveResult;
import dev.realtime.ot.document.ResyncRequired;
import dev.realtime.ot.document.ServerDocument;
import dev.realtime.ot.text.Component;
import dev.realtime.ot.text.Selection;
import dev.realtime.ot.text.TextOperation;
import dev.realtime.protocol.ProtocolException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.IntFunction;

/**
 * One open document: its {@link ServerDocument}, its participants and their cursors.
 *
 * <p>Every method holds this document's lock while it changes the text and enqueues the frames
 * that describe the change. Sends only enqueue, so the lock is short; holding it is what makes
 * every client see operations in revision order and a joining client see each operation exactly
 * once (in its snapshot or as a frame, never both).
 */
final class EditorDocument {
  private static final int MAX_REMEMBERED_AUTHORS = 1000;
  private final String id;
  private final String room;
  private final ServerDocument<String, TextOperation> document;
  private final int maxLength;
  private final Hub hub;
  private final Map<Client, Participant> participants = new LinkedHashMap<>();
  /** Who wrote with each recent session, to name authors in a reconnect's catch-up; bounded. */
  private final Map<String, String> authors = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
      return size() > MAX_REMEMBERED_AUTHORS;
    }
  };

  EditorDocument(Hub hub, String id, ServerDocument<String, TextOperation> document, int maxLength) {
    this.hub = hub;
    this.id = id;
    this.room = "editor:" + id;
    this.document = document;
    this.maxLength = maxLength;
  }

  /** The document's title, shown by the page. */
  String title() {
    return id;
  }

  /** The server document, for tests and monitoring. */
  ServerDocument<String, TextOperation> document() {
    return document;
  }

  /**
   * Opens the document for {@code joining}: a client that names the revision it already has
   * ({@code knownVersion}, after a reconnect) gets what it missed, anyone else the whole state.
   */
  synchronized void open(Participant joining, OptionalInt knownVersion) {
    Client client = joining.client();
    Participant me = joining.withCursor(clamp(joining.cursor()));
    if (!client.join(room)) {
      return;
    }
    participants.put(client, me);
    authors.put(me.sessionId(), me.username());
    if (knownVersion.isPresent()) {
      catchUp(me, knownVersion.getAsInt());
    } else {
      client.send(EditorFrames.documentState(title(), document.revision(), document.content(), participants.values(),
          me, false, null));
    }
    broadcast(EditorFrames.userJoined(me), client);
  }

  private void catchUp(Participant me, int knownVersion) {
    CatchUp<String, TextOperation> missed = knownVersion >= 0 && knownVersion <= document.revision()
        ? document.historySince(knownVersion)
        : new ResyncRequired<>(document.snapshot());
    if (missed instanceof CatchUp.Missed<String, TextOperation> entries) {
      for (HistoryEntry<TextOperation> entry : entries.entries()) {
        // The client's own operations come back as acks, so its state machine confirms them.
        me.client().send(entry.clientId().equals(me.sessionId())
            ? EditorFrames.ack(entry.revision() + 1, entry.seq())
            : EditorFrames.operation(entry.operation(), entry.revision() + 1, authorOf(entry), ""));
      }
      me.client().send(EditorFrames.caughtUp(title(), document.revision(), participants.values(), me));
    } else {
      sendResync(me, null);
    }
  }

  /**
   * Receives an operation made at {@code version}; {@code operationAt} builds it given the text
   * length at that revision (the positional form needs it).
   */
  synchronized void submit(Client client, long seq, int version, IntFunction<TextOperation> operationAt) {
    Participant author = participant(client);
    if (version < 0 || version > document.revision()) {
      throw new ProtocolException("invalid_operation",
          "version " + version + " is not between 0 and the current version " + document.revision());
    }
    CatchUp<String, TextOperation> since = document.historySince(version);
    ReceiveResult<String, TextOperation> result;
    try {
      if (since instanceof CatchUp.Missed<String, TextOperation> missed) {
        int lengthThen = missed.entries().isEmpty()
            ? document.size()
            : missed.entries().get(0).operation().baseLength();
        TextOperation operation = operationAt.apply(lengthThen);
        checkSize(operation);
        result = document.receive(author.sessionId(), seq, version, operation);
      } else {
        // Too far behind to transform, but it may be a resubmission: receive deduplicates before it
        // looks at the operation, and otherwise answers ResyncRequired without applying anything.
        result = document.receive(author.sessionId(), seq, version, TextOperation.identity(document.size()));
      }
    } catch (InvalidOperationException e) {
      throw new ProtocolException("invalid_operation", e.getMessage());
    }
    if (result instanceof ReceiveResult.Applied<String, TextOperation> applied) {
      client.send(EditorFrames.ack(applied.revision(), seq));
      broadcast(EditorFrames.operation(applied.operation(), applied.revision(), author.username(), author.userId()),
          client);
      moveCursors(applied.operation());
    } else if (result instanceof ReceiveResult.AlreadyApplied<String, TextOperation> again) {
      client.send(EditorFrames.ack(again.revision(), seq));
    } else {
      sendResync(author, seq);
    }
  }

  /**
   * Stores and broadcasts a participant's cursor. Given the {@code version} its text was at (a
   * synchronized client's), it is moved through the operations applied since; it is then clamped.
   */
  synchronized void moveCursor(Client client, Selection cursor, OptionalInt version) {
    Selection current = cursor;
    if (version.isPresent() && version.getAsInt() <= document.revision()
        && document.historySince(version.getAsInt()) instanceof CatchUp.Missed<String, TextOperation> missed) {
      for (HistoryEntry<TextOperation> entry : missed.entries()) {
        int length = entry.operation().baseLength();
        current = new Selection(Math.min(current.position(), length), Math.min(current.selectionEnd(), length))
            .transform(entry.operation());
      }
    }
    Participant moved = participant(client).withCursor(clamp(current));
    participants.put(client, moved);
    broadcast(EditorFrames.cursor(moved), client);
  }

  /** Sends the whole state again to a client that asked for it (after it lost track). */
  synchronized void resync(Client client) {
    sendResync(participant(client), null);
  }

  /** Forgets a client that disconnected and tells the others. */
  synchronized void close(Client client) {
    Participant gone = participants.remove(client);
    if (gone != null) {
      broadcast(EditorFrames.userLeft(gone), null);
    }
  }

  private void sendResync(Participant participant, Long seq) {
    participant.client().send(EditorFrames.documentState(title(), document.revision(), document.content(),
        participants.values(), participant, true, seq));
  }

  private void checkSize(TextOperation operation) {
    long inserted = 0;
    for (Component component : operation.components()) {
      if (component instanceof Component.Insert insert) {
        inserted += insert.length();
      }
    }
    // A transformed operation inserts exactly what the original did and deletes no more, so this bounds the result.
    if (document.size() + inserted > maxLength) {
      throw new ProtocolException("document_too_large",
          "the document may hold at most " + maxLength + " characters");
    }
  }

  /** Moves every stored cursor through an applied operation, so late joiners see them where they belong. */
  private void moveCursors(TextOperation operation) {
    participants.replaceAll((client, participant) -> participant.withCursor(participant.cursor().transform(operation)));
  }

  private String authorOf(HistoryEntry<TextOperation> entry) {
    return authors.getOrDefault(entry.clientId(), "");
  }

  private Participant participant(Client client) {
    Participant participant = participants.get(client);
    if (participant == null) {
      throw new ProtocolException("not_joined", "this connection has no open document");
    }
    return participant;
  }

  private Selection clamp(Selection cursor) {
    int length = document.size();
    return new Selection(Math.min(cursor.position(), length), Math.min(cursor.selectionEnd(), length));
  }

  private void broadcast(JsonObject frame, Client excluded) {
    if (excluded == null) {
      hub.room(room).broadcast(frame);
    } else {
      hub.room(room).broadcast(frame, excluded);
    }
  }
}
