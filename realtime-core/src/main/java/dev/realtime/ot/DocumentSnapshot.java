package dev.realtime.ot;

import java.util.Objects;

/**
 * A document's content at a revision (the number of operations applied to reach it).
 *
 * @param <S> the content type
 * @param revision the revision, from 0
 * @param content the content at that revision
 */
public record DocumentSnapshot<S>(int revision, S content) {

  /** Creates a snapshot; the revision must not be negative. */
  public DocumentSnapshot {
    Objects.requireNonNull(content, "content");
    if (revision < 0) {
      throw new IllegalArgumentException("revision must not be negative, was " + revision);
    }
  }
}
