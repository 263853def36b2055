package dev.realtime.transport.netty;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One instance of each repeated value of the handshake headers that clients send alike ({@code
 * Host}, {@code Upgrade}, {@code Connection}, the version, {@code Origin}, {@code User-Agent} …),
 * shared by every handshake of a server: each open connection keeps its handshake, and without
 * this every one of them holds its own copies of the same strings (about 60 bytes each).
 *
 * <p>Bounded, so clients sending distinct values cannot grow it: at most {@link #MAX_VALUES}
 * values of at most {@link #MAX_LENGTH} characters are kept; anything else is used as it came.
 */
final class HeaderValues {
  static final int MAX_VALUES = 1_024;
  static final int MAX_LENGTH = 256;
  private static final Set<String> SHARED_NAMES = Set.of(
      "host", "upgrade", "connection", "sec-websocket-version", "sec-websocket-extensions", "origin",
      "user-agent", "accept-encoding", "accept-language", "cache-control", "pragma");

  private final Map<String, String> values = new ConcurrentHashMap<>();

  /** {@code value} of header {@code name}, or an equal string already held by another handshake. */
  String share(String name, String value) {
    if (value.length() > MAX_LENGTH || !SHARED_NAMES.contains(name.toLowerCase(Locale.ROOT))) {
      return value;
    }
    String known = values.get(value);
    if (known != null) {
      return known;
    }
    if (values.size() >= MAX_VALUES) {
      return value;
    }
    String previous = values.putIfAbsent(value, value);
    return previous == null ? value : previous;
  }

  int size() {
    return values.size();
  }
}
