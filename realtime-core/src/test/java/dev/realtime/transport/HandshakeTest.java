package dev.realtime.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HandshakeTest {
  private static final InetSocketAddress ADDRESS = InetSocketAddress.createUnresolved("1.2.3.4", 5);

  @Test
  void splitsPathAndDecodesQuery() {
    Handshake handshake =
        Handshake.of("/ws?username=J%C3%BCrgen+K&room=a%26b&flag&x=1&x=2", Map.of("Origin", "http://h"), ADDRESS);
    assertThat(handshake.path()).isEqualTo("/ws");
    assertThat(handshake.query("username")).hasValue("Jürgen K");
    assertThat(handshake.query("room")).hasValue("a&b");
    assertThat(handshake.query("flag")).hasValue("");
    assertThat(handshake.queryParameters().get("x")).isEqualTo(List.of("1", "2"));
    assertThat(handshake.query("missing")).isEmpty();
    assertThat(handshake.header("origin")).hasValue("http://h");
  }

  @Test
  void keepsMalformedEscapesLiterally() {
    Handshake handshake = Handshake.of("/ws?a=%zz%4&b=%", Map.of(), ADDRESS);
    assertThat(handshake.query("a")).hasValue("%zz%4");
    assertThat(handshake.query("b")).hasValue("%");
  }

  @Test
  void emptyPathBecomesRoot() {
    assertThat(Handshake.of("?a=1", Map.of(), ADDRESS).path()).isEqualTo("/");
  }

  @Test
  void dropsTheWebSocketKeyAndKeepsTheOtherHeaders() {
    Handshake handshake = Handshake.of("/ws",
        Map.of("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version", "13", "Host", "h"), ADDRESS);
    assertThat(handshake.header("sec-websocket-key")).isEmpty();
    assertThat(handshake.headers()).containsOnlyKeys("sec-websocket-version", "host");
    assertThat(handshake.header("Sec-WebSocket-Version")).hasValue("13");
  }

  @Test
  void handshakesShareThePathAndTheNamesTheySendAlike() {
    // Built from distinct strings, as two requests parsed apart would be.
    Handshake first = Handshake.of(new String("/ws?room=a&user=x"), Map.of(new String("Origin"), "o"), ADDRESS);
    Handshake second = Handshake.of(new String("/ws?room=b&user=y"), Map.of(new String("ORIGIN"), "o"), ADDRESS);
    assertThat(second.path()).isSameAs(first.path());
    assertThat(names(second.queryParameters())).containsExactlyInAnyOrderElementsOf(List.of("room", "user"));
    for (String name : names(second.queryParameters())) {
      assertThat(name).isSameAs(names(first.queryParameters()).stream().filter(name::equals).findFirst().orElseThrow());
    }
    assertThat(second.headers().keySet().iterator().next()).isSameAs(first.headers().keySet().iterator().next());
    assertThat(second.query("room")).hasValue("b");
  }

  @Test
  void keepsEveryValueOfARepeatedParameterInOrder() {
    Handshake handshake = Handshake.of("/ws?x=1&y=2&x=3&&x", Map.of(), ADDRESS);
    assertThat(handshake.queryParameters()).containsExactly(
        Map.entry("x", List.of("1", "3", "")), Map.entry("y", List.of("2")));
    assertThat(handshake.query("x")).hasValue("1");
    assertThat(handshake.query("y")).hasValue("2");
  }

  @Test
  void looksHeadersUpInAnyCaseAndJoinsNamesThatDifferOnlyInCase() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("X-Forwarded-For", "1.1.1.1");
    headers.put("x-forwarded-for", "2.2.2.2");
    headers.put("Host", "h");
    Handshake handshake = Handshake.of("/ws?host=q", headers, ADDRESS);
    assertThat(handshake.header("X-FORWARDED-FOR")).hasValue("1.1.1.1,2.2.2.2");
    assertThat(handshake.header("host")).hasValue("h");
    assertThat(handshake.header("HOST")).hasValue("h");
    assertThat(handshake.header("room")).isEmpty();
    // Query names and header names are looked up apart, though stored together.
    assertThat(handshake.query("host")).hasValue("q");
    assertThat(handshake.query("x-forwarded-for")).isEmpty();
    assertThat(handshake.headers()).containsExactly(
        Map.entry("x-forwarded-for", "1.1.1.1,2.2.2.2"), Map.entry("host", "h"));
  }

  @Test
  void theMapsAreReadOnly() {
    Handshake handshake = Handshake.of("/ws?a=1", Map.of("Host", "h"), ADDRESS);
    assertThatThrownBy(() -> handshake.queryParameters().put("b", List.of("2")))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> handshake.queryParameters().get("a").add("3"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> handshake.headers().remove("host")).isInstanceOf(UnsupportedOperationException.class);
    assertThat(handshake.query("a")).hasValue("1");
    assertThat(handshake.header("host")).hasValue("h");
  }

  @Test
  void aParameterGivenWithoutValuesIsKeptButHasNoFirstValue() {
    Handshake handshake = new Handshake("/ws", Map.of("empty", List.of()), Map.of(), ADDRESS);
    assertThat(handshake.queryParameters()).containsExactly(Map.entry("empty", List.of()));
    assertThat(handshake.query("empty")).isEmpty();
  }

  @Test
  void equalWhenTheMapsAreEqualWhateverTheOrderTheyCameIn() {
    Handshake parsed = Handshake.of("/ws?a=1&b=2&a=3", Map.of("Host", "h", "Origin", "o"), ADDRESS);
    Map<String, List<String>> query = new LinkedHashMap<>();
    query.put("b", List.of("2"));
    query.put("a", List.of("1", "3"));
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("origin", "o");
    headers.put("HOST", "h");
    Handshake built = new Handshake("/ws", query, headers, ADDRESS);
    assertThat(built).isEqualTo(parsed).hasSameHashCodeAs(parsed);
    assertThat(parsed).isEqualTo(built);
    assertThat(Handshake.of("/ws?a=3&a=1&b=2", Map.of("Host", "h", "Origin", "o"), ADDRESS)).isNotEqualTo(parsed);
    assertThat(Handshake.of("/ws?a=1&b=2&a=3", Map.of("Host", "h"), ADDRESS)).isNotEqualTo(parsed);
    assertThat(Handshake.of("/wss?a=1&b=2&a=3", Map.of("Host", "h", "Origin", "o"), ADDRESS)).isNotEqualTo(parsed);
    assertThat(Handshake.of("/ws?a=1&b=2&a=3", Map.of("Host", "h", "Origin", "o"),
        InetSocketAddress.createUnresolved("1.2.3.4", 6))).isNotEqualTo(parsed);
    assertThat(parsed).isNotEqualTo(null).isNotEqualTo("/ws");
  }

  @Test
  void printsItsPartsAsARecordWould() {
    Handshake handshake = Handshake.of("/ws?a=1", Map.of("Host", "h"), ADDRESS);
    assertThat(handshake).hasToString(
        "Handshake[path=/ws, queryParameters={a=[1]}, headers={host=h}, remoteAddress=" + ADDRESS + "]");
  }

  @Test
  void rejectsNulls() {
    assertThatThrownBy(() -> Handshake.of(null, Map.of(), ADDRESS)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> Handshake.of("/ws", Map.of(), null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new Handshake(null, Map.of(), Map.of(), ADDRESS)).isInstanceOf(NullPointerException.class);
    Map<String, String> nullValue = new HashMap<>();
    nullValue.put("Host", null);
    assertThatThrownBy(() -> Handshake.of("/ws", nullValue, ADDRESS)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new Handshake("/ws", Map.of("a", Arrays.asList("1", null)), Map.of(), ADDRESS))
        .isInstanceOf(NullPointerException.class);
    Handshake handshake = Handshake.of("/ws", Map.of(), ADDRESS);
    assertThatThrownBy(() -> handshake.query(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> handshake.header(null)).isInstanceOf(NullPointerException.class);
  }

  private static List<String> names(Map<String, List<String>> parameters) {
    return List.copyOf(parameters.keySet());
  }
}
