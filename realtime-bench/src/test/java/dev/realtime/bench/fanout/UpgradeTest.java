package dev.realtime.bench.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The tool's check of a server's response head (RFC 6455 §4.2.2; the example key of §1.3). */
class UpgradeTest {
  private static final String ACCEPT = Upgrade.expectedAccept("dGhlIHNhbXBsZSBub25jZQ==", Upgrade.sha1());

  private static String verify(String head) {
    byte[] bytes = ("xx" + head).getBytes(StandardCharsets.ISO_8859_1);
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    buffer.position(2);
    int end = Upgrade.headEnd(buffer);
    assertThat(end).isEqualTo(bytes.length);
    return Upgrade.verify(buffer, 2, end, ACCEPT);
  }

  @Test
  void theRfcExampleKeyGivesTheRfcAccept() {
    assertThat(ACCEPT).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
  }

  @Test
  void acceptsA101WithTheRightAcceptInAnyCaseAndSpacing() {
    assertThat(verify("HTTP/1.1 101 Switching Protocols\r\nupgrade: WebSocket\r\nConnection: Upgrade\r\n"
        + "SEC-WEBSOCKET-ACCEPT :  " + ACCEPT + " \r\n\r\n")).isNull();
    assertThat(verify("HTTP/1.1 101\r\nUpgrade: websocket\r\nSec-WebSocket-Accept: " + ACCEPT + "\r\n\r\n")).isNull();
  }

  @Test
  void namesWhatIsWrong() {
    assertThat(verify("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n")).isEqualTo("HTTP 403");
    assertThat(verify("SSH-2.0 hello\r\n\r\n")).isEqualTo("not an HTTP response");
    assertThat(verify("HTTP/1.1 101 Switching Protocols\r\nSec-WebSocket-Accept: " + ACCEPT + "\r\n\r\n"))
        .isEqualTo("no Upgrade: websocket header");
    assertThat(verify("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nSec-WebSocket-Accept: x\r\n\r\n"))
        .isEqualTo("bad Sec-WebSocket-Accept");
    assertThat(verify("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nX-Sec-WebSocket-Accept: " + ACCEPT
        + "\r\n\r\n")).isEqualTo("bad Sec-WebSocket-Accept");
  }
}
