package dev.realtime.examples.http;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.realtime.protocol.Json;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An HTTP response: status, content type, body and extra headers.
 *
 * @param status the status code
 * @param contentType the Content-Type header
 * @param body the body bytes
 * @param headers extra headers
 */
public record Response(int status, String contentType, byte[] body, Map<String, String> headers) {

  /** A JSON response. */
  public static Response json(int status, JsonElement body) {
    return new Response(
        status, "application/json; charset=utf-8", Json.encode(body).getBytes(StandardCharsets.UTF_8), Map.of());
  }

  /** A 200 JSON response. */
  public static Response json(JsonElement body) {
    return json(200, body);
  }

  /** A plain-text response. */
  public static Response text(int status, String contentType, String body) {
    return new Response(status, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of());
  }

  /** A JSON error {@code {"status":"error","message":…}}. */
  public static Response error(int status, String message) {
    JsonObject body = new JsonObject();
    body.addProperty("status", "error");
    body.addProperty("message", message);
    return json(status, body);
  }

  /** A copy with one more header. */
  public Response withHeader(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new Response(status, contentType, body, Map.copyOf(more));
  }
}
