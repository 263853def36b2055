package dev.realtime.auth.jwt;

import dev.realtime.transport.Handshake;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Where a token travels in a WebSocket handshake, and the subprotocol to echo for it.
 *
 * <p>Browsers cannot set an {@code Authorization} header on a WebSocket, so a token comes either
 * in the query string ({@code /ws?token=…}) or as an offered subprotocol: {@code new
 * WebSocket(url, ["bearer", token])} sends {@code Sec-WebSocket-Protocol: bearer, <token>}, and
 * some clients send the token alone. The server must echo one offered entry or the browser
 * fails the connection; echoing {@code bearer} keeps the token out of the response.
 */
final class TokenSources {
  /** The subprotocol that announces "the next offered entry is a bearer token". */
  static final String BEARER = "bearer";

  // A compact JWS: three base64url parts. Anything else offered is a real subprotocol name.
  private static final Pattern COMPACT_JWS = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");

  private TokenSources() {}

  /** The token in the handshake: the query parameter first, then the subprotocol header. */
  static Optional<String> find(Handshake handshake, Optional<String> queryParameter, boolean subprotocol) {
    if (queryParameter.isPresent()) {
      Optional<String> fromQuery = handshake.query(queryParameter.get()).filter(token -> !token.isBlank());
      if (fromQuery.isPresent()) {
        return fromQuery;
      }
    }
    if (!subprotocol) {
      return Optional.empty();
    }
    return fromSubprotocols(offered(handshake.header("Sec-WebSocket-Protocol").orElse("")));
  }

  /** The token among offered subprotocols: the entry after {@code bearer}, else one shaped like a JWT. */
  static Optional<String> fromSubprotocols(List<String> offered) {
    for (int i = 0; i < offered.size(); i++) {
      if (offered.get(i).equalsIgnoreCase(BEARER)) {
        return i + 1 < offered.size() ? Optional.of(offered.get(i + 1)) : Optional.empty();
      }
    }
    return offered.stream().filter(TokenSources::looksLikeJwt).findFirst();
  }

  /** Picks the subprotocol to echo: {@code bearer} if offered, else the entry that is the token. */
  static Function<List<String>, Optional<String>> selector() {
    return offered -> {
      for (String entry : offered) {
        if (entry.equalsIgnoreCase(BEARER)) {
          return Optional.of(entry);
        }
      }
      return offered.stream().filter(TokenSources::looksLikeJwt).findFirst();
    };
  }

  static boolean looksLikeJwt(String text) {
    return COMPACT_JWS.matcher(text).matches();
  }

  private static List<String> offered(String header) {
    List<String> offered = new ArrayList<>();
    for (String part : header.split(",")) {
      if (!part.isBlank()) {
        offered.add(part.trim());
      }
    }
    return offered;
  }
}
