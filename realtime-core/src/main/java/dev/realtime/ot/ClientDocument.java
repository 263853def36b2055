package dev.realtime.ot;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The client side of the protocol, as ot.js's client state machine: at most one operation is in
 * flight (awaiting the server's acknowledgement); local edits made meanwhile are composed into a
 * buffer sent after the acknowledgement. Keeps the client's text and the last revision it knows.
 *
 * <p>Not thread-safe: one client drives it from one thread.
 */
public final class ClientDocument {

  /** Where the client is in the protocol. */
  public enum State {
    /** Nothing in flight. */
    SYNCHRONIZED,
    /** One operation sent, not yet acknowledged. */
    AWAITING_CONFIRM,
    /** One operation in flight and further local edits buffered. */
    AWAITING_WITH_BUFFER
  }

  /** An operation to send: made at {@code revision}, numbered {@code seq} for this client. */
  public record Outgoing(long seq, int revision, TextOperation operation) {
    /** Creates the message. */
    public Outgoing {
      Objects.requireNonNull(operation, "operation");
    }
  }

  private final Rope text;
  private int revision;
  private long lastSeq;
  private TextOperation outstanding;
  private long outstandingSeq;
  private TextOperation buffer;

  /** Creates a client that starts from {@code snapshot}, as received when connecting. */
  public ClientDocument(DocumentSnapshot snapshot) {
    Objects.requireNonNull(snapshot, "snapshot");
    this.text = new Rope(snapshot.text());
    this.revision = snapshot.revision();
  }

  /**
   * Applies a local edit to the text; returns the operation to send now if nothing was in flight.
   *
   * @throws InvalidOperationException if the edit does not fit the text; nothing changes then
   */
  public Optional<Outgoing> applyLocal(TextOperation operation) {
    Objects.requireNonNull(operation, "operation");
    operation.applyTo(text);
    if (outstanding == null) {
      outstanding = operation;
      outstandingSeq = ++lastSeq;
      return Optional.of(new Outgoing(outstandingSeq, revision, operation));
    }
    buffer = buffer == null ? operation : buffer.compose(operation);
    return Optional.empty();
  }

  /**
   * Applies an operation another client made, as broadcast by the server for the next revision;
   * returns it as applied to this client's text (transformed past the local edits not yet acknowledged).
   */
  public TextOperation applyServer(TextOperation operation) {
    Objects.requireNonNull(operation, "operation");
    TextOperation newOutstanding = outstanding;
    TextOperation newBuffer = buffer;
    TextOperation local = operation;
    if (outstanding != null) {
      TextOperation.Transformed first = TextOperation.transform(outstanding, operation);
      newOutstanding = first.aPrime();
      local = first.bPrime();
      if (buffer != null) {
        TextOperation.Transformed second = TextOperation.transform(buffer, local);
        newBuffer = second.aPrime();
        local = second.bPrime();
      }
    }
    local.applyTo(text);
    outstanding = newOutstanding;
    buffer = newBuffer;
    revision++;
    return local;
  }

  /**
   * Handles the server's acknowledgement of operation {@code seq}; returns the buffered edits to
   * send next, if any. An acknowledgement of anything but the operation in flight (a repeated
   * acknowledgement of a resubmission) is ignored.
   */
  public Optional<Outgoing> serverAck(long seq) {
    if (outstanding == null || seq != outstandingSeq) {
      return Optional.empty();
    }
    revision++;
    outstanding = buffer;
    buffer = null;
    if (outstanding == null) {
      return Optional.empty();
    }
    outstandingSeq = ++lastSeq;
    return Optional.of(new Outgoing(outstandingSeq, revision, outstanding));
  }

  /** Returns the operation in flight, expressed at the current revision, to resubmit after a reconnect. */
  public Optional<Outgoing> pending() {
    return outstanding == null ? Optional.empty()
        : Optional.of(new Outgoing(outstandingSeq, revision, outstanding));
  }

  /** Returns the seq of the operation in flight, if any. */
  public OptionalLong outstandingSeq() {
    return outstanding == null ? OptionalLong.empty() : OptionalLong.of(outstandingSeq);
  }

  /** Replaces the text and revision with the server's, dropping every unacknowledged local edit. */
  public void resync(DocumentSnapshot snapshot) {
    Objects.requireNonNull(snapshot, "snapshot");
    text.delete(0, text.length());
    text.insert(0, snapshot.text());
    revision = snapshot.revision();
    outstanding = null;
    buffer = null;
  }

  /**
   * Handles a {@link ResyncRequired} that answered submission {@code seq}: resyncs only if that
   * submission is still the one in flight, and returns whether it did. A stale answer (the client
   * has since resynced and sent a newer operation, which the server may still apply) is ignored.
   */
  public boolean resyncIfOutstanding(long seq, DocumentSnapshot snapshot) {
    Objects.requireNonNull(snapshot, "snapshot");
    if (outstanding == null || seq != outstandingSeq) {
      return false;
    }
    resync(snapshot);
    return true;
  }

  /** Returns where the client is in the protocol. */
  public State state() {
    if (outstanding == null) {
      return State.SYNCHRONIZED;
    }
    return buffer == null ? State.AWAITING_CONFIRM : State.AWAITING_WITH_BUFFER;
  }

  /** Returns the last server revision this client has seen or been acknowledged up to. */
  public int revision() {
    return revision;
  }

  /** Returns the client's current text, including its unacknowledged edits. */
  public String text() {
    return text.toString();
  }

  /** Returns the length of the client's current text in UTF-16 code units. */
  public int length() {
    return text.length();
  }
}
