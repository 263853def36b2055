package dev.realtime.examples.http;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An HTTP request as the example endpoints see it: the body is already read and bounded.
 *
 * @param method the request method, upper case
 * @param path the decoded path
 * @param query decoded query parameters
 * @param headers request headers (names lower case)
 * @param body the request body, at most the server's limit
 */
public record Request(
    String method, String path, Map<String, List<String>> query, Map<String, String> headers, byte[] body) {

  /** The first value of a query parameter. */
  public Optional<String> query(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** A header, by case-insensitive name. */
  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
  }

  /** The body decoded as UTF-8. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
