package dev.realtime.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.examples.server.Transport;
import dev.realtime.testing.transport.WsTestClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The runnable jar exactly as README runs it ({@code java -jar
 * realtime-examples/target/realtime-examples.jar chat}), after the build shaded it: what the class
 * path of the other tests has and the jar may lack (resources, metadata shade drops) shows here;
 * and the terminal client through the same jar, scripted as README shows it.
 */
class ShadedJarIT {
  private static final Path JAR = Path.of("target", "realtime-examples.jar");
  private static final Pattern URL_LINE = Pattern.compile("^  (page|WebSocket|REST) +(\\S+)$");
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @ParameterizedTest
  @EnumSource(Transport.class)
  void theJarServesEveryAddressItsBannerNames(Transport transport) throws Exception {
    assertThat(JAR).exists();
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString(),
        "chat", "--host", "127.0.0.1", "--transport", transport.option()));
    command.addAll(transport == Transport.NETTY ? List.of("--port", "0") : List.of("--http-port", "0", "--ws-port", "0"));
    Path err = Files.createTempFile("shaded-jar", ".err");
    Process process = new ProcessBuilder(command).redirectError(err.toFile()).start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      List<String> banner = CompletableFuture.supplyAsync(() -> {
        List<String> lines = new ArrayList<>();
        try {
          for (String line = out.readLine(); line != null; line = out.readLine()) {
            lines.add(line);
            if (line.equals("Press Ctrl-C to stop.")) {
              break;
            }
          }
        } catch (Exception e) {
          lines.add("read failed: " + e);
        }
        return lines;
      }).get(60, TimeUnit.SECONDS);
      assertThat(banner).as("stdout; stderr: %s", Files.readString(err)).contains("Press Ctrl-C to stop.");

      List<String> urls = new ArrayList<>();
      for (String line : banner) {
        Matcher matcher = URL_LINE.matcher(line);
        if (matcher.matches()) {
          urls.add(matcher.group(2));
          if (matcher.group(1).equals("WebSocket")) {
            URI uri = URI.create(matcher.group(2));
            try (WsTestClient client = WsTestClient.connect(uri.getPort(), uri.getPath() + "?username=jar")) {
              client.send("{\"type\":\"message\",\"content\":\"from the jar test\"}");
            }
          } else {
            HttpResponse<String> response = get(matcher.group(2));
            assertThat(response.statusCode()).as(line).isEqualTo(200);
          }
        }
      }
      assertThat(urls).anyMatch(url -> url.endsWith("/monitoring")).anyMatch(url -> url.endsWith("/metrics"))
          .anyMatch(url -> url.endsWith("/stats")).anyMatch(url -> url.startsWith("ws://"));
      String page = urls.get(0);
      assertThat(page).endsWith("/");
      HttpResponse<String> chart = get(page + "static/vendor/chart.umd.js");
      assertThat(chart.statusCode()).isEqualTo(200);
      assertThat(chart.body()).contains("Chart.js v4");
      assertThat(get(page + "static/realtime-client.js").statusCode()).isEqualTo(200);

      // README's scripted terminal client, through the same jar: echo '{"type":"users"}' | … client URL
      String webSocket = urls.stream().filter(url -> url.startsWith("ws://")).findFirst().orElseThrow();
      Process client = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-jar", JAR.toString(), "client", webSocket + "?username=jar-client").start();
      try (OutputStream stdin = client.getOutputStream()) {
        stdin.write("{\"type\":\"users\"}\n".getBytes(StandardCharsets.UTF_8));
      }
      CompletableFuture<String> clientErr = CompletableFuture.supplyAsync(() -> read(client.getErrorStream()));
      String clientOut = read(client.getInputStream());
      assertThat(client.waitFor(60, TimeUnit.SECONDS)).as("the client ends at the end of its input").isTrue();
      assertThat(client.exitValue()).as(clientErr.get()).isZero();
      assertThat(clientOut.lines()).contains("users #general jar-client");
    } finally {
      process.destroy(); // SIGTERM: the shutdown hook stops the server gracefully
      assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
    }
    assertThat(Files.readString(err)).doesNotContain("Exception").doesNotContain("ERROR");
    Files.deleteIfExists(err);
  }

  private static String read(InputStream stream) {
    try {
      return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "read failed: " + e;
    }
  }

  private static HttpResponse<String> get(String url) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
