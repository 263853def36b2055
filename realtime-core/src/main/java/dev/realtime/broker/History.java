package dev.realtime.broker;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer to {@link Broker#history}: what was published after a position, or why that is lost.
 *
 * <p>A recovery is all or nothing: when recovered, {@code publications} holds every publication
 * after the requested position up to {@code top}, in offset order (empty when nothing was missed);
 * when not, it is empty and {@code lost} says why, so a client resyncs instead of showing a view
 * with a hole in it.
 *
 * @param publications the missed publications in offset order, empty unless recovered
 * @param top the stream's position when history was read
 * @param lost why the missed publications cannot be recovered, empty when recovered
 */
public record History(
    List<Publication> publications, StreamPosition top, Optional<StreamGap.Reason> lost) {

  /** Validates and copies the components. */
  public History {
    publications = List.copyOf(publications);
    Objects.requireNonNull(top, "top");
    Objects.requireNonNull(lost, "lost");
    if (lost.isPresent() && !publications.isEmpty()) {
      throw new IllegalArgumentException("an unrecovered history carries no publications");
    }
  }

  /** Returns a recovered history. */
  public static History recovered(List<Publication> publications, StreamPosition top) {
    return new History(publications, top, Optional.empty());
  }

  /** Returns an unrecoverable history. */
  public static History lost(StreamPosition top, StreamGap.Reason reason) {
    return new History(List.of(), top, Optional.of(reason));
  }

  /** Returns whether every publication after the requested position is here. */
  public boolean recovered() {
    return lost.isEmpty();
  }
}
