package dev.realtime.examples;

import dev.realtime.testing.junit.ServerExtension;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Plain HTTP requests to a running example's web port, for tests. */
public final class ExampleHttp {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private ExampleHttp() {}

  /** {@code GET path} with no Accept header. */
  public static HttpResponse<String> get(ServerExtension<?> server, String path) throws Exception {
    return get(server, path, null);
  }

  /** {@code GET path}, with {@code Accept: accept} unless it is null. */
  public static HttpResponse<String> get(ServerExtension<?> server, String path, String accept)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(server.httpUri(path));
    if (accept != null) {
      request.header("Accept", accept);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
