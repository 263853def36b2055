package dev.realtime.examples.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The addresses the simulator derives from the URL it was given. */
class UrlsTest {

  @Test
  void parametersAreSetReplacingThoseOfTheSameNameAndKeepingTheRest() {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("username", "sim 1");
    values.put("room", "room-1");
    assertThat(Urls.with(URI.create("ws://h:1/ws"), values)).hasToString("ws://h:1/ws?username=sim%201&room=room-1");
    assertThat(Urls.with(URI.create("ws://h/ws?room=x&debug=1"), values))
        .hasToString("ws://h/ws?debug=1&username=sim%201&room=room-1");
  }

  @Test
  void tokensComeFromSlashTokenOnTheSameHostUnlessAnotherEndpointIsGiven() {
    assertThat(Urls.tokenEndpoint(URI.create("ws://h:8080/ws?x=1"), Optional.empty(), "ann"))
        .hasToString("http://h:8080/token?username=ann");
    assertThat(Urls.tokenEndpoint(URI.create("wss://h/ws"), Optional.empty(), "ann"))
        .hasToString("https://h/token?username=ann");
    assertThat(Urls.tokenEndpoint(URI.create("ws://h/ws"), Optional.of(URI.create("http://auth/t?username=old&k=v")), "a&b"))
        .hasToString("http://auth/t?k=v&username=a%26b");
  }
}
