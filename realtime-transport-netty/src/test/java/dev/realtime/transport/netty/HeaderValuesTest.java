package dev.realtime.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HeaderValuesTest {
  @Test
  void equalValuesOfCommonHeadersAreOneInstance() {
    HeaderValues shared = new HeaderValues();
    String first = shared.share("Host", new String("127.0.0.1:8080"));
    String second = shared.share("host", new String("127.0.0.1:8080"));
    assertThat(second).isSameAs(first);
    assertThat(shared.share("Upgrade", new String("websocket"))).isSameAs(shared.share("upgrade", "websocket"));
  }

  @Test
  void perClientHeadersAndLongValuesAreKeptAsSent() {
    HeaderValues shared = new HeaderValues();
    String key = new String("dGhlIHNhbXBsZSBub25jZQ==");
    assertThat(shared.share("Sec-WebSocket-Key", key)).isSameAs(key);
    String longAgent = "x".repeat(HeaderValues.MAX_LENGTH + 1);
    assertThat(shared.share("User-Agent", longAgent)).isSameAs(longAgent);
    assertThat(shared.size()).isZero();
  }

  @Test
  void distinctValuesCannotGrowItBeyondItsBound() {
    HeaderValues shared = new HeaderValues();
    for (int i = 0; i < HeaderValues.MAX_VALUES * 3; i++) {
      String origin = "http://site" + i + ".example";
      assertThat(shared.share("Origin", origin)).isEqualTo(origin);
    }
    assertThat(shared.size()).isEqualTo(HeaderValues.MAX_VALUES);
  }
}
