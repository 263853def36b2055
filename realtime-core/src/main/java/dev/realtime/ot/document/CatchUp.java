package dev.realtime.ot.document;

import dev.realtime.ot.HistoryEntry;
import java.util.List;
import java.util.Objects;

/**
 * What a reconnecting client at some revision must apply to be current: {@link Missed} or
 * {@link ResyncRequired}.
 *
 * @param <S> the content type
 * @param <O> the operation type
 */
public sealed interface CatchUp<S, O> permits CatchUp.Missed, ResyncRequired {

  /**
   * The operations applied since the client's revision, oldest first.
   *
   * @param <S> the content type
   * @param <O> the operation type
   * @param entries the operations as applied
   */
  record Missed<S, O>(List<HistoryEntry<O>> entries) implements CatchUp<S, O> {
    /** Creates the result with an immutable copy of the entries. */
    public Missed {
      entries = List.copyOf(Objects.requireNonNull(entries, "entries"));
    }
  }
}
