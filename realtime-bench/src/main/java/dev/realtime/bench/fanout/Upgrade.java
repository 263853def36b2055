package dev.realtime.bench.fanout;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.Random;

/** The HTTP/1.1 upgrade handshake of RFC 6455 §4, client side. */
final class Upgrade {
  private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
  private static final byte[] END_OF_HEADERS = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
  /** A response head larger than this is not a WebSocket server talking. */
  static final int MAX_RESPONSE_HEAD = 16 * 1024;

  private Upgrade() {}

  /** A fresh random {@code Sec-WebSocket-Key}. */
  static String newKey(Random random) {
    byte[] nonce = new byte[16];
    random.nextBytes(nonce);
    return Base64.getEncoder().encodeToString(nonce);
  }

  /** The {@code Sec-WebSocket-Accept} a conforming server answers to {@code key}. */
  static String expectedAccept(String key, MessageDigest sha1) {
    sha1.reset();
    byte[] digest = sha1.digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
    return Base64.getEncoder().encodeToString(digest);
  }

  /** A SHA-1 digest; every JVM has one. */
  static MessageDigest sha1() {
    try {
      return MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The GET request that asks to upgrade {@code target} (path and query) on {@code hostHeader}. */
  static ByteBuffer request(String hostHeader, String target, String key) {
    String request =
        "GET " + target + " HTTP/1.1\r\n"
            + "Host: " + hostHeader + "\r\n"
            + "Upgrade: websocket\r\n"
            + "Connection: Upgrade\r\n"
            + "Sec-WebSocket-Key: " + key + "\r\n"
            + "Sec-WebSocket-Version: 13\r\n"
            + "\r\n";
    return ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII));
  }

  /** Where the response head ends (just past the blank line) in {@code buffer}, or -1. */
  static int headEnd(ByteBuffer buffer) {
    int at = Probe.indexOf(buffer, buffer.position(), buffer.limit(), END_OF_HEADERS);
    return at < 0 ? -1 : at + END_OF_HEADERS.length;
  }

  /** Checks a response head; returns null if it accepts the upgrade, else why not. */
  static String verify(ByteBuffer buffer, int from, int to, String expectedAccept) {
    byte[] bytes = new byte[to - from];
    buffer.get(from, bytes);
    String[] lines = new String(bytes, StandardCharsets.ISO_8859_1).split("\r\n");
    String[] status = lines[0].split(" ", 3);
    if (status.length < 2 || !status[0].startsWith("HTTP/1.")) {
      return "not an HTTP response";
    }
    if (!status[1].equals("101")) {
      return "HTTP " + status[1];
    }
    String accept = null;
    boolean upgrade = false;
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon <= 0) {
        continue;
      }
      String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = lines[i].substring(colon + 1).trim();
      if (name.equals("sec-websocket-accept")) {
        accept = value;
      } else if (name.equals("upgrade")) {
        upgrade = value.equalsIgnoreCase("websocket");
      }
    }
    if (!upgrade) {
      return "no Upgrade: websocket header";
    }
    if (!expectedAccept.equals(accept)) {
      return "bad Sec-WebSocket-Accept";
    }
    return null;
  }
}
