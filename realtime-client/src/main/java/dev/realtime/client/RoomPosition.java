package dev.realtime.client;

import java.util.Objects;

/**
 * Where a client stands in a room's stream: the {@code offset} and {@code epoch} of the last room
 * frame it received. Resuming from it on a reconnect gets exactly the frames missed meanwhile, or
 * a {@link Recovery} that says they could not be recovered.
 *
 * @param offset the offset of the last room frame received (offsets start at 1)
 * @param epoch the stream's epoch: one life of the room's stream on the server
 */
public record RoomPosition(long offset, String epoch) {

  /** Validates the parts. */
  public RoomPosition {
    if (offset < 0) {
      throw new IllegalArgumentException("offset must not be negative: " + offset);
    }
    Objects.requireNonNull(epoch, "epoch");
    if (epoch.isEmpty()) {
      throw new IllegalArgumentException("epoch must not be empty");
    }
  }

  @Override
  public String toString() {
    return offset + "@" + epoch;
  }
}
