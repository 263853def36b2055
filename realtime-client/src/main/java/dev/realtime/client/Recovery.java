package dev.realtime.client;

import java.util.Objects;
import java.util.Optional;

/**
 * The server's answer to a resumed room: {@code {"type":"recovery","room":R,"recovered":…}}.
 *
 * <p>{@code recovered} true: every frame missed was replayed before it, in order, and live frames
 * follow; nothing to do. {@code recovered} false: frames may have been missed and cannot be
 * replayed (the stream was lost, trimmed, or too much was missed); the application must reload
 * what it shows of the room instead of trusting it. The server may also send one unasked, while
 * connected, when it lost frames of the room.
 *
 * @param room the room
 * @param recovered whether nothing was lost
 * @param position where the room's stream stands now, live frames continuing after it (absent
 *     when the server knows none)
 * @param reason why not, when not: {@code epoch_changed}, {@code history_trimmed}, {@code
 *     limit_exceeded}, {@code unavailable} (see {@code docs/protocol.md})
 */
public record Recovery(String room, boolean recovered, Optional<RoomPosition> position, Optional<String> reason) {

  /** Rejects nulls. */
  public Recovery {
    Objects.requireNonNull(room, "room");
    Objects.requireNonNull(position, "position");
    Objects.requireNonNull(reason, "reason");
  }
}
