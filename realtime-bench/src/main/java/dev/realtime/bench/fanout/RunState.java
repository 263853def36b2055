package dev.realtime.bench.fanout;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * What every thread of a run shares: the plan (who is in which room, who sends) and the live
 * counts of open connections that give each message its expected number of deliveries.
 *
 * <p>Client {@code i} is in room {@code i % rooms}; the senders are clients {@code 0..senders-1},
 * so they are spread over the rooms as evenly as the clients are.
 */
final class RunState {
  final Options options;
  /** The address and {@code Host} header of each node, by {@link Options#nodeOf}. */
  final InetSocketAddress[] addresses;
  final String[] hostHeaders;
  /** Timestamps in probes are nanoseconds since this instant, so they are never negative. */
  final long epochNanos = System.nanoTime();
  /** The wall clock at {@link #epochNanos}, to compare our send times with the server's timestamps. */
  final long epochWallNanos = wallNanos();
  final AtomicIntegerArray roomOpen;
  final AtomicInteger open = new AtomicInteger();
  /** When the measured phase began, in {@link #nanos()} time; per-second figures count from it. */
  volatile long measureStart = Long.MAX_VALUE;
  /** Analytics: the sequence number of the first measured event. */
  volatile long measureFromSeq = Long.MAX_VALUE;
  /** Connections that have opened or failed; the connect ramp waits on it. */
  final AtomicInteger settled = new AtomicInteger();

  /** When the first connection attempt started, in {@link #nanos()} time. */
  volatile long connectStart;

  RunState(Options options, InetAddress host) {
    this.options = options;
    this.addresses = new InetSocketAddress[options.nodes()];
    this.hostHeaders = new String[options.nodes()];
    for (int node = 0; node < options.nodes(); node++) {
      int port = options.ports().get(node);
      addresses[node] = new InetSocketAddress(host, port);
      hostHeaders[node] = options.host() + ":" + port;
    }
    this.roomOpen = new AtomicIntegerArray(options.rooms());
  }

  private static long wallNanos() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  /** Analytics: the words of a client's bit set of events, sized for the whole run. */
  int expectedEventWords() {
    double seconds = (options.warmup().toMillis() + options.duration().toMillis()) / 1000.0 + 1;
    return (int) Math.min(1 << 20, Math.ceil(options.rate() * seconds / 64) + 1);
  }

  /** Nanoseconds since the run began. */
  long nanos() {
    return System.nanoTime() - epochNanos;
  }

  /** The request target of client {@code index}. */
  String target(int index) {
    return options.path() + "?username=load" + index + "&room=room" + options.roomOf(index);
  }

  /** The room sender {@code sender} (a client index below {@code senders}) talks in. */
  int roomOfSender(int sender) {
    return options.roomOf(sender);
  }

  /** The sender's position among the senders of its room. */
  int senderSlot(int sender) {
    return sender / options.rooms();
  }

  /** How many senders talk in {@code room}. */
  int sendersIn(int room) {
    int senders = options.senders();
    return senders <= room ? 0 : (senders - room + options.rooms() - 1) / options.rooms();
  }

  void opened(LoadConnection connection) {
    roomOpen.incrementAndGet(connection.room);
    open.incrementAndGet();
    settled.incrementAndGet();
  }

  void openClosed(LoadConnection connection) {
    roomOpen.decrementAndGet(connection.room);
    open.decrementAndGet();
  }
}
