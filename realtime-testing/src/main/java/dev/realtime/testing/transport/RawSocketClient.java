package dev.realtime.testing.transport;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A hand-rolled WebSocket peer that can misbehave: never answer pings, send invalid UTF-8, stop
 * mid-frame, stop reading. Only for tests.
 */
public final class RawSocketClient implements AutoCloseable {
  /** The socket, for tests that shut it down halfway or read it themselves. */
  public final Socket socket;
  /** The socket's output. */
  public final OutputStream out;
  /** The socket's input. */
  public final DataInputStream in;

  /**
   * A frame read from the server.
   *
   * @param opcode the frame's opcode (0x1 text, 0x2 binary, 0x8 close, 0x9 ping …)
   * @param payload the frame's payload
   * @param rsv1 whether RSV1 was set: a compressed message under permessage-deflate (RFC 7692)
   */
  public record Frame(int opcode, byte[] payload, boolean rsv1) {
    /** The close code of a close frame (1005 when it has none). */
    public int closeCode() {
      return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
    }
  }

  /** Connects to {@code 127.0.0.1:port} and sends an upgrade request for {@code target}. */
  public RawSocketClient(int port, String target) throws IOException {
    this(port, target, 0);
  }

  /** Connects with a small receive buffer if {@code receiveBuffer} > 0, to stall sooner. */
  public RawSocketClient(int port, String target, int receiveBuffer) throws IOException {
    this(port, target, receiveBuffer, Map.of());
  }

  /**
   * Connects, adding {@code headers} to the upgrade request (an extension offer, an origin, a
   * {@code Sec-WebSocket-Version} other than the default 13); read what the server answered with
   * {@link #readHandshakeHead()}.
   */
  public RawSocketClient(int port, String target, Map<String, String> headers) throws IOException {
    this(port, target, 0, headers);
  }

  private RawSocketClient(int port, String target, int receiveBuffer, Map<String, String> headers)
      throws IOException {
    socket = new Socket();
    if (receiveBuffer > 0) {
      socket.setReceiveBufferSize(receiveBuffer);
    }
    socket.connect(new InetSocketAddress("127.0.0.1", port));
    socket.setSoTimeout(15_000);
    out = socket.getOutputStream();
    in = new DataInputStream(socket.getInputStream());
    byte[] nonce = new byte[16];
    ThreadLocalRandom.current().nextBytes(nonce);
    String request =
        "GET " + target + " HTTP/1.1\r\n"
            + "Host: 127.0.0.1:" + port + "\r\n"
            + "Upgrade: websocket\r\n"
            + "Connection: Upgrade\r\n"
            + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n";
    StringBuilder extra = new StringBuilder();
    headers.forEach((name, value) -> extra.append(name).append(": ").append(value).append("\r\n"));
    if (headers.keySet().stream().noneMatch("Sec-WebSocket-Version"::equalsIgnoreCase)) {
      extra.append("Sec-WebSocket-Version: 13\r\n");
    }
    out.write((request + extra + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  /** Reads the HTTP response head and returns its status line. */
  public String readHandshakeResponse() throws IOException {
    String text = readHandshakeHead();
    int end = text.indexOf("\r\n");
    return end < 0 ? text : text.substring(0, end);
  }

  /** Reads the HTTP response head: the status line and every header, up to the blank line. */
  public String readHandshakeHead() throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.write(b);
      matched = (b == '\r' || b == '\n') ? matched + 1 : 0;
    }
    return head.toString(StandardCharsets.US_ASCII);
  }

  /** Sends one masked frame with FIN set. */
  public void sendFrame(int opcode, byte[] payload) throws IOException {
    sendFrame(opcode, payload, true);
  }

  /** Sends one masked frame, the last of its message if {@code fin}. */
  public void sendFrame(int opcode, byte[] payload, boolean fin) throws IOException {
    sendRaw(encode((fin ? 0x80 : 0) | opcode, payload, true));
  }

  /** Encodes a frame with any first byte (FIN, RSV bits, opcode), masked or not. */
  public static byte[] encode(int firstByte, byte[] payload, boolean masked) {
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    frame.write(firstByte);
    int maskBit = masked ? 0x80 : 0;
    int length = payload.length;
    if (length < 126) {
      frame.write(maskBit | length);
    } else if (length <= 0xFFFF) {
      frame.write(maskBit | 126);
      frame.write(length >>> 8);
      frame.write(length);
    } else {
      frame.write(maskBit | 127);
      for (int shift = 56; shift >= 0; shift -= 8) {
        frame.write((int) ((long) length >>> shift));
      }
    }
    byte[] mask = new byte[4];
    ThreadLocalRandom.current().nextBytes(mask);
    if (masked) {
      frame.write(mask, 0, 4);
    }
    for (int i = 0; i < length; i++) {
      frame.write(masked ? payload[i] ^ mask[i % 4] : payload[i]);
    }
    return frame.toByteArray();
  }

  /** Writes bytes as they are. */
  public void sendRaw(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /** Reads one frame; returns null at end of stream. */
  public Frame readFrame() throws IOException {
    int first = in.read();
    if (first < 0) {
      return null;
    }
    int second = in.readUnsignedByte();
    long length = second & 0x7F;
    if (length == 126) {
      length = in.readUnsignedShort();
    } else if (length == 127) {
      length = in.readLong();
    }
    byte[] payload = new byte[(int) length];
    in.readFully(payload);
    return new Frame(first & 0x0F, payload, (first & 0x40) != 0);
  }

  /** Reads frames, skipping others, until a close frame or the end of the stream. */
  public Frame readUntilClose() throws IOException {
    Frame frame;
    while ((frame = readFrame()) != null) {
      if (frame.opcode() == 0x8) {
        return frame;
      }
    }
    return null;
  }

  /** Closes the socket without a close frame. */
  @Override
  public void close() throws IOException {
    socket.close();
  }
}
