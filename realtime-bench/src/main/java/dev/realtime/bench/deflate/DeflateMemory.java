package dev.realtime.bench.deflate;

import dev.realtime.transport.Connection;
import dev.realtime.transport.ConnectionListener;
import dev.realtime.transport.OutboundMessage;
import dev.realtime.transport.netty.Deflate;
import dev.realtime.transport.netty.NettyServer;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Deflater;

/**
 * Measures what permessage-deflate costs per connection on the Netty transport: starts a server in
 * this process, opens N connections that each exchange one compressed message and stay open, and
 * prints the resident memory (after a GC) per connection against the same run without compression.
 *
 * <pre>java -cp realtime-bench.jar dev.realtime.bench.deflate.DeflateMemory off|takeover|none [N]</pre>
 */
public final class DeflateMemory {
  private DeflateMemory() {}

  /** Runs one measurement: {@code args[0]} the mode, {@code args[1]} the connection count. */
  public static void main(String[] args) throws Exception {
    String mode = args.length > 0 ? args[0] : "takeover";
    int count = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    NettyServer.Builder builder = NettyServer.builder().host("127.0.0.1").port(0).ioThreads(2)
        .route("/ws", new Echo());
    switch (mode) {
      case "takeover" -> builder.deflate(Deflate.withContextTakeover());
      case "none" -> builder.deflate(Deflate.withoutContextTakeover());
      case "off" -> { }
      default -> throw new IllegalArgumentException("mode: off, takeover or none");
    }
    NettyServer server = builder.build().start();
    List<Socket> sockets = new ArrayList<>();
    String text = "{\"type\":\"message\",\"content\":\"" + "hello deflate ".repeat(40) + "\"}";
    // warm up the JVM and Netty's allocator with a few connections before the baseline
    for (int i = 0; i < 20; i++) {
      sockets.add(connect(server.port(), text, !mode.equals("off")));
    }
    long before = settledRss();
    for (int i = 0; i < count; i++) {
      sockets.add(connect(server.port(), text, !mode.equals("off")));
    }
    long after = settledRss();
    System.out.printf("mode=%s connections=%d rss_before=%d KiB rss_after=%d KiB per_connection=%.1f KiB%n",
        mode, count, before, after, (after - before) / (double) count);
    for (Socket socket : sockets) {
      socket.close();
    }
    server.stop(Duration.ofSeconds(2));
  }

  private static long settledRss() throws Exception {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(300);
    }
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    throw new IllegalStateException("no VmRSS");
  }

  /** Opens a connection offering deflate, sends one compressed message and reads its echo. */
  private static Socket connect(int port, String text, boolean deflate) throws IOException {
    Socket socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(10_000);
    OutputStream out = socket.getOutputStream();
    DataInputStream in = new DataInputStream(socket.getInputStream());
    out.write(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
        + (deflate ? "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n" : "")
        + "\r\n").getBytes(StandardCharsets.US_ASCII));
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
      head.write(in.readUnsignedByte());
    }
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    int first = 0x81;
    if (deflate) {
      Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
      deflater.setInput(payload);
      byte[] buffer = new byte[payload.length + 64];
      int length = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
      deflater.end();
      payload = Arrays.copyOf(buffer, length - 4);
      first |= 0x40;
    }
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    frame.write(first);
    if (payload.length < 126) {
      frame.write(0x80 | payload.length);
    } else {
      frame.write(0x80 | 126);
      frame.write(payload.length >>> 8);
      frame.write(payload.length);
    }
    frame.write(new byte[4]); // a zero mask
    frame.write(payload);
    out.write(frame.toByteArray());
    out.flush();
    in.readUnsignedByte();
    int length = in.readUnsignedByte() & 0x7F;
    if (length == 126) {
      length = in.readUnsignedShort();
    }
    in.readFully(new byte[length]);
    return socket;
  }

  /** Echoes messages. */
  private static final class Echo implements ConnectionListener {
    @Override
    public void onOpen(Connection connection) {}

    @Override
    public void onText(Connection connection, String text) {
      connection.send(OutboundMessage.text(text));
    }

    @Override
    public void onBinary(Connection connection, ByteBuffer data) {}

    @Override
    public void onClose(Connection connection, int code, String reason, boolean remote) {}

    @Override
    public void onError(Connection connection, Throwable error) {}
  }
}
