package dev.realtime.hub;

import dev.realtime.broker.History;
import dev.realtime.broker.Publication;
import dev.realtime.broker.StreamGap;
import dev.realtime.broker.StreamPosition;
import dev.realtime.metrics.RealtimeMetrics;
import dev.realtime.transport.OutboundMessage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One client catching up on a room it joined with a position: the missed frames from history,
 * then the {@code recovery} frame, then the live frames that arrived meanwhile.
 *
 * <p>From the moment the client is a member, the room's live frames for it come here instead of
 * to its connection. While history is read they wait in a bounded buffer (a burst beyond it drops
 * them, and the recovery answers {@code recovered:false} at a position after the last dropped
 * one). When history answers, the replay and the recovery frame go out, then the buffer, skipping
 * every frame at or before the recovery's position: no gap, no duplicate. Afterwards frames still
 * in flight at or before that position are dropped, until the first later one detaches this.
 *
 * <p>Live frames for one room arrive one at a time (the broker never overlaps a channel's
 * deliveries); the history answer arrives on another thread, so the state is guarded by this
 * object, and no frame is sent while holding it.
 */
final class Recovery {
  private enum State {
    WAITING,
    FLUSHING,
    DONE
  }

  private record Item(OutboundMessage frame, StreamPosition position, boolean gap) {}

  final Client client;
  final String room;
  final StreamPosition since;
  private final int bufferLimit;
  private final RealtimeMetrics metrics;
  private final ArrayDeque<Item> buffer = new ArrayDeque<>();
  private State state = State.WAITING;
  private StreamPosition droppedUpTo;
  private StreamPosition floor;

  Recovery(Client client, String room, StreamPosition since, int bufferLimit, RealtimeMetrics metrics) {
    this.client = client;
    this.room = room;
    this.since = since;
    this.bufferLimit = bufferLimit;
    this.metrics = metrics;
  }

  /** A live frame (or, with {@code gap}, a gap notice) of the room for this client. */
  void offer(OutboundMessage frame, StreamPosition position, boolean gap) {
    synchronized (this) {
      if (state == State.WAITING) {
        if (droppedUpTo != null || buffer.size() >= bufferLimit) {
          for (int i = 0; i < buffer.size(); i++) {
            metrics.messageDropped();
          }
          buffer.clear();
          droppedUpTo = position;
          metrics.messageDropped();
          return;
        }
        buffer.add(new Item(frame, position, gap));
        return;
      }
      if (state == State.FLUSHING) {
        buffer.add(new Item(frame, position, gap));
        return;
      }
      if (!gap && floor != null && atOrBefore(position, floor)) {
        return; // replayed already
      }
      client.detachRecovery(room, this);
    }
    client.send(frame);
  }

  /** History answered: replay what it holds (or say why not), then what arrived meanwhile. */
  void complete(History history) {
    List<OutboundMessage> out = new ArrayList<>();
    StreamPosition position = history.top();
    synchronized (this) {
      if (state != State.WAITING) {
        return;
      }
      state = State.FLUSHING;
      boolean recovered = history.recovered() && droppedUpTo == null;
      String reason = null;
      if (recovered) {
        for (Publication publication : history.publications()) {
          if (!publication.excludedClient().map(client.id()::equals).orElse(false)) {
            out.add(RoomFrames.positioned(publication));
          }
        }
      } else if (droppedUpTo != null) {
        reason = RoomFrames.reason(StreamGap.Reason.LIMIT_EXCEEDED);
        if (!droppedUpTo.sameEpoch(position) || droppedUpTo.offset() > position.offset()) {
          position = droppedUpTo;
        }
      } else {
        reason = RoomFrames.reason(history.lost().orElseThrow());
      }
      out.add(RoomFrames.recovery(room, recovered, position, reason));
    }
    finish(out, position);
  }

  /** History could not be read; {@code known} is where live delivery stands, null if nowhere. */
  void unavailable(StreamPosition known) {
    StreamPosition position = known;
    synchronized (this) {
      if (state != State.WAITING) {
        return;
      }
      state = State.FLUSHING;
      if (droppedUpTo != null && position != null
          && (!droppedUpTo.sameEpoch(position) || droppedUpTo.offset() > position.offset())) {
        position = droppedUpTo;
      }
    }
    List<OutboundMessage> out = new ArrayList<>();
    out.add(RoomFrames.recovery(room, false, position, "unavailable"));
    finish(out, position);
  }

  /** The client left the room: nothing more for it. */
  synchronized void cancel() {
    state = State.DONE;
    floor = null;
    buffer.clear();
  }

  private void finish(List<OutboundMessage> out, StreamPosition position) {
    StreamPosition last = position;
    while (true) {
      for (OutboundMessage frame : out) {
        client.send(frame);
      }
      out.clear();
      synchronized (this) {
        if (state != State.FLUSHING) {
          return; // cancelled meanwhile
        }
        Item item;
        while ((item = buffer.poll()) != null) {
          if (!item.gap() && last != null && atOrBefore(item.position(), last)) {
            continue;
          }
          out.add(item.frame());
          last = item.position();
        }
        if (out.isEmpty()) {
          state = State.DONE;
          floor = last;
          return;
        }
      }
    }
  }

  private static boolean atOrBefore(StreamPosition position, StreamPosition reference) {
    return position.sameEpoch(reference) && position.offset() <= reference.offset();
  }
}
