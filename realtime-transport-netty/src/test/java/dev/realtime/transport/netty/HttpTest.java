package dev.realtime.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.realtime.testing.junit.ServerExtension;
import dev.realtime.testing.transport.RecordingListener;
import dev.realtime.testing.transport.WsTestClient;
import dev.realtime.transport.netty.http.RestResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Plain HTTP on the WebSocket port: static files, REST, limits and the headers every answer has. */
class HttpTest {
  private final HttpClient http = HttpClient.newHttpClient();
  private final CountDownLatch release = new CountDownLatch(1);

  @RegisterExtension
  final ServerExtension<NettyServer> server = ServerExtension.of(this::start, NettyServer::port, running -> {
    release.countDown();
    running.stop(Duration.ofSeconds(2));
  });

  private NettyServer start() throws IOException {
    return NettyServer.builder().host("127.0.0.1").port(0).maxRequestBytes(1024)
        .route("/ws", RecordingListener.echo())
        .staticResources("/", "web/")
        .rest("/api/echo", request -> RestResponse.json(200,
            "{\"method\":\"" + request.method() + "\",\"q\":\"" + request.query("q").orElse("") + "\",\"body\":\""
                + request.bodyText() + "\"}"))
        .rest("/api/slow", request -> {
          release.await(10, TimeUnit.SECONDS);
          return RestResponse.plain(200, "slow done");
        })
        .restUnder("/api/items/", request -> RestResponse.plain(200, "items " + request.method() + " " + request.path()))
        .restUnder("/api/items/special/", request -> RestResponse.plain(200, "special " + request.path()))
        .rest("/api/items/exact", request -> RestResponse.plain(200, "exact"))
        .rest("/api/fail", request -> {
          throw new IllegalStateException("secret detail");
        })
        .build().start();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return server.httpUri(path);
  }

  @Test
  void servesStaticFilesWithTypesAndSecurityHeaders() throws Exception {
    HttpResponse<String> index = get("/");
    assertThat(index.statusCode()).isEqualTo(200);
    assertThat(index.body()).contains("<p>index</p>");
    assertThat(index.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
    assertThat(index.headers().firstValue("x-content-type-options")).hasValue("nosniff");
    assertThat(index.headers().firstValue("content-security-policy").orElseThrow()).contains("script-src 'self'");
    HttpResponse<String> script = get("/sub/app.js");
    assertThat(script.statusCode()).isEqualTo(200);
    assertThat(script.headers().firstValue("content-type")).hasValue("text/javascript; charset=utf-8");
    assertThat(get("/missing.html").statusCode()).isEqualTo(404);
    assertThat(get("/sub").statusCode()).isEqualTo(404);
    assertThat(get("/sub/").statusCode()).isEqualTo(404);
  }

  @Test
  void refusesEveryWayOutOfTheFolder() throws Exception {
    for (String path : new String[] {"/../secret.txt", "/%2e%2e/secret.txt", "/sub/../../secret.txt",
        "/sub/%2E%2E/%2E%2E/secret.txt", "//secret.txt", "/..%2fsecret.txt", "/sub%5c..%5c..%5csecret.txt"}) {
      assertThat(rawStatus("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
          .as(path).isIn(400, 404);
    }
  }

  @Test
  void answersRestWithQueryAndBodyAndHidesFailures() throws Exception {
    HttpResponse<String> echoed = http.send(HttpRequest.newBuilder(uri("/api/echo?q=a%20b"))
        .POST(HttpRequest.BodyPublishers.ofString("hello")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(echoed.statusCode()).isEqualTo(200);
    assertThat(echoed.body()).isEqualTo("{\"method\":\"POST\",\"q\":\"a b\",\"body\":\"hello\"}");
    assertThat(echoed.headers().firstValue("content-type")).hasValue("application/json; charset=utf-8");
    HttpResponse<String> failed = get("/api/fail");
    assertThat(failed.statusCode()).isEqualTo(500);
    assertThat(failed.body()).doesNotContain("secret");
  }

  @Test
  void aPrefixRouteAnswersEveryPathUnderItWhereNoExactRouteOrLongerPrefixDoes() throws Exception {
    assertThat(get("/api/items/42/parts").body()).isEqualTo("items GET /api/items/42/parts");
    assertThat(http.send(HttpRequest.newBuilder(uri("/api/items/7")).DELETE().build(),
        HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("items DELETE /api/items/7");
    assertThat(get("/api/items/special/1").body()).isEqualTo("special /api/items/special/1");
    assertThat(get("/api/items/exact").body()).isEqualTo("exact");
    assertThat(get("/api/items").statusCode()).isEqualTo(404);
    assertThatThrownBy(() -> NettyServer.builder().restUnder("/api/items", request -> null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aBodyOverTheLimitIs413() throws Exception {
    HttpResponse<String> big = http.send(HttpRequest.newBuilder(uri("/api/echo"))
        .POST(HttpRequest.BodyPublishers.ofString("b".repeat(2048))).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(big.statusCode()).isEqualTo(413);
  }

  @Test
  void aSlowHandlerNeverStallsSocketsOrOtherRequests() throws Exception {
    var slow = http.sendAsync(HttpRequest.newBuilder(uri("/api/slow")).build(), HttpResponse.BodyHandlers.ofString());
    try (WsTestClient client = WsTestClient.connect(server.port(), "/ws")) {
      client.send("while a handler waits");
      assertThat(client.nextText()).isEqualTo("while a handler waits");
    }
    assertThat(get("/").statusCode()).isEqualTo(200);
    assertThat(slow.isDone()).isFalse();
    release.countDown();
    assertThat(slow.get(10, TimeUnit.SECONDS).body()).isEqualTo("slow done");
  }

  @Test
  void aBusyPortIsAnIOExceptionNamingIt() {
    NettyServer second = NettyServer.builder().host("127.0.0.1").port(server.port())
        .route("/ws", RecordingListener.echo()).build();
    assertThatThrownBy(second::start).isInstanceOf(IOException.class)
        .hasMessageContaining("could not bind 127.0.0.1:" + server.port());
  }

  private int rawStatus(String request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(5_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      String status = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
      return Integer.parseInt(status.substring(9, 12));
    }
  }
}
