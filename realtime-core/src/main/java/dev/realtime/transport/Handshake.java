package dev.realtime.transport;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The opening request of a connection: path, query parameters, headers and the peer's address.
 *
 * <p>A value: two handshakes are equal when their paths, query parameters (as maps), headers (as
 * maps) and remote addresses are. A server keeps the handshake of every open connection, often
 * tens of thousands, so it is stored compactly: names and values in one flat array instead of two
 * maps of lists (about 200 bytes less per connection); {@link #queryParameters()} and {@link
 * #headers()} build read-only maps when called, {@link #query} and {@link #header} look up without
 * building anything.
 */
public final class Handshake {
  /** The one header left out: the upgrade's nonce, answered in the 101 and useless afterwards. */
  private static final String WEBSOCKET_KEY = "sec-websocket-key";
  private static final String[] NO_ENTRIES = {};

  private final String path;
  // Query parameters first, a name once per value and in order, then the headers; name, value,
  // name, value… Names are interned. A parameter given with no value at all keeps its name with a
  // null value (only the public constructor can make one).
  private final String[] entries;
  // Where the headers begin in entries.
  private final int headersFrom;
  private final InetSocketAddress remoteAddress;

  /**
   * Validates and copies the parts. What handshakes share is held once: header names become lower
   * case and, like the path and the query parameter names, are interned (every connection sends the
   * same few); values are kept as sent, and headers whose names differ only in case are joined with
   * a comma. {@code Sec-WebSocket-Key} is dropped.
   *
   * @param path the request path without the query, for example {@code /ws}
   * @param queryParameters decoded query parameters, each with its values in order
   * @param headers request headers; any case
   * @param remoteAddress the peer's address as the transport saw it
   */
  public Handshake(
      String path,
      Map<String, List<String>> queryParameters,
      Map<String, String> headers,
      InetSocketAddress remoteAddress) {
    this(path, queryEntries(queryParameters), headers, remoteAddress);
  }

  private Handshake(String path, List<String> query, Map<String, String> headers, InetSocketAddress remoteAddress) {
    this.path = Objects.requireNonNull(path, "path").intern();
    this.remoteAddress = Objects.requireNonNull(remoteAddress, "remoteAddress");
    Map<String, String> lowerCase = new LinkedHashMap<>();
    headers.forEach((name, value) -> {
      String key = name.toLowerCase(Locale.ROOT).intern();
      if (!key.equals(WEBSOCKET_KEY)) {
        lowerCase.merge(key, Objects.requireNonNull(value, "header value"), (a, b) -> a + "," + b);
      }
    });
    int size = query.size() + 2 * lowerCase.size();
    String[] all = size == 0 ? NO_ENTRIES : query.toArray(new String[size]);
    int at = query.size();
    for (Map.Entry<String, String> header : lowerCase.entrySet()) {
      all[at++] = header.getKey();
      all[at++] = header.getValue();
    }
    this.entries = all;
    this.headersFrom = query.size();
  }

  private static List<String> queryEntries(Map<String, List<String>> parameters) {
    List<String> entries = new ArrayList<>();
    parameters.forEach((name, values) -> {
      String key = name.intern();
      if (values.isEmpty()) {
        entries.add(key);
        entries.add(null);
      }
      for (String value : values) {
        entries.add(key);
        entries.add(Objects.requireNonNull(value, "query value"));
      }
    });
    return entries;
  }

  /**
   * Builds a handshake from a request target such as {@code /ws?room=a%20b&user=x}.
   *
   * <p>Query parameters are percent-decoded as UTF-8; a malformed escape is kept literally.
   */
  public static Handshake of(
      String requestTarget, Map<String, String> headers, InetSocketAddress remoteAddress) {
    Objects.requireNonNull(requestTarget, "requestTarget");
    int question = requestTarget.indexOf('?');
    String path = question < 0 ? requestTarget : requestTarget.substring(0, question);
    List<String> query = new ArrayList<>();
    if (question >= 0) {
      QueryString.parse(requestTarget.substring(question + 1), (name, value) -> {
        query.add(name.intern());
        query.add(value);
      });
    }
    return new Handshake(path.isEmpty() ? "/" : path, query, headers, remoteAddress);
  }

  /** The request path without the query, for example {@code /ws}. */
  public String path() {
    return path;
  }

  /** Decoded query parameters, each with its values in order: a new read-only map, in the order sent. */
  public Map<String, List<String>> queryParameters() {
    Map<String, List<String>> grouped = new LinkedHashMap<>();
    for (int i = 0; i < headersFrom; i += 2) {
      List<String> values = grouped.computeIfAbsent(entries[i], name -> new ArrayList<>(1));
      if (entries[i + 1] != null) {
        values.add(entries[i + 1]);
      }
    }
    grouped.replaceAll((name, values) -> List.copyOf(values));
    return Collections.unmodifiableMap(grouped);
  }

  /**
   * Request headers by lower-case name ({@link #header} takes any case), without {@code
   * Sec-WebSocket-Key}, the upgrade's one-time nonce, which only the transport reads: a new
   * read-only map.
   */
  public Map<String, String> headers() {
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = headersFrom; i < entries.length; i += 2) {
      headers.put(entries[i], entries[i + 1]);
    }
    return Collections.unmodifiableMap(headers);
  }

  /** The peer's address as the transport saw it. */
  public InetSocketAddress remoteAddress() {
    return remoteAddress;
  }

  /** The first value of a query parameter, if present. */
  public Optional<String> query(String name) {
    Objects.requireNonNull(name, "name");
    for (int i = 0; i < headersFrom; i += 2) {
      if (entries[i].equals(name)) {
        return Optional.ofNullable(entries[i + 1]);
      }
    }
    return Optional.empty();
  }

  /** A header's value, looked up case-insensitively. */
  public Optional<String> header(String name) {
    String key = name.toLowerCase(Locale.ROOT);
    for (int i = headersFrom; i < entries.length; i += 2) {
      if (entries[i].equals(key)) {
        return Optional.of(entries[i + 1]);
      }
    }
    return Optional.empty();
  }

  /** Equal path, query parameters and headers (each compared as a map) and remote address. */
  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof Handshake that)) {
      return false;
    }
    return path.equals(that.path)
        && remoteAddress.equals(that.remoteAddress)
        && (Arrays.equals(entries, that.entries) && headersFrom == that.headersFrom
            || queryParameters().equals(that.queryParameters()) && headers().equals(that.headers()));
  }

  /** Consistent with {@link #equals}. */
  @Override
  public int hashCode() {
    return Objects.hash(path, queryParameters(), headers(), remoteAddress);
  }

  /** The parts, as a record would print them. */
  @Override
  public String toString() {
    return "Handshake[path=" + path + ", queryParameters=" + queryParameters() + ", headers=" + headers()
        + ", remoteAddress=" + remoteAddress + "]";
  }
}
