package dev.realtime.bench.fanout;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Clients that complete the WebSocket handshake into chat rooms and then never read again, like
 * browsers on a frozen machine: the server must cut them off (1013) without slowing the others.
 *
 * <pre>java -cp realtime-bench.jar dev.realtime.bench.fanout.StalledClients PORT COUNT ROOMS SECONDS</pre>
 *
 * <p>Client {@code i} joins {@code room<i % ROOMS>}, the rooms {@link FanOut} uses. A small receive
 * buffer makes the stall show quickly. Holds the sockets for SECONDS, then reports how many the
 * server closed.
 */
public final class StalledClients {
  private StalledClients() {}

  /** Runs the stalled clients. */
  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    int count = Integer.parseInt(args[1]);
    int rooms = Integer.parseInt(args[2]);
    long seconds = Long.parseLong(args[3]);
    List<Socket> sockets = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Socket socket = new Socket();
      socket.setReceiveBufferSize(4096);
      socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
      byte[] nonce = new byte[16];
      ThreadLocalRandom.current().nextBytes(nonce);
      OutputStream out = socket.getOutputStream();
      out.write(("GET /ws?username=stalled" + i + "&room=room" + (i % rooms) + " HTTP/1.1\r\n"
          + "Host: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
          + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n"
          + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] status = in.readNBytes(12);
      if (!new String(status, StandardCharsets.US_ASCII).contains("101")) {
        throw new IOException("client " + i + " was refused");
      }
      sockets.add(socket); // from here on nothing is read
    }
    System.out.println("stalled " + count + " clients in " + rooms + " rooms; holding " + seconds + " s");
    Thread.sleep(seconds * 1000);
    int closed = 0;
    for (Socket socket : sockets) {
      try {
        // A socket the server dropped answers a write with a reset sooner or later.
        socket.getOutputStream().write(new byte[] {(byte) 0x8A, (byte) 0x80, 0, 0, 0, 0});
        socket.getOutputStream().write(new byte[] {(byte) 0x8A, (byte) 0x80, 0, 0, 0, 0});
      } catch (IOException e) {
        closed++;
      }
      socket.close();
    }
    System.out.println("server had closed at least " + closed + " of " + count);
  }
}
