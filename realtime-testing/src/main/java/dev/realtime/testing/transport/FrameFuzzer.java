package dev.realtime.testing.transport;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends seeded random and mutated WebSocket frames (and some HTTP garbage) over many connections:
 * truncated and bit-flipped JSON, invalid UTF-8, oversized frames, reserved bits and opcodes,
 * continuations without a start, and frames cut off mid-header. The conformance suite runs it
 * against a bare transport; a transport's own tests can run it against a full hub.
 */
public final class FrameFuzzer {
  private static final String[] VALID = {
    "{\"type\":\"echo\",\"content\":\"hello\"}",
    "{\"type\":\"join\",\"room\":\"r1\"}",
    "{\"type\":\"say\",\"room\":\"r1\",\"content\":\"hi all\",\"id\":7}",
    "{\"type\":\"echo\",\"content\":\"ünïcødé ✓ 👋\"}",
  };

  private FrameFuzzer() {}

  /**
   * Sends {@code budget} frames to {@code 127.0.0.1:port + target} over as many connections as
   * the server leaves open, counting them in {@code sent}; the same seed sends the same frames.
   */
  public static void fuzz(int port, String target, SplittableRandom random, int budget, AtomicInteger sent)
      throws InterruptedException {
    while (budget > 0) {
      try (RawSocketClient client = new RawSocketClient(port, target)) {
        if (!client.readHandshakeResponse().contains("101")) {
          continue;
        }
        Thread drain = drain(client.in);
        int burst = 1 + random.nextInt(200);
        try {
          for (int i = 0; i < burst && budget > 0; i++, budget--) {
            client.sendRaw(nextFrame(random));
            sent.incrementAndGet();
          }
          if (random.nextInt(4) == 0) {
            // stop mid-frame: a header promising more than we send
            client.sendRaw(new byte[] {(byte) 0x81, (byte) (0x80 | 100), 1, 2, 3, 4, 'x'});
          }
        } catch (IOException closedByServer) {
          // the server closed this connection for a protocol violation: expected, start another
        }
        client.socket.shutdownOutput();
        drain.join(5_000);
      } catch (IOException refused) {
        // a connection refused or reset is a valid answer to garbage
      }
      if (random.nextInt(10) == 0) {
        sendHttpGarbage(port, random);
        sent.incrementAndGet();
        budget--;
      }
    }
  }

  private static byte[] nextFrame(SplittableRandom random) {
    byte[] text = utf8(VALID[random.nextInt(VALID.length)]);
    return switch (random.nextInt(15)) {
      case 0 -> RawSocketClient.encode(0x81, text, true);
      case 1 -> RawSocketClient.encode(0x81, Arrays.copyOf(text, random.nextInt(text.length)), true);
      case 2 -> RawSocketClient.encode(0x81, flipBytes(text, random), true);
      case 3 -> RawSocketClient.encode(0x81, randomBytes(random, random.nextInt(300)), true);
      case 4 -> RawSocketClient.encode(0x81, utf8("[".repeat(300 + random.nextInt(5000))), true);
      case 5 -> RawSocketClient.encode(0x82, randomBytes(random, random.nextInt(100)), true);
      case 6 -> RawSocketClient.encode(0x81, new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'}, true);
      case 7 -> RawSocketClient.encode(0x81, randomBytes(random, 17 * 1024), true);
      case 8 -> RawSocketClient.encode(0x00, text, true);
      case 9 -> RawSocketClient.encode(0x01, text, true); // a first fragment, never finished
      case 10 -> RawSocketClient.encode(0x80 | (1 << (4 + random.nextInt(3))) | 0x1, text, true);
      case 11 -> RawSocketClient.encode(0x80 | (3 + random.nextInt(5)), text, true);
      case 12 -> RawSocketClient.encode(0x81, text, false); // unmasked client frame
      case 13 -> RawSocketClient.encode(0x88, randomBytes(random, random.nextInt(20)), true);
      default -> RawSocketClient.encode(0x89, randomBytes(random, random.nextInt(126)), true);
    };
  }

  private static byte[] flipBytes(byte[] bytes, SplittableRandom random) {
    byte[] copy = bytes.clone();
    for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
      copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
    }
    return copy;
  }

  private static byte[] randomBytes(SplittableRandom random, int length) {
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) {
      bytes[i] = (byte) random.nextInt(256);
    }
    return bytes;
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static void sendHttpGarbage(int port, SplittableRandom random) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(5_000);
      byte[] garbage = random.nextBoolean()
          ? utf8("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
          : randomBytes(random, 1 + random.nextInt(512));
      socket.getOutputStream().write(garbage);
      socket.shutdownOutput();
      InputStream in = socket.getInputStream();
      while (in.read() >= 0) {
        // read until the server closes
      }
    } catch (IOException e) {
      // reset by the server: fine
    }
  }

  private static Thread drain(InputStream in) {
    Thread thread = new Thread(() -> {
      byte[] buffer = new byte[8192];
      try {
        while (in.read(buffer) >= 0) {
          // discard
        }
      } catch (IOException e) {
        // closed
      }
    }, "fuzz-drain");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }
}
