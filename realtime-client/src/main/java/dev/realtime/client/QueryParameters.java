package dev.realtime.client;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and sets query parameters of a URI without disturbing the others: the URL the application
 * gave is kept byte for byte, and only the parameters set here are replaced or appended.
 */
final class QueryParameters {
  private QueryParameters() {}

  /** The first value of {@code name} in {@code uri}'s query, percent-decoded. */
  static Optional<String> first(URI uri, String name) {
    String query = uri.getRawQuery();
    if (query == null) {
      return Optional.empty();
    }
    for (String pair : query.split("&")) {
      int equals = pair.indexOf('=');
      String key = decode(equals < 0 ? pair : pair.substring(0, equals));
      if (key.equals(name)) {
        return Optional.of(equals < 0 ? "" : decode(pair.substring(equals + 1)));
      }
    }
    return Optional.empty();
  }

  /** {@code uri} with each of {@code values} set: existing ones of those names removed, the new ones appended. */
  static URI with(URI uri, Map<String, String> values) {
    List<String> kept = new ArrayList<>();
    String query = uri.getRawQuery();
    if (query != null) {
      for (String pair : query.split("&")) {
        int equals = pair.indexOf('=');
        String key = decode(equals < 0 ? pair : pair.substring(0, equals));
        if (!pair.isEmpty() && !values.containsKey(key)) {
          kept.add(pair);
        }
      }
    }
    values.forEach((key, value) -> kept.add(encode(key) + "=" + encode(value)));
    String text = uri.toString();
    int cut = text.indexOf('?');
    int fragment = text.indexOf('#');
    String head = cut >= 0 ? text.substring(0, cut) : fragment >= 0 ? text.substring(0, fragment) : text;
    return URI.create(head + (kept.isEmpty() ? "" : "?" + String.join("&", kept)));
  }

  private static String decode(String text) {
    try {
      // Percent-decoding only: a '+' in a URL's query is a plus, as the server reads it.
      return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      return text;
    }
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
