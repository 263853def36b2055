package dev.realtime.bench.fanout;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
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
    // Line by line over the bytes: no regex split (one per connection showed in the connect profile).
    byte[] bytes = new byte[to - from];
    buffer.get(from, bytes);
    String head = new String(bytes, StandardCharsets.ISO_8859_1);
    int lineEnd = lineEnd(head, 0);
    String statusLine = head.substring(0, lineEnd);
    int space = statusLine.indexOf(' ');
    if (space < 0 || !statusLine.startsWith("HTTP/1.")) {
      return "not an HTTP response";
    }
    int codeEnd = statusLine.indexOf(' ', space + 1);
    String code = statusLine.substring(space + 1, codeEnd < 0 ? statusLine.length() : codeEnd);
    if (!code.equals("101")) {
      return "HTTP " + code;
    }
    String accept = null;
    boolean upgrade = false;
    for (int start = lineEnd + 2; start < head.length(); ) {
      int end = lineEnd(head, start);
      int colon = head.indexOf(':', start);
      if (colon > start && colon < end) {
        String value = head.substring(colon + 1, end).trim();
        if (nameIs(head, start, colon, "sec-websocket-accept")) {
          accept = value;
        } else if (nameIs(head, start, colon, "upgrade")) {
          upgrade = value.equalsIgnoreCase("websocket");
        }
      }
      start = end + 2;
    }
    if (!upgrade) {
      return "no Upgrade: websocket header";
    }
    if (!expectedAccept.equals(accept)) {
      return "bad Sec-WebSocket-Accept";
    }
    return null;
  }

  private static int lineEnd(String head, int from) {
    int end = head.indexOf("\r\n", from);
    return end < 0 ? head.length() : end;
  }

  /** Whether the header name in {@code head[start, colon)}, trimmed, is {@code name} in any case. */
  private static boolean nameIs(String head, int start, int colon, String name) {
    while (start < colon && head.charAt(start) == ' ') {
      start++;
    }
    while (colon > start && head.charAt(colon - 1) == ' ') {
      colon--;
    }
    return colon - start == name.length() && head.regionMatches(true, start, name, 0, name.length());
  }
}
