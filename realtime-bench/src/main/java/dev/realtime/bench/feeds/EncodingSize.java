package dev.realtime.bench.feeds;

import dev.realtime.examples.analytics.EventSimulator;
import dev.realtime.examples.analytics.model.AnalyticsEvent;
import dev.realtime.examples.analytics.wire.Encoding;
import dev.realtime.protocol.Json;
import dev.realtime.transport.OutboundMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.Deflater;

/**
 * What the protobuf subprotocol saves over JSON on a recorded analytics stream: every event frame
 * encoded both ways, and both again through per-message deflate without context takeover (what
 * {@code --deflate} negotiates), so the saving is shown beside compression.
 *
 * <p>Usage: {@code java -cp realtime-bench.jar dev.realtime.bench.feeds.EncodingSize [--stream
 * FILE.jsonl] [--record FILE.jsonl] [--events 10000]}. A stream is one published event per line;
 * without {@code --stream} the tool records one from the {@code --simulate} producer (seed 42, a
 * fixed clock) and, with {@code --record}, writes it there first.
 */
public final class EncodingSize {
  private EncodingSize() {}

  /** Reads or records the stream and prints the sizes. */
  public static void main(String[] args) throws IOException {
    String stream = Options.value(args, "--stream", null);
    String record = Options.value(args, "--record", null);
    int count = Integer.parseInt(Options.value(args, "--events", "10000"));
    List<AnalyticsEvent> events = stream == null ? simulated(count) : read(Path.of(stream));
    if (record != null) {
      Files.write(Path.of(record), events.stream().map(event -> Json.encode(event.json())).toList(), StandardCharsets.UTF_8);
    }
    long json = 0;
    long protobuf = 0;
    long jsonDeflated = 0;
    long protobufDeflated = 0;
    for (AnalyticsEvent event : events) {
      OutboundMessage asJson = Encoding.JSON.frames().event(event);
      OutboundMessage asProtobuf = Encoding.PROTOBUF.frames().event(event);
      json += asJson.size();
      protobuf += asProtobuf.size();
      jsonDeflated += deflated(bytes(asJson));
      protobufDeflated += deflated(bytes(asProtobuf));
    }
    System.out.printf(Locale.ROOT, "%d events from %s%n", events.size(), stream == null ? "the simulator (seed 42)" : stream);
    System.out.println("encoding               bytes      bytes/event  vs JSON");
    row("JSON", json, events.size(), json);
    row("protobuf", protobuf, events.size(), json);
    row("JSON + deflate", jsonDeflated, events.size(), json);
    row("protobuf + deflate", protobufDeflated, events.size(), json);
  }

  private static void row(String name, long bytes, int events, long json) {
    System.out.printf(Locale.ROOT, "%-20s %10d %12.1f  %6.1f%%%n", name, bytes, (double) bytes / events, 100.0 * bytes / json);
  }

  private static List<AnalyticsEvent> simulated(int count) {
    Clock clock = Clock.fixed(Instant.parse("2025-12-08T12:34:56.789Z"), ZoneOffset.UTC);
    EventSimulator simulator = new EventSimulator(42, clock);
    List<AnalyticsEvent> events = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      events.add(simulator.next());
    }
    return events;
  }

  private static List<AnalyticsEvent> read(Path file) throws IOException {
    return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
        .filter(line -> !line.isBlank()).map(AnalyticsEvent::accepted).toList();
  }

  private static byte[] bytes(OutboundMessage message) {
    if (message.isText()) {
      return message.text().getBytes(StandardCharsets.UTF_8);
    }
    byte[] data = new byte[message.payload().remaining()];
    message.payload().duplicate().get(data);
    return data;
  }

  /** The size of one message deflated on its own, less the 4-byte tail permessage-deflate drops. */
  private static int deflated(byte[] data) {
    Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    deflater.setInput(data);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[4096];
    int written;
    do {
      written = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
      out.write(buffer, 0, written);
    } while (written == buffer.length);
    deflater.end();
    return out.size() - 4;
  }
}
