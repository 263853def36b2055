package dev.realtime.bench.fanout;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;

/**
 * One simulated client: its socket and the little state its selector thread keeps for it.
 *
 * <p>Only its selector thread touches the mutable fields, except {@link #state}, which senders read
 * to skip connections that are not open. Input is read into the selector's shared buffer; only the
 * bytes of an incomplete frame are kept here, so an idle connection holds no buffer at all.
 */
final class LoadConnection {
  enum State {
    NEW,
    CONNECTING,
    HANDSHAKING,
    OPEN,
    CLOSING,
    CLOSED,
    FAILED
  }

  final int index;
  final int room;
  /** The node it connects to, an index into {@link RunState#addresses}. */
  final int node;
  final String target;
  volatile State state = State.NEW;

  SocketChannel channel;
  SelectionKey key;
  long startedNanos;
  String expectedAccept;
  /** The bytes of an incomplete frame (or response head), in write mode; null when none. */
  ByteBuffer pending;
  /** How many bytes {@link #pending} must reach before it can be parsed. */
  int required;
  /** Frames waiting for the socket to accept them; null while nothing waits. */
  ArrayDeque<ByteBuffer> outbound;
  /** The opcode and parts of a fragmented message being reassembled; null when none. */
  ByteArrayOutputStream fragments;
  int fragmentOpcode;
  /** The last sequence number seen from each sender of this room, by the sender's slot. */
  long[] lastSeq;
  /** Whether the room's user list ({@code "type":"users"}) has arrived. */
  boolean listed;
  /** Analytics: a bit per event sequence number received; null until the first event. */
  long[] seen;
  /** Analytics: the highest sequence number received so far. */
  long lastEvent = -1;
  /** Analytics: measured events received, each once. */
  long measuredEvents;
  boolean closeSent;
  boolean closeReceived;

  LoadConnection(int index, int room, int node, String target) {
    this.index = index;
    this.room = room;
    this.node = node;
    this.target = target;
  }

  boolean isOpen() {
    return state == State.OPEN;
  }
}
