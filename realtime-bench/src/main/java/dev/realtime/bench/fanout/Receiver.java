package dev.realtime.bench.fanout;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;

/**
 * What a selector thread does with the frames it reads: reassemble fragments, answer pings and
 * closes, and classify, check and time every text frame into its {@link Tally}.
 */
final class Receiver implements ClientFrames.Sink {
  private final RunState run;
  private final Tally tally;
  private final Reactor io;
  private final Random random = new Random();
  private final Probe.Reading reading = new Probe.Reading();
  private final FeedReceiver feed;
  private int sampled;

  Receiver(RunState run, Tally tally, Reactor io) {
    this.run = run;
    this.tally = tally;
    this.io = io;
    this.feed = run.options.analytics() ? new FeedReceiver(run, tally, io) : null;
  }

  @Override
  public void frame(LoadConnection connection, boolean fin, int opcode, ByteBuffer buffer, int from, int to) {
    switch (opcode) {
      case ClientFrames.TEXT, ClientFrames.BINARY -> {
        if (fin) {
          if (opcode == ClientFrames.TEXT) {
            text(connection, buffer, from, to);
          } else {
            tally.otherFrames++;
          }
        } else {
          connection.fragmentOpcode = opcode;
          connection.fragments = new ByteArrayOutputStream();
          append(connection.fragments, buffer, from, to);
        }
      }
      case ClientFrames.CONTINUATION -> {
        if (connection.fragments == null) {
          throw new ClientFrames.ProtocolError("continuation without a first fragment");
        }
        append(connection.fragments, buffer, from, to);
        if (fin) {
          ByteBuffer whole = ByteBuffer.wrap(connection.fragments.toByteArray());
          connection.fragments = null;
          if (connection.fragmentOpcode == ClientFrames.TEXT) {
            text(connection, whole, 0, whole.limit());
          } else {
            tally.otherFrames++;
          }
        }
      }
      case ClientFrames.PING -> {
        byte[] payload = new byte[to - from];
        buffer.get(from, payload);
        tally.pingsAnswered++;
        io.send(connection, ClientFrames.masked(ClientFrames.PONG, payload, 0, payload.length, random));
      }
      case ClientFrames.PONG -> {
        // unsolicited pongs are allowed and mean nothing
      }
      case ClientFrames.CLOSE -> closeReceived(connection, to - from >= 2 ? buffer.getShort(from) & 0xFFFF : 1005);
      default -> throw new ClientFrames.ProtocolError("unknown opcode " + opcode);
    }
  }

  private void text(LoadConnection connection, ByteBuffer buffer, int from, int to) {
    if (feed != null) {
      feed.text(connection, buffer, from, to);
      return;
    }
    switch (Probe.read(buffer, from, to, reading)) {
      case PROBE -> {
        probe(connection);
        if (reading.phase == Probe.MEASURED && (++sampled & 15) == 0) {
          split(buffer, from, to);
        }
      }
      case OTHER_MESSAGE -> tally.otherMessages++;
      case ERROR -> {
        tally.errorFrames++;
        tally.errorCodes.merge(Probe.errorCode(buffer, from, to), 1L, Long::sum);
      }
      case USERS -> {
        tally.otherFrames++;
        if (!connection.listed) {
          // The first list tells that this client is in its room: the ramp is timed by the last one.
          connection.listed = true;
          tally.listed++;
          tally.lastListedNanos = Math.max(tally.lastListedNanos, io.now());
        }
      }
      case OTHER -> tally.otherFrames++;
    }
  }

  /** Splits one latency in two with the server's timestamp; sampled, since it parses a date. */
  private void split(ByteBuffer buffer, int from, int to) {
    long stamp = Probe.serverStamp(buffer, from, to);
    if (stamp > 0) {
      long stampNanos = stamp - run.epochWallNanos;
      tally.toServer.record((stampNanos - reading.nanos) / 1000);
      tally.fromServer.record((io.now() - stampNanos) / 1000);
    }
  }

  private void probe(LoadConnection connection) {
    int sender = reading.sender;
    if (sender >= run.options.senders() || run.roomOfSender(sender) != connection.room) {
      tally.misrouted++;
      return;
    }
    if (connection.lastSeq == null) {
      connection.lastSeq = new long[run.sendersIn(connection.room)];
      Arrays.fill(connection.lastSeq, -1);
    }
    int slot = run.senderSlot(sender);
    if (reading.seq <= connection.lastSeq[slot]) {
      tally.duplicates++;
      return;
    }
    connection.lastSeq[slot] = reading.seq;
    if (reading.phase == Probe.MEASURED) {
      long micros = (io.now() - reading.nanos) / 1000;
      tally.delivered++;
      tally.latency.record(micros);
      if (run.options.nodes() > 1) {
        (run.options.nodeOf(sender) == connection.node ? tally.sameNode : tally.otherNode).record(micros);
      }
      long second = (reading.nanos - run.measureStart) / 1_000_000_000L;
      if (second >= 0 && second < 86_400) {
        tally.recordSecond((int) second, micros);
      }
    } else {
      tally.warmupDelivered++;
    }
  }

  private void closeReceived(LoadConnection connection, int code) {
    connection.closeReceived = true;
    if (!connection.closeSent) {
      tally.serverClosed(code);
      connection.closeSent = true;
      // Echo the code, as RFC 6455 §5.5.1 asks, then drop the socket: the server closes it too.
      int echoed = code == 1005 || code == 1006 || code == 1015 ? 1000 : code;
      io.send(connection, ClientFrames.close(echoed, random));
    }
    io.finish(connection);
  }

  private static void append(ByteArrayOutputStream out, ByteBuffer buffer, int from, int to) {
    byte[] part = new byte[to - from];
    buffer.get(from, part);
    out.write(part, 0, part.length);
  }
}
