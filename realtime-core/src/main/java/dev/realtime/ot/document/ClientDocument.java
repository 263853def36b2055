package dev.realtime.ot.document;

import dev.realtime.ot.DocumentSnapshot;
import dev.realtime.ot.InvalidOperationException;
import dev.realtime.ot.OperationTransformer;
import dev.realtime.ot.OperationTransformer.Transformed;
import dev.realtime.ot.Side;
import dev.realtime.ot.WorkingCopy;
import dev.realtime.ot.text.PlainText;
import dev.realtime.ot.text.TextOperation;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The client side of the protocol, as ot.js's client state machine: at most one operation is in
 * flight (awaiting the server's acknowledgement); local edits made meanwhile are composed into a
 * buffer sent after the acknowledgement. Keeps the client's content and the last revision it knows.
 *
 * <p>An operation from the server is transformed past the local edits with the local edits on the
 * {@link Side#LEFT left} side, as {@link ServerDocument} orders them.
 *
 * <p>Not thread-safe: one client drives it from one thread.
 *
 * @param <S> the content type
 * @param <O> the operation type
 */
public final class ClientDocument<S, O> {

  /** Where the client is in the protocol. */
  public enum State {
    /** Nothing in flight. */
    SYNCHRONIZED,
    /** One operation sent, not yet acknowledged. */
    AWAITING_CONFIRM,
    /** One operation in flight and further local edits buffered. */
    AWAITING_WITH_BUFFER
  }

  /**
   * An operation to send: made at {@code revision}, numbered {@code seq} for this client.
   *
   * @param <O> the operation type
   * @param seq this client's number for it, from 1
   * @param revision the server revision it was made at
   * @param operation the operation
   */
  public record Outgoing<O>(long seq, int revision, O operation) {
    /** Creates the message. */
    public Outgoing {
      Objects.requireNonNull(operation, "operation");
    }
  }

  private final OperationTransformer<S, O> transformer;
  private WorkingCopy<S, O> content;
  private int revision;
  private long lastSeq;
  private O outstanding;
  private long outstandingSeq;
  private O buffer;

  /** Creates a client of {@code transformer}'s type that starts from {@code snapshot}, as received when connecting. */
  public ClientDocument(OperationTransformer<S, O> transformer, DocumentSnapshot<S> snapshot) {
    this.transformer = Objects.requireNonNull(transformer, "transformer");
    Objects.requireNonNull(snapshot, "snapshot");
    this.content = transformer.workingCopy(snapshot.content());
    this.revision = snapshot.revision();
  }

  /** Creates a plain-text client that starts from {@code snapshot}. */
  public static ClientDocument<String, TextOperation> text(DocumentSnapshot<String> snapshot) {
    return new ClientDocument<>(PlainText.INSTANCE, snapshot);
  }

  /**
   * Applies a local edit to the content; returns the operation to send now if nothing was in flight.
   *
   * @throws InvalidOperationException if the edit does not fit the content; nothing changes then
   */
  public Optional<Outgoing<O>> applyLocal(O operation) {
    Objects.requireNonNull(operation, "operation");
    if (outstanding == null) {
      content.apply(operation);
      outstanding = operation;
      outstandingSeq = ++lastSeq;
      return Optional.of(new Outgoing<>(outstandingSeq, revision, operation));
    }
    O newBuffer = buffer == null ? operation : transformer.compose(buffer, operation);
    content.apply(operation);
    buffer = newBuffer;
    return Optional.empty();
  }

  /**
   * Applies an operation another client made, as broadcast by the server for the next revision;
   * returns it as applied to this client's content (transformed past the local edits not yet acknowledged).
   *
   * @throws InvalidOperationException if the operation does not fit; nothing changes then
   */
  public O applyServer(O operation) {
    Objects.requireNonNull(operation, "operation");
    O newOutstanding = outstanding;
    O newBuffer = buffer;
    O local = operation;
    if (outstanding != null) {
      Transformed<O> first = transformer.transformBoth(outstanding, operation);
      newOutstanding = first.aPrime();
      local = first.bPrime();
      if (buffer != null) {
        Transformed<O> second = transformer.transformBoth(buffer, local);
        newBuffer = second.aPrime();
        local = second.bPrime();
      }
    }
    content.apply(local);
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
  public Optional<Outgoing<O>> serverAck(long seq) {
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
    return Optional.of(new Outgoing<>(outstandingSeq, revision, outstanding));
  }

  /** Returns the operation in flight, expressed at the current revision, to resubmit after a reconnect. */
  public Optional<Outgoing<O>> pending() {
    return outstanding == null ? Optional.empty()
        : Optional.of(new Outgoing<>(outstandingSeq, revision, outstanding));
  }

  /** Returns the seq of the operation in flight, if any. */
  public OptionalLong outstandingSeq() {
    return outstanding == null ? OptionalLong.empty() : OptionalLong.of(outstandingSeq);
  }

  /** Replaces the content and revision with the server's, dropping every unacknowledged local edit. */
  public void resync(DocumentSnapshot<S> snapshot) {
    Objects.requireNonNull(snapshot, "snapshot");
    content = transformer.workingCopy(snapshot.content());
    revision = snapshot.revision();
    outstanding = null;
    buffer = null;
  }

  /**
   * Handles a {@link ResyncRequired} that answered submission {@code seq}: resyncs only if that
   * submission is still the one in flight, and returns whether it did. A stale answer (the client
   * has since resynced and sent a newer operation, which the server may still apply) is ignored.
   */
  public boolean resyncIfOutstanding(long seq, DocumentSnapshot<S> snapshot) {
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

  /** Returns the client's current content, including its unacknowledged edits. */
  public S content() {
    return content.content();
  }

  /** Returns the size of the client's current content in the operation type's unit (UTF-16 code units for text). */
  public int size() {
    return content.size();
  }
}
