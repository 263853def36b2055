package dev.realtime.bench.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Drives the tool against a hand-written server that sends what Java-WebSocket never does:
 * fragmented messages with a ping between the fragments, a 64-bit length, an application close code.
 */
class ProtocolEdgesTest {

  @Test
  void handlesFragmentsInterleavedPing64BitLengthAndServerClose() throws Exception {
    try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      CompletableFuture<Integer> pongOpcode = CompletableFuture.supplyAsync(() -> serve(listener));
      Options options =
          Options.parse("idle", "--port", Integer.toString(listener.getLocalPort()), "--clients", "1",
              // the server's close must arrive within the hold: seconds, not 1.5, on a loaded machine
              "--rooms", "1", "--hold", "3s");

      Report report =
          FanOut.run(options, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
              new ByteArrayInputStream(new byte[0]));

      assertThat(report.connected).isEqualTo(1);
      assertThat(report.otherFrames).isEqualTo(2); // the reassembled join and the long users frame
      assertThat(report.errorFrames).isEqualTo(1);
      assertThat(report.errorCodes).containsEntry("x", 1L);
      assertThat(report.pingsAnswered).isEqualTo(1);
      assertThat(report.serverCloses).containsEntry(4001, 1L);
      assertThat(pongOpcode.get(5, TimeUnit.SECONDS)).isEqualTo(0x8A); // FIN + pong, as sent by the tool
    }
  }

  /** Accepts one client, upgrades it, sends the edge cases and returns the first byte it answered. */
  private static int serve(ServerSocket listener) {
    try (Socket socket = listener.accept()) {
      InputStream in = socket.getInputStream();
      String key = null;
      StringBuilder line = new StringBuilder();
      for (int b; (b = in.read()) >= 0; ) {
        if (b != '\n') {
          line.append((char) b);
          continue;
        }
        String header = line.toString().trim();
        line.setLength(0);
        if (header.isEmpty()) {
          break;
        }
        if (header.toLowerCase().startsWith("sec-websocket-key:")) {
          key = header.substring(header.indexOf(':') + 1).trim();
        }
      }
      DataOutputStream out = new DataOutputStream(socket.getOutputStream());
      out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
              + "Sec-WebSocket-Accept: " + Upgrade.expectedAccept(key, Upgrade.sha1()) + "\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      frame(out, 0x01, "{\"type\":\"jo");               // text, not final
      frame(out, 0x89, "are you there");                // ping between the fragments
      frame(out, 0x80, "in\",\"content\":\"x\"}");      // final continuation
      byte[] users = ("{\"type\":\"users\",\"users\":[\"" + "u".repeat(70_000) + "\"]}").getBytes(StandardCharsets.US_ASCII);
      out.write(0x81);
      out.write(127);
      out.writeLong(users.length);
      out.write(users);
      frame(out, 0x81, "{\"type\":\"error\",\"code\":\"x\",\"message\":\"y\"}");
      out.flush();
      int answered = in.read();
      Thread.sleep(300);
      out.write(new byte[] {(byte) 0x88, 2, 0x0F, (byte) 0xA1}); // close 4001
      out.flush();
      in.readAllBytes(); // until the tool closes
      return answered;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void frame(OutputStream out, int first, String payload) throws java.io.IOException {
    byte[] bytes = payload.getBytes(StandardCharsets.US_ASCII);
    out.write(first);
    out.write(bytes.length);
    out.write(bytes);
  }
}
