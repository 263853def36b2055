package dev.realtime.transport;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The opening request of a connection: path, query parameters, headers and the peer's address.
 *
 * @param path the request path without the query, for example {@code /ws}
 * @param queryParameters decoded query parameters, each with its values in order
 * @param headers request headers by lower-case name ({@link #header} takes any case), without
 *     {@code Sec-WebSocket-Key}: the upgrade's one-time nonce, which only the transport reads
 * @param remoteAddress the peer's address as the transport saw it
 */
public record Handshake(
    String path,
    Map<String, List<String>> queryParameters,
    Map<String, String> headers,
    InetSocketAddress remoteAddress) {

  /** The one header left out: the upgrade's nonce, answered in the 101 and useless afterwards. */
  private static final String WEBSOCKET_KEY = "sec-websocket-key";

  /**
   * Validates and copies the parts. A server keeps the handshake of every open connection, often
   * tens of thousands, so what they share is held once: header names become lower case and, like
   * the path and the query parameter names, are interned (every connection sends the same few);
   * values are kept as sent. {@code Sec-WebSocket-Key} is dropped.
   */
  public Handshake {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(remoteAddress, "remoteAddress");
    path = path.intern();
    Map<String, List<String>> names = new HashMap<>();
    queryParameters.forEach((name, values) -> names.put(name.intern(), List.copyOf(values)));
    queryParameters = Map.copyOf(names);
    Map<String, String> lowerCase = new HashMap<>();
    headers.forEach((name, value) -> {
      String key = lowerCase(name);
      if (!key.equals(WEBSOCKET_KEY)) {
        lowerCase.merge(key, value, (a, b) -> a + "," + b);
      }
    });
    headers = Map.copyOf(lowerCase);
  }

  private static String lowerCase(String name) {
    return name.toLowerCase(Locale.ROOT).intern();
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
    String query = question < 0 ? "" : requestTarget.substring(question + 1);
    return new Handshake(
        path.isEmpty() ? "/" : path, QueryString.parse(query), headers, remoteAddress);
  }

  /** The first value of a query parameter, if present. */
  public Optional<String> query(String name) {
    List<String> values = queryParameters.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** A header's value, looked up case-insensitively. */
  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
  }
}
