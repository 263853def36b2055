package dev.realtime.transport.netty.http;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An HTTP request as a {@link RestHandler} sees it: the body is already read and bounded.
 *
 * @param method the request method, upper case
 * @param path the decoded path without the query
 * @param query decoded query parameters, each with its values in order
 * @param headers request headers by lower-case name (repeated headers joined with commas)
 * @param body the request body, at most the server's limit
 * @param remoteAddress the peer's address
 */
public record RestRequest(
    String method,
    String path,
    Map<String, List<String>> query,
    Map<String, String> headers,
    byte[] body,
    InetSocketAddress remoteAddress) {

  /** Validates and copies the parts. */
  public RestRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    query = Map.copyOf(query);
    headers = Map.copyOf(headers);
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(remoteAddress, "remoteAddress");
  }

  /** The first value of a query parameter, if present. */
  public Optional<String> query(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** A header's value, looked up case-insensitively. */
  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
  }

  /** The body decoded as UTF-8. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
