package dev.realtime.examples.tools;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The addresses the simulator derives: each user's connect URL and its token endpoint. */
final class Urls {
  private Urls() {}

  /** {@code url} with {@code values} as query parameters, replacing those of the same names. */
  static URI with(URI url, Map<String, String> values) {
    List<String> pairs = new ArrayList<>();
    String query = url.getRawQuery();
    if (query != null) {
      for (String pair : query.split("&")) {
        int equals = pair.indexOf('=');
        String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
        if (!pair.isEmpty() && !values.containsKey(name)) {
          pairs.add(pair);
        }
      }
    }
    values.forEach((name, value) -> pairs.add(encode(name) + "=" + encode(value)));
    String text = url.toString();
    int cut = text.indexOf('?') >= 0 ? text.indexOf('?') : text.indexOf('#') >= 0 ? text.indexOf('#') : text.length();
    return URI.create(text.substring(0, cut) + "?" + String.join("&", pairs));
  }

  /**
   * Where {@code user}'s token comes from: {@code given} if set, else {@code /token} on the
   * WebSocket URL's host over HTTP(S), as the chat's {@code --auth} mode serves it on one port.
   */
  static URI tokenEndpoint(URI webSocket, Optional<URI> given, String user) {
    URI base = given.orElseGet(() -> URI.create(
        (webSocket.getScheme().equals("wss") ? "https" : "http") + "://" + webSocket.getRawAuthority() + "/token"));
    return with(base, Map.of("username", user));
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
