package dev.realtime.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
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

  private static List<String> names(Map<String, List<String>> parameters) {
    return List.copyOf(parameters.keySet());
  }
}
