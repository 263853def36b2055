package dev.realtime.transport.netty.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link RestHandler} answers: status, content type, body and extra headers.
 *
 * <p>The server adds {@code Content-Length} and its security headers ({@code nosniff}, the content
 * security policy) to every response; {@code headers} may override the latter.
 *
 * @param status the HTTP status (100–599)
 * @param contentType the {@code Content-Type} header
 * @param body the body bytes
 * @param headers extra response headers
 */
public record RestResponse(int status, String contentType, byte[] body, Map<String, String> headers) {

  /** Validates and copies the parts. */
  public RestResponse {
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("status out of range: " + status);
    }
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(body, "body");
    headers = Map.copyOf(headers);
  }

  /** A text response of any content type, encoded as UTF-8. */
  public static RestResponse text(int status, String contentType, String body) {
    return new RestResponse(status, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of());
  }

  /** A {@code text/plain} response. */
  public static RestResponse plain(int status, String body) {
    return text(status, "text/plain; charset=utf-8", body);
  }

  /** An {@code application/json} response from already encoded JSON text. */
  public static RestResponse json(int status, String json) {
    return text(status, "application/json; charset=utf-8", json);
  }

  /** A copy with one more header. */
  public RestResponse withHeader(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
    return new RestResponse(status, contentType, body, more);
  }
}
