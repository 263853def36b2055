package dev.realtime.ot;

import java.util.Objects;

/** The text of a document at a revision (the number of operations applied to reach it). */
public record DocumentSnapshot(int revision, String text) {

  /** Creates a snapshot; the revision must not be negative. */
  public DocumentSnapshot {
    Objects.requireNonNull(text, "text");
    if (revision < 0) {
      throw new IllegalArgumentException("revision must not be negative, was " + revision);
    }
  }
}
