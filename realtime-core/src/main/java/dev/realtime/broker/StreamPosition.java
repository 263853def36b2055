package dev.realtime.broker;

import java.util.Objects;

/**
 * Where a channel's stream stands: the offset of its last stored publication and the stream's epoch.
 *
 * <p>Offsets grow by one per publication kept in history, starting at 1 (0 means "nothing stored
 * yet"). The epoch names one life of the stream: when a broker loses a stream (Redis restarted
 * without persistence, the keys expired or were flushed) it starts a new epoch, so an offset from
 * the old one is never mistaken for a position in the new one.
 *
 * @param offset the offset of the last publication kept in history, 0 before the first
 * @param epoch the stream's epoch, a non-empty token without spaces
 */
public record StreamPosition(long offset, String epoch) {

  /** Validates the components. */
  public StreamPosition {
    if (offset < 0) {
      throw new IllegalArgumentException("offset must not be negative: " + offset);
    }
    Objects.requireNonNull(epoch, "epoch");
    if (epoch.isEmpty() || epoch.chars().anyMatch(c -> c <= ' ')) {
      throw new IllegalArgumentException("epoch must be a non-empty token without spaces");
    }
  }

  /** Returns whether this position is in the same epoch as {@code other}. */
  public boolean sameEpoch(StreamPosition other) {
    return epoch.equals(other.epoch);
  }

  @Override
  public String toString() {
    return offset + "@" + epoch;
  }
}
