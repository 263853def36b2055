package dev.realtime.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.testing.transport.RawSocketClient;
import dev.realtime.testing.transport.RecordingListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Text is checked for UTF-8 across its fragments, on a real socket: a character split between
 * fragments is fine, invalid bytes in any fragment or a message ending inside a character close
 * with 1007, and binary messages are not checked.
 */
class FragmentedTextTest {
  private static final int TEXT = 0x1;
  private static final int BINARY = 0x2;
  private static final int CONTINUATION = 0x0;
  private static final int PING = 0x9;

  private NettyServer server;

  @BeforeEach
  void start() throws IOException {
    server = NettyServer.builder().host("127.0.0.1").port(0).route("/ws", RecordingListener.echo()).build().start();
  }

  @AfterEach
  void stop() throws InterruptedException {
    server.stop(Duration.ofSeconds(2));
  }

  @Test
  void aCharacterSplitBetweenFragmentsIsDeliveredWhole() throws IOException {
    byte[] text = "ok é 𝄞 €".getBytes(StandardCharsets.UTF_8);
    int inE = 4; // between the two bytes of é
    int inClef = 8; // after the second of the four bytes of 𝄞
    try (RawSocketClient raw = open()) {
      raw.sendFrame(TEXT, Arrays.copyOfRange(text, 0, inE), false);
      raw.sendFrame(CONTINUATION, Arrays.copyOfRange(text, inE, inClef), false);
      raw.sendFrame(PING, new byte[] {'p'}); // a control frame between fragments is allowed
      raw.sendFrame(CONTINUATION, Arrays.copyOfRange(text, inClef, text.length), true);
      RawSocketClient.Frame pong = raw.readFrame();
      assertThat(pong.opcode()).isEqualTo(0xA);
      RawSocketClient.Frame echo = raw.readFrame();
      assertThat(echo.opcode()).isEqualTo(TEXT);
      assertThat(new String(echo.payload(), StandardCharsets.UTF_8)).isEqualTo("ok é 𝄞 €");
    }
  }

  @Test
  void invalidBytesInALaterFragmentCloseWith1007() throws IOException {
    try (RawSocketClient raw = open()) {
      raw.sendFrame(TEXT, "fine so far".getBytes(StandardCharsets.UTF_8), false);
      raw.sendFrame(CONTINUATION, new byte[] {'a', (byte) 0xED, (byte) 0xA0, (byte) 0x80}, false); // a surrogate
      assertThat(raw.readUntilClose().closeCode()).isEqualTo(1007);
    }
  }

  @Test
  void aMessageEndingInsideACharacterClosesWith1007() throws IOException {
    try (RawSocketClient raw = open()) {
      raw.sendFrame(TEXT, "price: ".getBytes(StandardCharsets.UTF_8), false);
      raw.sendFrame(CONTINUATION, new byte[] {'9', (byte) 0xE2, (byte) 0x82}, true); // € without its last byte
      assertThat(raw.readUntilClose().closeCode()).isEqualTo(1007);
    }
  }

  @Test
  void aSingleTextFrameEndingInsideACharacterClosesWith1007() throws IOException {
    try (RawSocketClient raw = open()) {
      raw.sendFrame(TEXT, new byte[] {'a', (byte) 0xF0, (byte) 0x9D});
      assertThat(raw.readUntilClose().closeCode()).isEqualTo(1007);
    }
  }

  @Test
  void binaryMessagesAreNotChecked() throws IOException {
    byte[] notText = {(byte) 0xC0, (byte) 0x80, (byte) 0xFF};
    try (RawSocketClient raw = open()) {
      raw.sendFrame(BINARY, Arrays.copyOfRange(notText, 0, 1), false);
      raw.sendFrame(CONTINUATION, Arrays.copyOfRange(notText, 1, 3), true);
      RawSocketClient.Frame echo = raw.readFrame();
      assertThat(echo.opcode()).isEqualTo(BINARY);
      assertThat(echo.payload()).isEqualTo(notText);
      raw.sendFrame(TEXT, "after".getBytes(StandardCharsets.UTF_8));
      assertThat(new String(raw.readFrame().payload(), StandardCharsets.UTF_8)).isEqualTo("after");
    }
  }

  private RawSocketClient open() throws IOException {
    RawSocketClient raw = new RawSocketClient(server.port(), "/ws");
    assertThat(raw.readHandshakeResponse()).contains("101");
    return raw;
  }
}
