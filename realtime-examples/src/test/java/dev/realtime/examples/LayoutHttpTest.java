package dev.realtime.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.realtime.examples.echo.EchoExample;
import dev.realtime.examples.http.Response;
import dev.realtime.examples.http.SecurityHeaders;
import dev.realtime.examples.http.WebServer;
import dev.realtime.examples.server.Transport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An example's HTTP registered once answers the same on both layouts: statuses, content types,
 * the security headers, bounded bodies, errors that leak nothing.
 */
class LayoutHttpTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** Registers one of each kind of route, as an example would. */
  private static final class Probe implements Example {
    @Override
    public void configure(ExampleContext context) {
      context.route("/ws", EchoExample.hub(context.hubBuilder())); // Java-WebSocket needs a route
      context.web().page("/", "web/echo/index.html");
      context.web().file("/probe.css", "web/static/common.css");
      context.web().route("/echo", request -> Response.text(200, "text/plain; charset=utf-8",
          request.method() + " " + request.path() + " " + request.query("q").orElse("-") + " " + request.bodyText()));
      context.web().route("/private", request -> Response.text(200, "text/plain", "secret")
          .withHeader("Cache-Control", "no-store"));
      context.web().route("/broken", request -> {
        throw new IllegalStateException("database password is hunter2");
      });
    }
  }

  private static HttpResponse<String> send(ExampleServer server, String method, String path, String body)
      throws Exception {
    HttpRequest.BodyPublisher publisher = body == null
        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body);
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path))
        .method(method, publisher).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void assertSecurityHeaders(HttpResponse<String> response, String cacheControl) {
    Map<String, String> expected = SecurityHeaders.all();
    expected.put("Cache-Control", cacheControl);
    expected.forEach((name, value) -> assertThat(response.headers().allValues(name))
        .as("%s on %s", name, response.uri()).containsExactly(value));
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void bothLayoutsAnswerTheSame(Transport transport) throws Exception {
    try (ExampleServer server = ExampleServer.start(LaunchOptions.ephemeral(transport, "probe"), new Probe())) {
      HttpResponse<String> page = send(server, "GET", "/", null);
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
      assertThat(page.body()).contains("<title>Echo");
      assertSecurityHeaders(page, "no-cache");
      assertThat(SecurityHeaders.CONTENT_SECURITY_POLICY).contains("script-src 'self'").doesNotContain("unsafe-inline")
          .contains("connect-src 'self' ws: wss:");

      HttpResponse<String> head = send(server, "HEAD", "/", null);
      assertThat(head.statusCode()).isEqualTo(200);
      assertThat(head.body()).isEmpty();

      for (String file : List.of("/probe.css", "/static/common.css")) {
        HttpResponse<String> css = send(server, "GET", file, null);
        assertThat(css.statusCode()).as(file).isEqualTo(200);
        assertThat(css.headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
        assertSecurityHeaders(css, "no-cache");
      }
      HttpResponse<String> script = send(server, "GET", "/static/realtime-client.js", null);
      assertThat(script.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");

      assertThat(send(server, "GET", "/echo?q=a%20b", null).body()).isEqualTo("GET /echo a b ");
      assertThat(send(server, "POST", "/echo", "{\"x\":1}").body()).isEqualTo("POST /echo - {\"x\":1}");

      HttpResponse<String> own = send(server, "GET", "/private", null);
      assertSecurityHeaders(own, "no-store");

      HttpResponse<String> broken = send(server, "GET", "/broken", null);
      assertThat(broken.statusCode()).isEqualTo(500);
      assertThat(broken.body()).contains("internal error").doesNotContain("hunter2");
      assertSecurityHeaders(broken, "no-cache");

      for (String missing : List.of("/nothing", "/static/nope.js", "/static/../web/static/chat.js", "/static/")) {
        HttpResponse<String> notFound = send(server, "GET", missing, null);
        assertThat(notFound.statusCode()).as(missing).isEqualTo(404);
        assertSecurityHeaders(notFound, "no-cache");
      }

      HttpResponse<String> post = send(server, "POST", "/static/common.css", "x");
      assertThat(post.statusCode()).isEqualTo(405);
      assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");

      HttpResponse<String> tooBig = send(server, "POST", "/echo", "x".repeat(WebServer.MAX_BODY_BYTES + 1));
      assertThat(tooBig.statusCode()).isEqualTo(413);
      assertThat(tooBig.body()).isEqualTo("{\"status\":\"error\",\"message\":\"request body exceeds 65536 bytes\"}");
      assertSecurityHeaders(tooBig, "no-cache");
      assertThat(send(server, "POST", "/echo", "x".repeat(WebServer.MAX_BODY_BYTES)).statusCode()).isEqualTo(200);
    }
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void aPathIsRegisteredOnce(Transport transport) {
    Example twice = context -> {
      context.web().route("/stats", request -> Response.text(200, "text/plain", "a"));
      context.web().page("/stats", "web/echo/index.html");
    };
    assertThatThrownBy(() -> ExampleServer.start(LaunchOptions.ephemeral(transport, "twice"), twice).close())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("/stats is already routed");
    Example clash = context -> context.web().route("/metrics", request -> Response.text(200, "text/plain", "mine"));
    assertThatThrownBy(() -> ExampleServer.start(LaunchOptions.ephemeral(transport, "clash"), clash).close())
        .hasMessageContaining("/metrics is already routed");
  }
}
