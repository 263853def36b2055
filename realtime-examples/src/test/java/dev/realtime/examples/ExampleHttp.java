package dev.realtime.examples;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Plain HTTP requests to a running example's web port, for tests. */
public final class ExampleHttp {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private ExampleHttp() {}

  /** {@code GET path} with no Accept header. */
  public static HttpResponse<String> get(ExampleServer server, String path) throws Exception {
    return get(server, path, null);
  }

  /** {@code GET path}, with {@code Accept: accept} unless it is null. */
  public static HttpResponse<String> get(ExampleServer server, String path, String accept) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path));
    if (accept != null) {
      request.header("Accept", accept);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
