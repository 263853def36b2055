package dev.realtime.ot.store;

import java.util.OptionalInt;

/**
 * What a compare-and-append ({@link DocumentStore#commit}) did: {@link Committed}, {@link Conflict},
 * {@link Duplicate} or {@link Stale}.
 */
public sealed interface CommitResult
    permits CommitResult.Committed, CommitResult.Conflict, CommitResult.Duplicate, CommitResult.Stale {

  /**
   * The entry was appended: the log now ends at {@code revision} (the entry's revision plus one).
   *
   * @param revision the revision the entry produced
   */
  record Committed(int revision) implements CommitResult {}

  /**
   * Nothing was appended: the log had moved on to {@code revision}. Load the entries since the one
   * the operation was transformed to ({@link DocumentStore#entriesSince}), transform past them and
   * commit again.
   *
   * @param revision where the log ends now
   */
  record Conflict(int revision) implements CommitResult {}

  /**
   * Nothing was appended: the client already has an entry with this seq or a later one (a
   * resubmission whose first copy got through, on this server or another).
   *
   * @param revision the revision the first copy produced, when the seq is the client's last one;
   *     empty for an older seq, whose entry the store no longer indexes
   */
  record Duplicate(OptionalInt revision) implements CommitResult {}

  /**
   * Nothing was appended: the operation was made on a revision older than the store deduplicates
   * from (the start of its log), so it cannot tell whether this is a resubmission; the client must
   * start again from the current state.
   *
   * @param revision where the log ends now
   */
  record Stale(int revision) implements CommitResult {}
}
