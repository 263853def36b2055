package dev.realtime.transport.netty;

import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts open WebSocket connections, in total and per remote address, so a handshake beyond a
 * limit is refused before anything is allocated for it.
 */
final class Limits {
  private final int maxConnections;
  private final int maxPerAddress;
  private final AtomicInteger total = new AtomicInteger();
  private final Map<InetAddress, Integer> perAddress = new ConcurrentHashMap<>();

  Limits(int maxConnections, int maxPerAddress) {
    this.maxConnections = maxConnections;
    this.maxPerAddress = maxPerAddress;
  }

  /** Takes a slot for {@code address}; false (and nothing taken) when a limit is reached. */
  boolean tryAcquire(InetAddress address) {
    if (total.incrementAndGet() > maxConnections) {
      total.decrementAndGet();
      return false;
    }
    if (address != null && perAddress.merge(address, 1, Integer::sum) > maxPerAddress) {
      release(address);
      return false;
    }
    return true;
  }

  /** Gives back a slot taken by {@link #tryAcquire}. */
  void release(InetAddress address) {
    total.decrementAndGet();
    if (address != null) {
      perAddress.computeIfPresent(address, (key, count) -> count <= 1 ? null : count - 1);
    }
  }

  int open() {
    return total.get();
  }
}
