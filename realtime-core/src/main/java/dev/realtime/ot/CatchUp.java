package dev.realtime.ot;

import java.util.List;
import java.util.Objects;

/** What a reconnecting client at some revision must apply to be current: {@link Missed} or {@link ResyncRequired}. */
public sealed interface CatchUp permits CatchUp.Missed, ResyncRequired {

  /** The operations applied since the client's revision, oldest first. */
  record Missed(List<HistoryEntry> entries) implements CatchUp {
    /** Creates the result with an immutable copy of the entries. */
    public Missed {
      entries = List.copyOf(Objects.requireNonNull(entries, "entries"));
    }
  }
}
